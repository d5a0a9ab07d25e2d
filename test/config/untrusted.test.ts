import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../config/load-config.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

let project: string;
let elsewhere: string;

const config = [
	'root: guidebooks',
	'site:',
	'  allowRawHtml: true',
	'diagrams:',
	'  chromium: ./tools/x.sh',
	'  cacheDir: ./cache/diagrams',
	'links:',
	'  cache:',
	'    dir: ../elsewhere/links',
	'status:',
	'  database: /var/lib/waymark/status.sqlite',
	'network:',
	"  allow: [public, private, '169.254.169.254']",
	'  env: [DEPLOY_KEY]',
	'',
].join('\n');

beforeAll(async () => {
	[project, elsewhere] = await Promise.all([
		writeFixture({ 'waymark.config.yaml': config, 'guidebooks/README.md': '# Home\n' }),
		writeFixture({}),
	]);
});

afterAll(async () => {
	await Promise.all([removeFixture(project), removeFixture(elsewhere)]);
});

describe('an untrusted config', () => {
	test('sets aside programs, raw HTML and paths leading outside the project, each with its line', async () => {
		const loaded = await loadConfig({ cwd: project, trust: 'untrusted' });
		const shown = (text: string) =>
			text.replaceAll(loaded.stateDir, '<state>').replaceAll(project, '<project>');
		const state = (written: string, used: string) =>
			`places Waymark's state (\`${written}\`), which a branch under review may not choose: an untrusted run reads nothing the branch could have written as its own results, so its state lives outside the tree (\`${used}\`)`;
		expect(
			loaded.setAside.map(
				(s) => `${s.position.line}:${s.position.column} ${s.key}: ${shown(s.reason)}`,
			),
		).toEqual([
			'5:3 diagrams.chromium: names a program (`<project>/tools/x.sh`), which an untrusted tree may not choose; Chromium comes from `WAYMARK_CHROMIUM` or the installation',
			'3:3 site.allowRawHtml: turns off the HTML sanitiser, which an untrusted tree may not do; raw HTML is sanitised',
			'13:3 network.allow: opens addresses to the network checks, which an untrusted tree may not do; it reaches public addresses only',
			'14:3 network.env: lets `${env:NAME}` read the environment, which an untrusted tree may not do; nothing is expanded',
			`6:3 diagrams.cacheDir: ${state('<project>/cache/diagrams', '<state>/diagrams')}`,
			`9:5 links.cache.dir: ${state(shown(join(project, '../elsewhere/links')), '<state>/cache')}`,
			`11:3 status.database: ${state('/var/lib/waymark/status.sqlite', '<state>/status.sqlite')}`,
		]);
		expect(loaded.config.diagrams.chromium).toBeUndefined();
		expect(loaded.config.site.allowRawHtml).toBe(false);
		expect(loaded.stateDir.startsWith(project)).toBe(false);
		expect(loaded.config.links.cache.dir).toBe(join(loaded.stateDir, 'cache'));
		expect(loaded.config.status.database).toBe(join(loaded.stateDir, 'status.sqlite'));
		expect(loaded.config.network).toMatchObject({ allow: ['public'], env: [] });
	});

	test('keeps the root inside the project', async () => {
		const loaded = await loadConfig({ cwd: project, trust: 'untrusted' });
		expect(loaded.root).toBe(join(project, 'guidebooks'));
	});

	test('takes paths given as flags as they are', async () => {
		const loaded = await loadConfig({
			cwd: project,
			trust: 'untrusted',
			root: elsewhere,
			outDir: join(elsewhere, 'site'),
		});
		expect([loaded.root, loaded.outDir]).toEqual([elsewhere, join(elsewhere, 'site')]);
		expect(loaded.setAside.map((s) => s.key)).not.toContain('root');
	});

	test('refuses a default path a symbolic link in the project leads outside', async () => {
		const linked = await writeFixture({
			'waymark.config.yaml': 'outDir: site\n',
			'guidebooks/README.md': '# Home\n',
		});
		try {
			await mkdir(join(elsewhere, 'site'), { recursive: true });
			await symlink(join(elsewhere, 'site'), join(linked, 'dist'));
			await symlink(join(elsewhere, 'site'), join(linked, 'site'));
			await expect(loadConfig({ cwd: linked, trust: 'untrusted' })).rejects.toThrow(
				/`outDir` defaults to `.*\/dist`, which a symbolic link in the project leads outside/,
			);
			await expect(loadConfig({ cwd: linked })).resolves.toMatchObject({ trust: 'trusted' });
		} finally {
			await removeFixture(linked);
		}
	});
});

test('a trusted config keeps every setting', async () => {
	const loaded = await loadConfig({ cwd: project });
	expect(loaded.setAside).toEqual([]);
	expect(loaded.config.diagrams.chromium).toBe(join(project, 'tools/x.sh'));
	expect(loaded.config.site.allowRawHtml).toBe(true);
	expect(loaded.config.status.database).toBe('/var/lib/waymark/status.sqlite');
	expect(loaded.config.network).toMatchObject({
		allow: ['public', 'private', '169.254.169.254'],
		env: ['DEPLOY_KEY'],
	});
});
