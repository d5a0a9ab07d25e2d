import { afterAll, beforeAll, expect, test } from 'vitest';
import { join } from 'node:path';
import { inspectImage } from '../../tree/image-source.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
let repo: string;
const assets = new Set(['erp/map.png']);

beforeAll(async () => {
	repo = await writeFixture({ 'img/ok.png': png, 'img/fake.png': 'not a png', 'img/notes.pdf': '%PDF', 'img/folder.png/x': '', 'docs/erp/map.png': png });
});

afterAll(async () => {
	await removeFixture(repo);
});

test.each([
	['map.png', undefined],
	['../../img/ok.png', undefined],
	['https://example.com/x.png', undefined],
	['/img/x.png', undefined],
	['data:image/png;base64,AAAA', undefined],
	['missing.png', { kind: 'missing', reason: 'missing image `missing.png`' }],
	['%zz.png', { kind: 'missing', reason: 'image path `%zz.png`, which is not valid percent-encoding' }],
	['../../img/gone.png', { kind: 'missing', reason: 'missing image `../../img/gone.png`' }],
	['../../img/folder.png', { kind: 'missing', reason: 'missing image `../../img/folder.png` (a folder)' }],
	['../../img/fake.png', { kind: 'unreadable', reason: 'image `../../img/fake.png` outside the tree that is not a readable PNG file' }],
	['../../img/ok.png?v=2', { kind: 'unreadable', reason: 'image `../../img/ok.png?v=2` outside the tree with a query or fragment, which the bundler cannot read' }],
	['../../img/notes.pdf', { kind: 'unreadable', reason: 'image `../../img/notes.pdf` outside the tree in a format the site cannot bundle (`.pdf`)' }],
])('judges %s from erp/ops.md', async (url, verdict) => {
	expect(await inspectImage(join(repo, 'docs'), 'erp/ops.md', url, assets)).toEqual(verdict);
});
