import { EventEmitter } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ViteDevServer } from 'vite';
import { afterEach, expect, test, vi } from 'vitest';
import { devChecksPlugin } from '../../integration/dev-checks.ts';
import { parseConfig } from '../../config/load-config.ts';
import { findingsAt, type DevFindings } from '../../integration/dev-findings.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

vi.setConfig({ testTimeout: 60_000 });

const made: string[] = [];
afterEach(async () => {
	for (const dir of made.splice(0)) await removeFixture(dir);
});

/** The two pieces of Vite's dev server the plugin uses: the file watcher and the HMR socket. */
function fakeServer() {
	const watcher = Object.assign(new EventEmitter(), { add: vi.fn() });
	const ws = Object.assign(new EventEmitter(), { send: vi.fn() });
	return { server: { watcher, ws } as unknown as ViteDevServer, watcher, ws };
}

async function startOn(files: Record<string, string>, base = '/') {
	const tree = await writeFixture(files);
	made.push(tree);
	const docs = join(tree, 'guidebooks');
	const logged: string[] = [];
	const logger = {
		info: vi.fn((line: string) => logged.push(line)),
		warn: vi.fn((line: string) => logged.push(line)),
		error: vi.fn((line: string) => logged.push(line)),
	};
	const plugin = devChecksPlugin(
		{
			root: docs,
			config: parseConfig({}),
			outDir: join(tree, 'dist'),
			stateDir: join(tree, '.waymark'),
			trust: 'trusted',
			setAside: [],
		},
		{ cwd: tree, parser: 'native', base },
		logger as never,
	);
	const { server, watcher, ws } = fakeServer();
	(plugin.configureServer as (s: ViteDevServer) => void)(server);
	const sent = (): DevFindings[] =>
		ws.send.mock.calls.map(([event, payload]) => {
			expect(event).toBe('waymark:findings');
			return payload as DevFindings;
		});
	const save = async (path: string, text: string, checks: number): Promise<void> => {
		await writeFile(join(docs, path), text);
		watcher.emit('change', join(docs, path));
		await vi.waitFor(() => expect(ws.send).toHaveBeenCalledTimes(checks), { timeout: 30_000 });
	};
	await vi.waitFor(() => expect(ws.send).toHaveBeenCalledTimes(1), { timeout: 30_000 });
	const lines = () => [...logged];
	return { ws, logger, sent, save, lines, watcher };
}

test("sends each page its own findings, never Vite's error overlay; a clean page gets none", async () => {
	const { sent, ws } = await startOn(
		{
			'guidebooks/README.md': '# Home\n\n[Ops](ops/README.md#rollback)\n',
			'guidebooks/ops/README.md': '# Ops\n\n## Roll back\n',
			'guidebooks/clean.md': '# Clean\n\n[Home](README.md)\n',
		},
		'/runbooks/',
	);
	const [findings] = sent();
	expect(findingsAt(findings as DevFindings, '/runbooks/')).toEqual([
		{
			severity: 'error',
			rule: 'internal-links',
			line: 3,
			column: 1,
			message:
				'Unexpected link to missing heading `#rollback` in `ops/README.md`, expected one of `#ops`, `#roll-back`; did you mean `#roll-back`',
		},
	]);
	expect(findingsAt(findings as DevFindings, '/runbooks/clean/')).toEqual([]);
	expect(findingsAt(findings as DevFindings, '/runbooks/ops/')).toEqual([]);
	// A page that loads asks, and gets them; nothing was ever sent as an error payload.
	const client = { send: vi.fn() };
	ws.emit('waymark:findings-wanted', {}, client);
	expect(client.send).toHaveBeenCalledWith('waymark:findings', findings);
	expect(
		ws.send.mock.calls.some(
			([payload]) => typeof payload === 'object' && (payload as { type?: string }).type === 'error',
		),
	).toBe(false);
});

test('logs every finding once at start, then for each save only the findings it added and fixed', async () => {
	const { save, lines, logger } = await startOn({
		'guidebooks/README.md': '# Home\n\n[Ops](ops.md#rollback)\n\n[Gone](gone.md)\n',
		'guidebooks/ops.md': '# Ops\n\n## Roll back\n\n[Home](README.md)\n',
	});
	expect(lines()).toEqual([
		'guidebooks/README.md:3:1: Unexpected link to missing heading `#rollback` in `ops.md`, expected one of `#ops`, `#roll-back`; did you mean `#roll-back` (internal-links)',
		'guidebooks/README.md:5:1: Unexpected link to missing file `gone.md`, expected an existing file (internal-links)',
		'2 errors and 0 warnings in the guidebooks; each page shows its own. Run `waymark check` for the gate.',
	]);
	expect(logger.error).toHaveBeenCalledTimes(2);
	const before = lines().length;

	// A save that changes no finding (the findings move down a line): nothing logged.
	await save('README.md', '# Home\n\nMoved.\n[Ops](ops.md#rollback)\n\n[Gone](gone.md)\n', 2);
	expect(lines()).toHaveLength(before);

	// A save that fixes one and adds one: those two, and the totals.
	await save(
		'README.md',
		'# Home\n\nMoved.\n[Ops](ops.md#roll-back)\n\n[Gone](gone.md)\n\n[New](#nowhere)\n',
		3,
	);
	expect(lines().slice(before)).toEqual([
		'1 new finding, 1 fixed; 2 errors and 0 warnings in the guidebooks.',
		'new: guidebooks/README.md:8:1: Unexpected link to missing heading `#nowhere`, expected one of `#home` (internal-links)',
		'fixed: guidebooks/README.md: Unexpected link to missing heading `#rollback` in `ops.md`, expected one of `#ops`, `#roll-back`; did you mean `#roll-back` (internal-links)',
	]);
	expect(logger.error).toHaveBeenLastCalledWith(expect.stringMatching(/^new: /));
});
