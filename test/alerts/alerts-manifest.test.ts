import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readAlertsManifest } from '../../server/alerts-manifest.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

const valid = {
	version: 1,
	site: { url: null, base: '/' },
	pages: { 'erp/backup.md': { title: 'Backup' } },
	alerts: { BackupMissing: { pages: ['erp/backup.md'] } },
};
const sites: Record<string, string> = {};

beforeAll(async () => {
	sites.valid = await writeFixture({ '_waymark/alerts.json': JSON.stringify(valid) });
	sites.missing = await writeFixture({ 'index.html': '' });
	sites.notJson = await writeFixture({ '_waymark/alerts.json': '{ "version": 1,' });
	sites.otherShape = await writeFixture({
		'_waymark/alerts.json': JSON.stringify({ version: 2, pages: {} }),
	});
	sites.folder = await writeFixture({ 'index.html': '' });
	await mkdir(join(sites.folder, '_waymark/alerts.json'), { recursive: true });
});
afterAll(async () => {
	for (const dir of Object.values(sites)) await removeFixture(dir);
});

test('reads the manifest a build wrote', async () => {
	expect(await readAlertsManifest(sites.valid ?? '')).toEqual({ manifest: valid });
});

test.each([
	['missing', 'does not exist'],
	['folder', 'cannot be read (EISDIR)'],
	['notJson', 'is not a Waymark alerts manifest ('],
	['otherShape', 'is not a Waymark alerts manifest (not a Waymark alerts manifest)'],
])(
	'never throws on a %s manifest: an empty one and a problem naming the file and why',
	async (name, reason) => {
		const dir = sites[name] ?? '';
		const { manifest, problem } = await readAlertsManifest(dir);
		expect(manifest).toEqual({ version: 1, site: { url: null, base: '/' }, pages: {}, alerts: {} });
		expect(problem?.message).toContain(`\`${join(dir, '_waymark/alerts.json')}\` ${reason}`);
		expect(problem?.hint).toBe(
			'Rebuild the site with `waymark build`, which writes this file; do not edit it by hand.',
		);
	},
);
