import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { LocatedProbe } from '../../checks/probes/types.ts';
import { createPrometheusFeed } from '../../server/prometheus-feed.ts';

// What the page says when Prometheus answers the states but not the history, or a query probe's
// query matches several series: a stand-in Prometheus on loopback answers each query by its text,
// so each fault is made on purpose (the real Prometheus of prometheus-feed.test.ts answers them all).

let server: Server;
let url: string;
/** Whether the history's queries (uptime, changes, sparkline) answer 503. */
let historyDown = false;

const vector = (result: Array<{ metric: Record<string, string>; value: string }>, at: number) => ({
	status: 'success',
	data: { resultType: 'vector', result: result.map((r) => ({ ...r, value: [at, r.value] })) },
});

beforeAll(async () => {
	server = createServer((req, res) => {
		const params = new URL(req.url ?? '/', 'http://stand-in').searchParams;
		const query = params.get('query') ?? '';
		const at = Number(params.get('time') ?? params.get('end') ?? 0);
		const json = (body: unknown, status = 200) =>
			res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
		if (query.startsWith('min by (__name__, probe, location)'))
			return json(
				vector(
					[
						{ metric: { __name__: 'probe_success', probe: 'api' }, value: '1' },
						{ metric: { __name__: 'probe_http_status_code', probe: 'api' }, value: '200' },
						{ metric: { __name__: 'probe_duration_seconds', probe: 'api' }, value: '0.02' },
						// A series with no probe label (another exporter's): never a probe's reading.
						{ metric: { __name__: 'probe_success' }, value: '0' },
					],
					at,
				),
			);
		if (query.startsWith('min by (probe, location) (timestamp'))
			return json(vector([{ metric: { probe: 'api' }, value: String(at - 5) }], at));
		if (query === 'up')
			return json(
				vector(
					[
						{ metric: { job: 'a' }, value: '1' },
						{ metric: { job: 'b' }, value: '1' },
					],
					at,
				),
			);
		if (historyDown)
			return json({ status: 'error', errorType: 'timeout', error: 'query timed out' }, 503);
		if (req.url?.startsWith('/api/v1/query_range'))
			return json({ status: 'success', data: { resultType: 'matrix', result: [] } });
		return json(vector([], at));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const probe = (id: string, extra: Partial<LocatedProbe>): LocatedProbe => ({
	id,
	kind: 'http',
	target: `http://${id}.example.lab/health`,
	dnsType: 'A',
	headers: {},
	conditions: ['[STATUS] == 200'],
	intervalMs: 15_000,
	timeoutMs: 5000,
	file: `${id}.md`,
	line: 3,
	route: `/${id}/`,
	pageTitle: id,
	...extra,
});

test('history not answered keeps the states current and says so once, then once when it is read again', async () => {
	const logs: string[] = [];
	let now = Date.parse('2026-11-28T06:00:00Z');
	const feed = createPrometheusFeed({
		probes: [
			probe('api', {}),
			probe('jobs', { kind: 'prometheus', target: 'up', conditions: ['[VALUE] == 1'] }),
		],
		client: { endpoint: { url, headers: {} }, timeoutMs: 2000 },
		rule: { locations: [], downWhen: 'all' },
		refreshMs: 15_000,
		now: () => now,
		log: (line) => logs.push(line),
	});
	historyDown = true;
	const first = await feed.refresh();
	now += 15_000;
	await feed.refresh();
	expect(first.find((s) => s.id === 'api')).toMatchObject({ state: 'up', latencyMs: 20 });
	// A query probe whose query matches two series is unknown, with how to narrow it.
	const jobs = first.find((s) => s.id === 'jobs');
	expect(jobs?.state).toBe('unknown');
	expect(jobs?.message).toContain(
		'`up` returned 2 series, expected one; narrow the query with labels or aggregate it',
	);
	historyDown = false;
	now += 15_000;
	await feed.refresh();
	expect(logs).toEqual([
		expect.stringMatching(
			new RegExp(
				`^status: history from Prometheus at ${url} not read \\(.+\\); states stay current, uptime and last change wait for the next answer$`,
			),
		),
		`status: history from Prometheus at ${url} read again`,
		// Read, and empty: the recording rules are not loaded (this stand-in has none).
		expect.stringContaining('no `waymark:probe_not_down` series'),
	]);
});

test('started, it refreshes on its own until stopped', async () => {
	const feed = createPrometheusFeed({
		probes: [probe('api', {})],
		client: { endpoint: { url, headers: {} }, timeoutMs: 2000 },
		rule: { locations: [], downWhen: 'all' },
		refreshMs: 15_000,
	});
	const updates = await new Promise<number>((resolve) => {
		feed.start((statuses) => resolve(statuses.length));
	});
	feed.stop();
	expect(updates).toBe(1);
	expect(feed.counts().refreshes).toBe(1);
});
