import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { promtoolPath } from './prometheus.ts';

/** One series to store: its metric name, labels and `[ms since the epoch, value]` samples in time order. */
export interface StoredSeries {
	name: string;
	labels: Record<string, string>;
	samples: Array<[number, number]>;
}

/** The series as OpenMetrics text, each family's series together, as `promtool tsdb create-blocks-from openmetrics` reads it. */
function openMetrics(series: StoredSeries[]): string {
	const lines: string[] = [];
	for (const name of [...new Set(series.map((s) => s.name))]) {
		lines.push(`# TYPE ${name} gauge`);
		for (const s of series.filter((x) => x.name === name)) {
			const labels = Object.entries(s.labels)
				.map(([k, v]) => `${k}=${JSON.stringify(v)}`)
				.join(',');
			for (const [ms, value] of s.samples) lines.push(`${name}{${labels}} ${value} ${ms / 1000}`);
		}
	}
	lines.push('# EOF', '');
	return lines.join('\n');
}

/**
 * Writes `series` into a Prometheus TSDB at `dir/data` with promtool (the same version as the
 * server): a history that took hours to record, stored in a second, for `start('prometheus', {
 * prepare })`. Blocks are read when Prometheus starts.
 */
export async function backfill(dir: string, series: StoredSeries[]): Promise<void> {
	const input = join(dir, 'history.om');
	await writeFile(input, openMetrics(series));
	await promisify(execFile)(
		promtoolPath(),
		['tsdb', 'create-blocks-from', 'openmetrics', input, join(dir, 'data')],
		{ maxBuffer: 16 * 1024 * 1024 },
	);
}

/**
 * Evaluates `rules` (a rule file's text, recording rules) over `[startMs, endMs]` against the
 * Prometheus at `url` and writes the recorded series as blocks into `dir/data`, as if the rules had
 * been loaded all along (`promtool tsdb create-blocks-from rules`).
 */
export async function backfillRules(
	dir: string,
	url: string,
	rules: string,
	startMs: number,
	endMs: number,
): Promise<void> {
	const file = join(dir, 'recording-rules.yml');
	await writeFile(file, rules);
	await promisify(execFile)(
		promtoolPath(),
		[
			'tsdb',
			'create-blocks-from',
			'rules',
			`--url=${url}`,
			`--start=${startMs / 1000}`,
			`--end=${endMs / 1000}`,
			`--output-dir=${join(dir, 'data')}`,
			file,
		],
		{ cwd: dir, maxBuffer: 16 * 1024 * 1024 },
	);
}
