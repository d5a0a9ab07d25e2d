import { hrefFromRootUrl } from '../../tools/hugo/links.ts';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { inspectImage, type ImageBounds } from '../../tree/image-source.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

const png = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64',
);
let repo: string;
let outside: string;
const assets = new Set(['erp/map.png']);
let trusted: ImageBounds;
let untrusted: ImageBounds;

beforeAll(async () => {
	[repo, outside] = await Promise.all([
		writeFixture({
			'img/ok.png': png,
			'img/fake.png': 'not a png',
			'img/notes.pdf': '%PDF',
			'img/folder.png/x': '',
			'docs/erp/map.png': png,
		}),
		writeFixture({ 'elsewhere.png': png }),
	]);
	await symlink(join(outside, 'elsewhere.png'), join(repo, 'img/linked.png'));
	// The repository's top is `repo`, the guidebook root its `docs/`.
	const place = { top: repo, rootPath: 'docs', inRepository: true };
	trusted = { trust: 'trusted', place };
	untrusted = { trust: 'untrusted', place };
});

afterAll(async () => {
	await Promise.all([removeFixture(repo), removeFixture(outside)]);
});

test.each([
	['map.png', undefined],
	['../../img/ok.png', undefined],
	['/img/ok.png', undefined],
	['https://example.com/x.png', undefined],
	['//example.com/x.png', undefined],
	['data:image/png;base64,AAAA', undefined],
	['missing.png', { kind: 'missing', reason: 'missing image `missing.png`' }],
	['/img/x.png', { kind: 'missing', reason: 'missing image `/img/x.png`' }],
	[
		'%zz.png',
		{ kind: 'missing', reason: 'image path `%zz.png`, which is not valid percent-encoding' },
	],
	['../../img/gone.png', { kind: 'missing', reason: 'missing image `../../img/gone.png`' }],
	[
		'../../img/folder.png',
		{ kind: 'missing', reason: 'missing image `../../img/folder.png` (a folder)' },
	],
	[
		'../../img/fake.png',
		{
			kind: 'unreadable',
			reason: 'image `../../img/fake.png` outside the tree that is not a readable PNG file',
		},
	],
	[
		'../../img/ok.png?v=2',
		{
			kind: 'unreadable',
			reason:
				'image `../../img/ok.png?v=2` outside the tree with a query or fragment, which the bundler cannot read',
		},
	],
	[
		'../../img/notes.pdf',
		{
			kind: 'unreadable',
			reason:
				'image `../../img/notes.pdf` outside the tree in a format the site cannot bundle (`.pdf`)',
		},
	],
	[
		'../../../elsewhere.png',
		{
			kind: 'outside',
			crossed: 'repository',
			reason: 'image `../../../elsewhere.png` outside the repository',
		},
	],
	[
		'../../img/linked.png',
		{
			kind: 'outside',
			crossed: 'link',
			reason:
				'image `../../img/linked.png` reached through a symbolic link leading out of the repository',
		},
	],
])('judges %s from erp/ops.md in a trusted tree', async (url, verdict) => {
	expect(await inspectImage(join(repo, 'docs'), 'erp/ops.md', url, assets, trusted)).toEqual(
		verdict,
	);
});

test.each(['../../img/ok.png', '/img/ok.png', '../../img/linked.png'])(
	'bundles no file from outside the root of an untrusted tree: %s',
	async (url) => {
		expect(await inspectImage(join(repo, 'docs'), 'erp/ops.md', url, assets, untrusted)).toEqual({
			kind: 'outside',
			crossed: 'untrusted',
			reason: `image \`${url}\` outside the tree of a run that does not trust it`,
		});
		// Control: its own images still show.
		expect(
			await inspectImage(join(repo, 'docs'), 'erp/ops.md', 'map.png', assets, untrusted),
		).toBeUndefined();
	},
);

test.each([
	// The root `docs/` published at `/docs/main/` by its Hugo site: its URL names the root's own file.
	['/docs/main/erp/map.png', undefined],
	[
		'/docs/main/erp/gone.png',
		{ kind: 'missing', reason: 'missing image `/docs/main/erp/gone.png`' },
	],
	// Control: any other root-absolute path is read as before.
	['/img/ok.png', undefined],
])(
	"reads %s from the root's URL on its Hugo site, as the site's links do",
	async (url, verdict) => {
		const hugo: ImageBounds = {
			...trusted,
			asWritten: (_from, written) =>
				hrefFromRootUrl(written, { style: 'url', rootUrl: '/docs/main/' }),
		};
		expect(await inspectImage(join(repo, 'docs'), 'erp/ops.md', url, assets, hugo)).toEqual(
			verdict,
		);
	},
);
