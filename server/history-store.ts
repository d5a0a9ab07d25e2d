import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { ProbeResult } from '../checks/probes/types.ts';
import { HistoryUnavailable, raise, type HistoryFault, type WaymarkError } from '../core/errors.ts';
import type { ProbeState } from '../core/status-snapshot.ts';

/**
 * Probe history for `waymark serve`, kept across restarts in SQLite through `node:sqlite`.
 * Why SQLite via `node:sqlite`: it is built into Node 24 (no native addon to compile, nothing to
 * install on the docs host), it is one file beside the site, and uptime and latency windows are
 * plain SQL (`AVG`, `WHERE checked_at >= ?`) instead of hand-rolled ring buffers. WAL mode lets the
 * status API read while the scheduler writes, and `synchronous = NORMAL` is durable enough for
 * monitoring history at a fraction of the fsyncs.
 */
export interface HistoryStore {
	/** Stores a result; returns when the state last changed (this result's time if it changed now). */
	record(result: ProbeResult): string;
	latest(id: string): (ProbeResult & { lastChange: string }) | undefined;
	/** Share of `up` results since `sinceMs` (epoch ms), 0–100, or null without results. */
	uptime(id: string, sinceMs: number): number | null;
	/** Last `count` latencies, oldest first. */
	latencies(id: string, count: number): number[];
	prune(olderThanMs: number): void;
	close(): void;
}

export interface HistoryStoreOptions {
	/** Told once, when the file cannot be used and history moves to memory. */
	onFault?: (problem: WaymarkError) => void;
	/** How long one statement waits for another process's lock. @default 500 */
	busyTimeoutMs?: number;
	/** Opens the database (tests inject faults here). @default `new DatabaseSync` */
	openDatabase?: (file: string, options: { timeout: number }) => DatabaseSync;
}

/**
 * Opens the history in `file`. Storage faults never stop serving: a lock held by another process
 * is waited for (`busyTimeoutMs`) and retried once; when the file still cannot be used (locked,
 * corrupt, read-only, disk full), the store says so once through `onFault`, naming the file and
 * the fix, and keeps this session's results in memory.
 */
export function openHistoryStore(file: string, options: HistoryStoreOptions = {}): HistoryStore {
	const timeout = options.busyTimeoutMs ?? 500;
	const open =
		options.openDatabase ?? ((f: string, o: { timeout: number }) => new DatabaseSync(f, o));
	let store: HistoryStore | undefined;
	let fault: { problem: WaymarkError } | undefined;
	const fallBack = (error: unknown): HistoryStore => {
		fault = { problem: raise(HistoryUnavailable, file, classify(error), (error as Error).message) };
		options.onFault?.(fault.problem);
		try {
			store?.close();
		} catch {
			// Already unusable; the memory store replaces it either way.
		}
		store = sqliteStore(new DatabaseSync(':memory:'));
		return store;
	};
	try {
		if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
		store = withRetry(() => sqliteStore(open(file, { timeout })));
	} catch (error) {
		store = fallBack(error);
	}
	// Every call goes to the file until it fails (after one retry on a lock), then to memory.
	const use = <T>(call: (s: HistoryStore) => T): T => {
		const current = store ?? fallBack(new Error('not open'));
		if (fault) return call(current);
		try {
			return withRetry(() => call(current));
		} catch (error) {
			return call(fallBack(error));
		}
	};
	return {
		record: (result) => use((s) => s.record(result)),
		latest: (id) => use((s) => s.latest(id)),
		uptime: (id, sinceMs) => use((s) => s.uptime(id, sinceMs)),
		latencies: (id, count) => use((s) => s.latencies(id, count)),
		prune: (olderThanMs) => use((s) => s.prune(olderThanMs)),
		close() {
			try {
				store?.close();
			} catch {
				// Closing a broken database must not stop a shutdown.
			}
		},
	};
}

const sqliteCodes: Record<number, HistoryFault> = {
	5: 'locked',
	6: 'locked',
	8: 'read-only',
	11: 'corrupt',
	13: 'full',
	26: 'corrupt',
};

function primaryCode(error: unknown): number | undefined {
	const code = (error as { errcode?: unknown }).errcode;
	return typeof code === 'number' ? code & 0xff : undefined;
}

