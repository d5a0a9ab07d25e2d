import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadConfig } from '../../config/load-config.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

let dir: string;

beforeAll(async () => {
	dir = await writeFixture({
		'docs/waymark.config.yaml':
			'root: runbooks\ndiagrams:\n  cacheDir: cache/diagrams\nlinks:\n  cache:\n    dir: cache/links\nstatus:\n  database: state/status.sqlite\n',
	});
});

afterAll(async () => {
	await removeFixture(dir);
});

test("resolves every path in the config file against the file's folder, whatever the working directory", async () => {
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
	expect(loaded.config.diagrams.cacheDir).toBe(join(dir, '.waymark/diagrams'));
	expect(loaded.stateDir).toBe(join(dir, '.waymark'));
});

test('keys left at their default follow the state folder, written ones do not', async () => {
	const config = await writeFixture({
		'waymark.config.yaml': 'stateDir: var/waymark\nstatus:\n  database: history.sqlite\n',
	});
	try {
		const fromFile = await loadConfig({ cwd: config });
		expect([
			fromFile.stateDir,
			fromFile.config.diagrams.cacheDir,
			fromFile.config.links.cache.dir,
			fromFile.config.status.database,
		]).toEqual([
			join(config, 'var/waymark'),
			join(config, 'var/waymark/diagrams'),
			join(config, 'var/waymark/cache'),
			join(config, 'history.sqlite'),
		]);
		// `--state-dir` is relative to the working directory, and wins over the file.
		const fromFlag = await loadConfig({
			cwd: dir,
			configFile: join(config, 'waymark.config.yaml'),
			stateDir: 'state',
		});
		expect([fromFlag.stateDir, fromFlag.config.links.cache.dir]).toEqual([
			join(dir, 'state'),
			join(dir, 'state/cache'),
		]);
	} finally {
		await removeFixture(config);
	}
});
