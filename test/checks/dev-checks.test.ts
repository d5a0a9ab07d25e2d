import { EventEmitter } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ViteDevServer } from 'vite';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { devChecksPlugin } from '../../integration/astro-checks.ts';
import { parseConfig } from '../../config/load-config.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// Each test spawns the CLI (a fresh Node process); give it room on a busy 2-core runner.
vi.setConfig({ testTimeout: 60_000 });

let root: string;

beforeAll(async () => {
	root = await writeFixture({ 'README.md': '# Home\n\n[Ops](ops.md#rollback)\n', 'ops.md': '# Ops\n\n## Roll back\n\n[Home](README.md)\n' });
});

afterAll(async () => {
	await removeFixture(root);
});

/** The two pieces of Vite's dev server the plugin uses: the file watcher and the HMR socket. */
function fakeServer() {
	const watcher = Object.assign(new EventEmitter(), { add: vi.fn() });
	const ws = Object.assign(new EventEmitter(), { send: vi.fn() });
	return { server: { watcher, ws } as unknown as ViteDevServer, watcher, ws };
}

test('shows findings in the dev overlay and re-checks when a page is saved', async () => {
	const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
	const plugin = devChecksPlugin({ root, config: parseConfig({}), outDir: join(root, 'dist'), stateDir: join(root, '.waymark'), trust: 'trusted', setAside: [] }, { cwd: root, parser: 'native' }, logger as never);
	const { server, watcher, ws } = fakeServer();
	(plugin.configureServer as (s: ViteDevServer) => void)(server);
	expect(watcher.add).toHaveBeenCalledWith(root);

	await vi.waitFor(() => expect(ws.send).toHaveBeenCalledTimes(1), { timeout: 30_000 });
	const payload = ws.send.mock.calls[0]?.[0] as { type: string; err: { message: string; loc: { file: string; line: number; column: number } } };
	expect(payload.type).toBe('error');
	expect(payload.err.message).toContain('README.md:3:1: Unexpected link to missing heading `#rollback` in `ops.md`');
	expect(payload.err.loc).toEqual({ file: join(root, 'README.md'), line: 3, column: 1 });

	await writeFile(join(root, 'README.md'), '# Home\n\n[Ops](ops.md#roll-back)\n');
	watcher.emit('change', join(root, 'README.md'));
	await vi.waitFor(() => expect(logger.info).toHaveBeenCalledWith('Waymark checks pass again.'), { timeout: 30_000 });
	expect(ws.send).toHaveBeenCalledTimes(1);
});

test('logs each finding once, in the form the build prints, and again only when the findings change', async () => {
	const tree = await writeFixture({ 'guidebooks/README.md': '# Home\n\n[Ops](ops.md#rollback)\n\n[unused]: https://example.com/u\n', 'guidebooks/ops.md': '# Ops\n\n## Roll back\n\n[Home](README.md)\n' });
	try {
		const docs = join(tree, 'guidebooks');
		const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
		const plugin = devChecksPlugin({ root: docs, config: parseConfig({}), outDir: join(tree, 'dist'), stateDir: join(tree, '.waymark'), trust: 'trusted', setAside: [] }, { cwd: tree, parser: 'native' }, logger as never);
		const { server, watcher, ws } = fakeServer();
		(plugin.configureServer as (s: ViteDevServer) => void)(server);
		await vi.waitFor(() => expect(ws.send).toHaveBeenCalledTimes(1), { timeout: 30_000 });
		const error = 'guidebooks/README.md:3:1: Unexpected link to missing heading `#rollback` in `ops.md`, expected one of `#ops`, `#roll-back`; did you mean `#roll-back` (internal-links)';
		const warning = 'guidebooks/README.md:5:1: Unexpected unused definition `[unused]`, expected a reference to it or no definition (internal-links)';
		expect(logger.error.mock.calls).toEqual([[error]]);
		expect(logger.warn.mock.calls).toEqual([[warning]]);

		// A save that changes no finding: checked again (the overlay is sent again), nothing logged again.
		await writeFile(join(docs, 'ops.md'), '# Ops\n\n## Roll back\n\n[Home](README.md) again.\n');
		watcher.emit('change', join(docs, 'ops.md'));
		await vi.waitFor(() => expect(ws.send).toHaveBeenCalledTimes(2), { timeout: 30_000 });
		expect([logger.error.mock.calls.length, logger.warn.mock.calls.length]).toEqual([1, 1]);

		// A save that fixes the error: the warning that is left is logged again, alone.
		await writeFile(join(docs, 'README.md'), '# Home\n\n[Ops](ops.md#roll-back)\n\n[unused]: https://example.com/u\n');
		watcher.emit('change', join(docs, 'README.md'));
		await vi.waitFor(() => expect(logger.info).toHaveBeenCalledWith('Waymark checks pass again.'), { timeout: 30_000 });
		expect(logger.error.mock.calls).toEqual([[error]]);
		expect(logger.warn.mock.calls).toEqual([[warning], [warning]]);
	} finally {
		await removeFixture(tree);
	}
});
