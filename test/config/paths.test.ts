import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadConfig } from '../../config/load-config.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

let dir: string;

beforeAll(async () => {
	dir = await writeFixture({
		'docs/waymark.config.yaml': 'root: runbooks\ndiagrams:\n  cacheDir: cache/diagrams\nlinks:\n  cache:\n    dir: cache/links\nstatus:\n  database: state/status.sqlite\n',
	});
});

afterAll(async () => {
	await removeFixture(dir);
});

test('resolves every path in the config file against the file\'s folder, whatever the working directory', async () => {
	const loaded = await loadConfig({ cwd: dir, configFile: 'docs/waymark.config.yaml' });
	expect({
		root: loaded.root,
		diagrams: loaded.config.diagrams.cacheDir,
		links: loaded.config.links.cache.dir,
		status: loaded.config.status.database,
	}).toEqual({
		root: join(dir, 'docs/runbooks'),
		diagrams: join(dir, 'docs/cache/diagrams'),
		links: join(dir, 'docs/cache/links'),
		status: join(dir, 'docs/state/status.sqlite'),
	});
});

test('resolves default paths against the working directory when there is no config file', async () => {
	const loaded = await loadConfig({ cwd: dir });
	expect(loaded.config.links.cache.dir).toBe(join(dir, '.waymark/cache'));
	expect(loaded.config.status.database).toBe(join(dir, '.waymark/status.sqlite'));
	expect(loaded.config.diagrams.cacheDir).toBeUndefined();
});
