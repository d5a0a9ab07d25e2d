import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { ProbeResult } from '../checks/probes/types.ts';
import type { ProbeState } from '../src/lib/status-snapshot.ts';

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

export function openHistoryStore(file: string): HistoryStore {
	if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
	const db = new DatabaseSync(file);
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
	const q = (sql: string): StatementSync => db.prepare(sql);
	const insert = q('INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
	const getChange = q('SELECT state, changed_at FROM changes WHERE probe_id = ?');
	const setChange = q('INSERT INTO changes VALUES (?, ?, ?) ON CONFLICT (probe_id) DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at');
	const latest = q('SELECT * FROM results WHERE probe_id = ? ORDER BY checked_at DESC LIMIT 1');
	const uptime = q("SELECT COUNT(*) AS n, SUM(state = 'up') AS up FROM results WHERE probe_id = ? AND checked_at >= ?");
	const latencies = q('SELECT latency_ms FROM results WHERE probe_id = ? AND latency_ms IS NOT NULL ORDER BY checked_at DESC LIMIT ?');
	const prune = q('DELETE FROM results WHERE checked_at < ?');
	return {
		record(result) {
			const at = Date.parse(result.checkedAt);
			insert.run(result.id, at, result.state, result.latencyMs, result.message, JSON.stringify(result.observed), result.kind, result.target);
			const change = getChange.get(result.id) as { state: ProbeState; changed_at: number } | undefined;
			if (change?.state === result.state) return new Date(change.changed_at).toISOString();
			setChange.run(result.id, result.state, at);
			return result.checkedAt;
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
			return (latencies.all(id, count) as Array<{ latency_ms: number }>).map((r) => r.latency_ms).reverse();
		},
		prune(olderThanMs) {
			prune.run(olderThanMs);
		},
		close() {
			db.close();
		},
	};
}
