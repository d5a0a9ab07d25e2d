import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ProbeResult } from '../../checks/probes/types.ts';
import { parseConfig } from '../../config/load-config.ts';
import type { WaymarkError } from '../../core/errors.ts';
import { openHistoryStore, type HistoryStoreOptions } from '../../server/history-store.ts';
import { startServeStatus } from '../../server/serve-status.ts';
import { startServer } from '../../core/static-site.ts';
import { removeFixture, repoRoot, writeFixture } from '../helpers/fixture.ts';

let dir: string;
beforeAll(async () => {
	dir = await writeFixture({});
	// Readable by the unprivileged user of the read-only test.
	await chmod(dir, 0o755);
});
afterAll(() => removeFixture(dir));

const result = (id: string, message = 'ok', at = Date.now()): ProbeResult => ({
	id,
	kind: 'http',
	target: 'https://erp.example.lab/',
	state: 'up',
	ok: true,
	latencyMs: 12,
	observed: {},
	message,
	file: '',
	line: 0,
	checkedAt: new Date(at).toISOString(),
});
const opened = (file: string, extra: HistoryStoreOptions = {}) => {
	const faults: WaymarkError[] = [];
	const store = openHistoryStore(file, {
		busyTimeoutMs: 100,
		onFault: (p) => void faults.push(p),
		...extra,
	});
	return {
		store,
		faults,
		said: () => faults.map((f) => `${f.message} ${f.hint ?? ''}`.replaceAll(dir, '<dir>')),
	};
};

/** A second process that holds `BEGIN EXCLUSIVE` on `file` until it is told to stop (or for `ms`). */
async function holdLock(file: string, setup = '', ms?: number): Promise<ChildProcess> {
	const stop = "() => { db.exec('ROLLBACK'); db.close(); process.exit(0); }";
	const script = `const { DatabaseSync } = require('node:sqlite'); const db = new DatabaseSync(${JSON.stringify(file)}); ${setup} db.exec('BEGIN EXCLUSIVE'); process.stdout.write('locked\\n'); process.stdin.on('end', ${stop}); process.stdin.resume(); ${ms ? `setTimeout(${stop}, ${ms});` : ''}`;
	const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
	await once(child.stdout, 'data');
	return child;
}
async function release(child: ChildProcess): Promise<void> {
	child.stdin?.end();
	await once(child, 'exit');
}

test('keeps results in memory when another process holds the write lock, and says so once', async () => {
	const file = join(dir, 'locked-later.sqlite');
	const first = opened(file);
	first.store.record(result('erp', 'stored'));
	const holder = await holdLock(file);
	try {
		const started = performance.now();
		first.store.record(result('erp', 'during the lock', Date.now() + 1));
		expect(performance.now() - started).toBeLessThan(1500);
		first.store.record(result('erp', 'still locked', Date.now() + 2));
		expect(first.store.latest('erp')?.message).toBe('still locked');
		expect(first.said()).toEqual([
			"Probe history is off: `<dir>/locked-later.sqlite` is locked by another process (database is locked). Live status keeps running, with this session's results in memory only. Stop the process that holds it (a backup, a `sqlite3` shell, another `waymark serve` in this folder), or set `status.database` to another file, then restart `waymark serve`.",
		]);
	} finally {
		first.store.close();
		await release(holder);
	}
});

test('waits out a lock shorter than the busy timeout, with no fault (control)', async () => {
	const file = join(dir, 'brief-lock.sqlite');
	const store = opened(file, { busyTimeoutMs: 3000 });
	store.store.record(result('erp'));
	// The store waits synchronously, so the other process lets go on its own.
	const holder = await holdLock(file, '', 300);
	store.store.record(result('erp', 'after the lock', Date.now() + 1));
	expect(store.faults).toEqual([]);
	store.store.close();
	expect(
		new DatabaseSync(file)
			.prepare('SELECT message FROM results ORDER BY checked_at DESC LIMIT 1')
			.get(),
	).toEqual({ message: 'after the lock' });
	await once(holder, 'exit').catch(() => undefined);
});

test('starts without history when the file is locked as it opens', async () => {
	const file = join(dir, 'locked-at-start.sqlite');
	const holder = await holdLock(file, "db.exec('CREATE TABLE held (x)');");
	try {
		const { store, said } = opened(file);
		store.record(result('erp'));
		expect(store.latest('erp')?.message).toBe('ok');
		expect(said()).toHaveLength(1);
		expect(said()[0]).toMatch(
			/^Probe history is off: `<dir>\/locked-at-start\.sqlite` is locked by another process \(database is locked\)/,
		);
		store.close();
	} finally {
		await release(holder);
	}
});

test('leaves a corrupt file alone and runs without history', async () => {
	const file = join(dir, 'garbage.sqlite');
	const garbage = 'not a database, just bytes '.repeat(200);
	await writeFile(file, garbage);
	const { store, said } = opened(file);
	store.record(result('erp'));
	expect(store.uptime('erp', 0)).toBe(100);
	expect(said()).toEqual([
		"Probe history is off: `<dir>/garbage.sqlite` is not a usable SQLite database (file is not a database). Live status keeps running, with this session's results in memory only. Move the file aside (Waymark starts a new one) or set `status.database` to another file, then restart `waymark serve`.",
	]);
	store.close();
	expect(await readFile(file, 'utf8')).toBe(garbage);
});

