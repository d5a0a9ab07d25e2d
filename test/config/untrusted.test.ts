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
	[project, elsewhere] = await Promise.all([writeFixture({ 'waymark.config.yaml': config, 'guidebooks/README.md': '# Home\n' }), writeFixture({})]);
});

afterAll(async () => {
	await Promise.all([removeFixture(project), removeFixture(elsewhere)]);
});

describe('an untrusted config', () => {
	test('sets aside programs, raw HTML and paths leading outside the project, each with its line', async () => {
		const loaded = await loadConfig({ cwd: project, trust: 'untrusted' });
		expect(loaded.setAside.map((s) => `${s.position.line}:${s.position.column} ${s.key}: ${s.reason.replaceAll(project, '<project>')}`)).toEqual([
			'5:3 diagrams.chromium: names a program (`<project>/tools/x.sh`), which an untrusted tree may not choose; Chromium comes from `WAYMARK_CHROMIUM` or the installation',
			'3:3 site.allowRawHtml: turns off the HTML sanitiser, which an untrusted tree may not do; raw HTML is sanitised',
			'13:3 network.allow: opens addresses to the network checks, which an untrusted tree may not do; it reaches public addresses only',
			'14:3 network.env: lets `${env:NAME}` read the environment, which an untrusted tree may not do; nothing is expanded',
			`9:5 links.cache.dir: leads outside the project folder (\`${join(project, '../elsewhere/links')}\`), where an untrusted tree may not read or write; \`.waymark/cache\` is used`,
			'11:3 status.database: leads outside the project folder (`/var/lib/waymark/status.sqlite`), where an untrusted tree may not read or write; `.waymark/status.sqlite` is used',
		]);
		expect(loaded.config.diagrams.chromium).toBeUndefined();
		expect(loaded.config.site.allowRawHtml).toBe(false);
		expect(loaded.config.links.cache.dir).toBe(join(project, '.waymark/cache'));
		expect(loaded.config.status.database).toBe(join(project, '.waymark/status.sqlite'));
		expect(loaded.config.network).toMatchObject({ allow: ['public'], env: [] });
	});

	test('keeps paths inside the project', async () => {
		const loaded = await loadConfig({ cwd: project, trust: 'untrusted' });
		expect(loaded.config.diagrams.cacheDir).toBe(join(project, 'cache/diagrams'));
		expect(loaded.root).toBe(join(project, 'guidebooks'));
	});

	test('takes paths given as flags as they are', async () => {
		const loaded = await loadConfig({ cwd: project, trust: 'untrusted', root: elsewhere, outDir: join(elsewhere, 'site') });
		expect([loaded.root, loaded.outDir]).toEqual([elsewhere, join(elsewhere, 'site')]);
		expect(loaded.setAside.map((s) => s.key)).not.toContain('root');
	});

	test('refuses a default path a symbolic link in the project leads outside', async () => {
		const linked = await writeFixture({ 'guidebooks/README.md': '# Home\n' });
		try {
			await mkdir(join(elsewhere, 'state'), { recursive: true });
			await symlink(join(elsewhere, 'state'), join(linked, '.waymark'));
			await expect(loadConfig({ cwd: linked, trust: 'untrusted' })).rejects.toThrow(/`stateDir` defaults to `.*\/\.waymark`, which a symbolic link in the project leads outside/);
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
	expect(loaded.config.network).toMatchObject({ allow: ['public', 'private', '169.254.169.254'], env: ['DEPLOY_KEY'] });
});