function classify(error: unknown): HistoryFault {
	const code = primaryCode(error);
	const fsCode = (error as NodeJS.ErrnoException).code;
	if (code !== undefined && sqliteCodes[code]) return sqliteCodes[code];
	if (fsCode === 'EACCES' || fsCode === 'EROFS' || fsCode === 'EPERM') return 'read-only';
	return fsCode === 'ENOSPC' ? 'full' : 'other';
}

// A lock is often brief (a backup finishing): after the busy timeout, try once more.
function withRetry<T>(call: () => T): T {
	try {
		return call();
	} catch (error) {
		const code = primaryCode(error);
		if (code !== 5 && code !== 6) throw error;
		return call();
	}
}

function sqliteStore(db: DatabaseSync): HistoryStore {
	try {
		db.exec(`
			PRAGMA journal_mode = WAL;
			PRAGMA synchronous = NORMAL;
			CREATE TABLE IF NOT EXISTS results (
				probe_id TEXT NOT NULL, checked_at INTEGER NOT NULL, state TEXT NOT NULL,
				latency_ms INTEGER, message TEXT NOT NULL, observed TEXT NOT NULL, kind TEXT NOT NULL, target TEXT NOT NULL
			);
			CREATE INDEX IF NOT EXISTS results_by_probe ON results (probe_id, checked_at);
			CREATE TABLE IF NOT EXISTS changes (probe_id TEXT PRIMARY KEY, state TEXT NOT NULL, changed_at INTEGER NOT NULL);
		`);
	} catch (error) {
		db.close();
		throw error;
	}
	const q = (sql: string): StatementSync => db.prepare(sql);
	const insert = q('INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
	const getChange = q('SELECT state, changed_at FROM changes WHERE probe_id = ?');
	const setChange = q(
		'INSERT INTO changes VALUES (?, ?, ?) ON CONFLICT (probe_id) DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at',
	);
	const latest = q('SELECT * FROM results WHERE probe_id = ? ORDER BY checked_at DESC LIMIT 1');
	const uptime = q(
		"SELECT COUNT(*) AS n, SUM(state = 'up') AS up FROM results WHERE probe_id = ? AND checked_at >= ?",
	);
	const latencies = q(
		'SELECT latency_ms FROM results WHERE probe_id = ? AND latency_ms IS NOT NULL ORDER BY checked_at DESC LIMIT ?',
	);
	const prune = q('DELETE FROM results WHERE checked_at < ?');
	return {
		record(result) {
			const at = Date.parse(result.checkedAt);
			// One transaction, so a retry after a failure never stores a result twice.
			db.exec('BEGIN IMMEDIATE');
			try {
				insert.run(
					result.id,
					at,
					result.state,
					result.latencyMs,
					result.message,
					JSON.stringify(result.observed),
					result.kind,
					result.target,
				);
				const change = getChange.get(result.id) as
					{ state: ProbeState; changed_at: number } | undefined;
				const changedAt =
					change?.state === result.state
						? new Date(change.changed_at).toISOString()
						: result.checkedAt;
				if (change?.state !== result.state) setChange.run(result.id, result.state, at);
				db.exec('COMMIT');
				return changedAt;
			} catch (error) {
				if (db.isTransaction) db.exec('ROLLBACK');
				throw error;
			}
		},
		latest(id) {
			const row = latest.get(id) as Record<string, string | number | null> | undefined;
			if (!row) return undefined;
			const change = getChange.get(id) as { changed_at: number } | undefined;
			return {
				id,
				kind: row['kind'] as ProbeResult['kind'],
				target: String(row['target']),
				state: row['state'] as ProbeState,
				ok: row['state'] === 'up',
				latencyMs: row['latency_ms'] as number | null,
				observed: JSON.parse(String(row['observed'])) as Record<string, string>,
				message: String(row['message']),
				file: '',
				line: 0,
				checkedAt: new Date(Number(row['checked_at'])).toISOString(),
				lastChange: new Date(change?.changed_at ?? Number(row['checked_at'])).toISOString(),
			};
		},
		uptime(id, sinceMs) {
			const row = uptime.get(id, sinceMs) as { n: number; up: number | null };
			return row.n === 0 ? null : (100 * (row.up ?? 0)) / row.n;
		},
		latencies(id, count) {
			return (latencies.all(id, count) as Array<{ latency_ms: number }>)
				.map((r) => r.latency_ms)
				.reverse();
		},
		prune(olderThanMs) {
			prune.run(olderThanMs);
		},
		close() {
			db.close();
		},
	};
}