test('runs without history when the database folder cannot be made', async () => {
	const blocker = join(dir, 'not-a-folder');
	await writeFile(blocker, 'a file where the folder should be');
	const { store, said } = opened(join(blocker, 'status.sqlite'));
	store.record(result('erp'));
	expect(store.latest('erp')?.message).toBe('ok');
	expect(said()[0]).toMatch(
		/^Probe history is off: `<dir>\/not-a-folder\/status\.sqlite` cannot be used \(EEXIST: file already exists, mkdir '<dir>\/not-a-folder'\)\. .* Check the file, or set `status\.database` to another file, then restart `waymark serve`\.$/,
	);
	store.close();
});

test('says once when the disk fills up, and keeps recording in memory', () => {
	const file = join(dir, 'full.sqlite');
	openHistoryStore(file).close();
	// A real SQLITE_FULL: the database may not grow past the pages it has.
	const { store, faults, said } = opened(file, {
		openDatabase: (f, options) => {
			const db = new DatabaseSync(f, options);
			const { page_count: pages } = db.prepare('PRAGMA page_count').get() as { page_count: number };
			db.exec(`PRAGMA max_page_count = ${pages}`);
			return db;
		},
	});
	for (let i = 0; i < 20; i++) store.record(result(`p${i}`, 'x'.repeat(2000), Date.now() + i));
	expect(faults).toHaveLength(1);
	expect(said()[0]).toMatch(
		/`<dir>\/full\.sqlite` cannot grow: the disk is full \(database or disk is full\)\. .* Free space on that disk, or set `status\.database` to a file on another disk, then restart `waymark serve`\.$/,
	);
	expect(store.latest('p19')?.message).toHaveLength(2000);
	store.close();
});

test('says once when the file is read-only for the user that serves, and keeps serving', async () => {
	const folder = join(dir, 'read-only');
	const file = join(folder, 'status.sqlite');
	openHistoryStore(file).close();
	await chmod(file, 0o444);
	await chmod(folder, 0o555);
	// Root writes through any mode, so as root the store runs as `nobody`; as anyone else, as itself.
	const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
	const script = `import { openHistoryStore } from ${JSON.stringify(join(repoRoot, 'server/history-store.ts'))};
const faults = []; const store = openHistoryStore(${JSON.stringify(file)}, { busyTimeoutMs: 100, onFault: (p) => faults.push(p.message) });
store.record({ id: 'erp', kind: 'http', target: 't', state: 'up', ok: true, latencyMs: 1, observed: {}, message: 'in memory', file: '', line: 0, checkedAt: new Date().toISOString() });
process.stdout.write(JSON.stringify({ faults, latest: store.latest('erp')?.message }));`;
	const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
		...asNobody,
		cwd: folder,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	let err = '';
	child.stdout.on('data', (c: Buffer) => (out += String(c)));
	child.stderr.on('data', (c: Buffer) => (err += String(c)));
	await once(child, 'exit');
	await chmod(folder, 0o755);
	expect(err).toBe('');
	const report = JSON.parse(out) as { faults: string[]; latest: string };
	expect(report.latest).toBe('in memory');
	expect(report.faults.map((f) => f.replaceAll(dir, '<dir>'))).toEqual([
		"Probe history is off: `<dir>/read-only/status.sqlite` cannot be written (attempt to write a readonly database). Live status keeps running, with this session's results in memory only.",
	]);
});

test('serve keeps answering the status API with a corrupt history file, naming it once', async () => {
	const site = await writeFixture({
		'index.html': '<!doctype html><title>Site</title>',
		'_waymark/probes.json': JSON.stringify({
			version: 1,
			probes: [
				{
					id: 'erp-port',
					kind: 'tcp',
					target: '127.0.0.1:9',
					dnsType: 'A',
					headers: {},
					conditions: ['[CONNECTED] == true'],
					intervalMs: 60_000,
					timeoutMs: 2000,
					file: 'erp.md',
					line: 3,
					route: '/erp/',
					pageTitle: 'ERP',
				},
			],
		}),
	});
	const database = join(site, 'history.sqlite');
	await writeFile(database, 'garbage');
	const warnings: string[] = [];
	// The scheduler may run the probe: it only knocks on a closed loopback port.
	const status = await startServeStatus({
		dir: site,
		cwd: site,
		config: parseConfig({}),
		database,
		env: {},
		warn: (p) => void warnings.push(p.message),
	});
	const server = await startServer({
		dir: site,
		port: 0,
		host: '127.0.0.1',
		handlers: [status!.handler],
	});
	try {
		const response = await fetch(`${server.url}_waymark/status.json`);
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ live: true, probes: [{ id: 'erp-port' }] });
		expect(warnings).toEqual([
			`Probe history is off: \`${database}\` is not a usable SQLite database (file is not a database). Live status keeps running, with this session's results in memory only.`,
		]);
	} finally {
		await server.close();
		await status!.stop();
		await removeFixture(site);
	}
});
