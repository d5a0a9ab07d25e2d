import '../helpers/load-tools.ts';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { hugoSiteOf } from '../../tools/hugo/site.ts';
import { toolRead } from '../helpers/tool-reading.ts';
import type { HugoData } from '../../tools/hugo/data.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// The pages of a Hugo site's content outside the root, which a `ref` may name: listed from every
// content mount that is a folder inside the site. jaeger mounts a picture onto `content`
// (`static/img/hero-background.jpg` → `content/hero-background.jpg`), and the first version walked
// it as a folder and stopped the build (exit 2). Generated: every subset of five kinds of mount
// (a folder, a file, a missing path, a folder outside the site through a link, the root's own
// folder with a filter), in order; the listing never throws and holds exactly the folders' pages.

let dir: string;
let outside: string;
beforeAll(async () => {
	outside = await writeFixture({ 'elsewhere.md': '# Elsewhere\n' });
	dir = await writeFixture({
		'hugo.yaml': 'title: Docs\n',
		'content/v2/_index.md': '# v2\n',
		'content/v2/ops.md': '# Ops\n',
		'content/v1/old.md': '# Old\n',
		'content/cli/_index.md': '# CLI\n',
		'content/cli/draft.txt': 'not a page',
		'static/img/hero.jpg': 'jpg',
	});
	await mkdir(join(dir, 'linked'), { recursive: true });
	await symlink(outside, join(dir, 'linked/out'));
	await writeFile(join(dir, 'content/v1/skip.md'), '# Skipped\n');
});
afterAll(async () => {
	await removeFixture(dir);
	await removeFixture(outside);
});

const kinds = [
	{
		mount: { source: 'content', target: 'content', files: ['! **/skip.md'] },
		pages: ['cli/_index.md', 'v1/old.md'],
	},
	{ mount: { source: 'static/img/hero.jpg', target: 'content/hero.jpg' }, pages: [] },
	{ mount: { source: 'missing', target: 'content/missing' }, pages: [] },
	{ mount: { source: 'linked/out', target: 'content/out' }, pages: [] },
	{ mount: { source: 'content/cli', target: 'content/tools' }, pages: ['tools/_index.md'] },
];

test('lists the pages of every content mount that is a folder in the site, whatever else is mounted (31 generated)', async () => {
	for (let mask = 1; mask < 1 << kinds.length; mask++) {
		const chosen = kinds.filter((_, i) => mask & (1 << i));
		const config = { module: { mounts: chosen.map((k) => k.mount) } };
		const hugo = { ...hugoSiteOf(config, dir), links: 'url' as const };
		// The root, `content/v2`, is at `/v2/` through the mount of `content`, else through `contentDir`.
		const settings = (
			await toolRead('hugo', join(dir, 'content/v2'), hugo, {
				boundary: dir,
				pages: ['_index.md', 'ops.md'],
			})
		).data as HugoData;
		const pages = chosen.flatMap((k) => k.pages).sort();
		const expected = pages.length > 0 ? pages : undefined;
		expect(settings.links.contentPages, JSON.stringify(chosen.map((k) => k.mount.source))).toEqual(
			expected,
		);
	}
});

test('a mount from elsewhere in the repository is listed; one leading out of it is not', async () => {
	const repo = await writeFixture({
		'site/hugo.yaml': 'title: Docs\n',
		'site/content/v2/_index.md': '# v2\n',
		'shared/x.md': '# X\n',
		'shared/deep/y.md': '# Y\n',
	});
	try {
		const site = join(repo, 'site');
		const config = {
			module: {
				mounts: [
					{ source: 'content', target: 'content' },
					{ source: '../shared', target: 'content/shared' },
					{ source: outside, target: 'content/out' },
				],
			},
		};
		const settings = (
			await toolRead(
				'hugo',
				join(site, 'content/v2'),
				{ ...hugoSiteOf(config, site), links: 'url' as const },
				{ boundary: repo, pages: ['_index.md'] },
			)
		).data as HugoData;
		expect(settings.links.contentPages).toEqual(['shared/deep/y.md', 'shared/x.md']);
	} finally {
		await removeFixture(repo);
	}
});

test("without mounts, the content folder's pages outside the root", async () => {
	const hugo = hugoSiteOf({}, dir);
	const settings = (
		await toolRead('hugo', join(dir, 'content/v2'), hugo, {
			boundary: dir,
			pages: ['_index.md', 'ops.md'],
		})
	).data as HugoData;
	expect(settings.links).toMatchObject({
		rootUrl: '/v2/',
		contentPages: ['cli/_index.md', 'v1/old.md', 'v1/skip.md'],
	});
});
