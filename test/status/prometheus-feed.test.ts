import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LocatedProbe } from '../../checks/probes/types.ts';
import { readFeed } from '../../server/feed-events.ts';
import { createPrometheusFeed, type PrometheusFeed } from '../../server/prometheus-feed.ts';
import type { ProbeStatus } from '../../core/status-snapshot.ts';
import { stringify } from 'yaml';
import { recordingRules } from '../../checks/probes/location-rule.ts';
import { backfill, backfillRules, type StoredSeries } from '../helpers/prometheus-backfill.ts';
import { componentsInstalled, start, type Running } from '../helpers/prometheus.ts';

const minute = 60_000;
const hour = 60 * minute;
// A whole minute ten minutes ago: the history moment of the reads below. Every 15 s scrape lands
// 7 s before a multiple of 15 s, off the grid, as real scrapes do.
const base = Math.floor(Date.now() / minute) * minute - 10 * minute;
const scrape = 15_000;
const locations = ['eu-west', 'us-east'];
const rule = { locations, downWhen: 'all' as const };

const probe = (id: string, extra: Partial<LocatedProbe> = {}): LocatedProbe => ({
	id,
	kind: 'http',
	target: `http://${id}.example.lab/health`,
	dnsType: 'A',
	headers: {},
	conditions: ['[STATUS] == 200'],
	intervalMs: scrape,
	timeoutMs: 5000,
	file: `${id}.md`,
	line: 3,
	route: `/${id}/`,
	pageTitle: id,
	...extra,
});

/** When each location of each probe answered, and whether it succeeded then: `undefined` for no sample. */
const story: Record<string, Record<string, (t: number) => boolean | undefined>> = {
	steady: { 'eu-west': () => true, 'us-east': () => true },
	// eu-west fails from 30 minutes before `base`: degraded (default rule: down only when all fail).
	flaky: { 'eu-west': (t) => t < base - 30 * minute, 'us-east': () => true },
	// Both fail for the last two hours: down, and down for 2 h of the 24 h window.
	down: { 'eu-west': (t) => t < base - 2 * hour, 'us-east': (t) => t < base - 2 * hour },
	// eu-west's exporter went away 10 minutes ago: unknown there, which makes nothing down.
	gone: { 'eu-west': (t) => (t < base - 10 * minute ? true : undefined), 'us-east': () => true },
	// First scraped three hours ago.
	young: {
		'eu-west': (t) => (t < base - 3 * hour ? undefined : true),
		'us-east': (t) => (t < base - 3 * hour ? undefined : true),
	},
	// Fails from 8 s after `base`, inside the current history step.
	recent: { 'eu-west': (t) => t < base, 'us-east': (t) => t < base },
};
const probes = [
	...Object.keys(story).map((id) => probe(id)),
	probe('query', { kind: 'prometheus', target: 'vector(1)', conditions: ['[VALUE] == 1'] }),
];

function history(): StoredSeries[] {
	const out: StoredSeries[] = [];
	for (const [id, byLocation] of Object.entries(story))
		for (const [location, ok] of Object.entries(byLocation)) {
			const labels = {
				probe: id,
				page: `/${id}/`,
				instance: `http://${id}.example.lab/health`,
				job: `waymark_probes_${location}_15s`,
				location,
			};
			const times: number[] = [];
			for (let t = base - 26 * hour - 7000; t <= base + 53_000; t += scrape)
				if (ok(t) !== undefined) times.push(t);
			out.push(
				{ name: 'probe_success', labels, samples: times.map((t) => [t, ok(t) ? 1 : 0]) },
				{ name: 'probe_http_status_code', labels, samples: times.map((t) => [t, ok(t) ? 200 : 0]) },
				{
					name: 'probe_duration_seconds',
					labels,
					samples: times.map((t) => [t, location === 'eu-west' ? 0.02 : 0.035]),
				},
			);
		}
	return out;
}

const at = (ms: number): string => new Date(ms).toISOString();

describe.skipIf(!componentsInstalled('prometheus'))(
	'status.source: prometheus reads states and history from Prometheus, the same on every replica',
	() => {
		let prometheus: Running;
		// `now` as the replicas' clocks read it: 37 s after `base`, minus the 6 s a scrape may take to be stored, is `base` + 30 s.
		const feed = (now = base + 37_000, url?: string): PrometheusFeed =>
			createPrometheusFeed({
				probes,
				client: { endpoint: { url: url ?? prometheus.url, headers: {} }, timeoutMs: 5000 },
				rule,
				refreshMs: 15_000,
				now: () => now,
			});
		const byId = (statuses: ProbeStatus[]) => Object.fromEntries(statuses.map((s) => [s.id, s]));

		// The raw series only, as before the exported rules are loaded.
		let unruled: Running;

		beforeAll(async () => {
			const config = 'global: { scrape_interval: 1h }\n';
			unruled = await start('prometheus', {
				config,
				prepare: (dir) => backfill(dir, history()),
				deadlineMs: 60_000,
			});
			// The exported recording rules, as Prometheus would have recorded them over the same day.
			const rules = stringify({
				groups: [{ name: 'waymark-probes', interval: '15s', rules: recordingRules(rule) }],
			});
			prometheus = await start('prometheus', {
				config,
				prepare: async (dir) => {
					await backfill(dir, history());
					await backfillRules(dir, unruled.url, rules, base - 26 * hour, base + 60_000);
				},
				deadlineMs: 60_000,
			});
		}, 120_000);
		afterAll(async () => {
			await prometheus?.stop();
			await unruled?.stop();
		});

		test('states, uptime, sparkline and last change come from what blackbox_exporter recorded, in a few queries for every probe together', async () => {
			const replica = feed();
			const s = byId(await replica.refresh());
			// Four queries every refresh (the sparkline once a probe interval), two more once a history step (a minute), one per query probe.
			expect(replica.counts()).toEqual({ queries: 7, refreshes: 1 });
			expect(replica.source()).toEqual({
				kind: 'prometheus',
				asOf: at(base + 30_000),
				staleSince: null,
			});

			expect(s['steady']).toMatchObject({
				state: 'up',
				uptime: 100,
				lastChange: at(base - 24 * hour),
				lastChangeBefore: true,
				latencyMs: 35,
			});
			expect(s['steady']!.latencies).toEqual(Array.from({ length: 40 }, () => 35));
			expect(s['steady']!.message).toBe('Up from all 2 locations (eu-west and us-east)');

			expect(s['flaky']).toMatchObject({
				state: 'degraded',
				uptime: 100,
				lastChange: at(base - 30 * minute),
			});
			expect(s['flaky']!.lastChangeBefore).toBeUndefined();
			expect(s['flaky']!.locations?.map((l) => [l.name, l.state])).toEqual([
				['eu-west', 'down'],
				['us-east', 'up'],
			]);
			expect(s['flaky']!.message).toBe(
				'Down from eu-west, up from us-east. eu-west: blackbox_exporter reports probe_success 0 (module waymark_flaky); [STATUS] (0) == 200',
			);

			expect(s['down']).toMatchObject({ state: 'down', lastChange: at(base - 2 * hour) });
			expect(s['down']!.uptime).toBeCloseTo((100 * 22) / 24, 1);
			expect(s['down']!.message).toBe(
				'Down from all 2 locations (eu-west and us-east). eu-west and us-east: blackbox_exporter reports probe_success 0 (module waymark_down); [STATUS] (0) == 200',
			);

			expect(s['gone']).toMatchObject({ state: 'up', uptime: 100, lastChangeBefore: true });
			expect(s['gone']!.locations?.map((l) => [l.name, l.state, l.checkedAt])).toEqual([
				['eu-west', 'unknown', null],
				['us-east', 'up', at(base + 23_000)],
			]);
			expect(s['gone']!.message).toMatch(
				/^Unknown from eu-west, up from us-east\. eu-west: No `probe_success` for probe `gone` from eu-west in Prometheus at /,
			);

			expect(s['young']).toMatchObject({
				state: 'up',
				uptime: 100,
				lastChange: at(base - 3 * hour),
			});
			expect(s['recent']).toMatchObject({
				state: 'down',
				uptime: 100,
				lastChange: at(base),
				checkedAt: at(base + 23_000),
			});
			// A query probe reads its own query as of the same moment; it has no recorded history.
			expect(s['query']).toMatchObject({
				state: 'up',
				uptime: null,
				latencies: [],
				checkedAt: at(base + 30_000),
			});

			// The next refresh in the same step: readings, their times, the change in the current step, the query probe.
			await replica.refresh();
			expect(replica.counts()).toEqual({ queries: 7 + 4, refreshes: 2 });
		});

		test('without the exported recording rules loaded, states are read and the history is said to be missing, not made up', async () => {
			const lines: string[] = [];
			const replica = createPrometheusFeed({
				probes,
				client: { endpoint: { url: unruled.url, headers: {} } },
				rule,
				refreshMs: 15_000,
				now: () => base + 37_000,
				log: (l) => lines.push(l),
			});
			const s = byId(await replica.refresh());
			expect(s['flaky']).toMatchObject({ state: 'degraded', uptime: null, lastChange: null });
			expect(s['flaky']!.latencies).toHaveLength(40);
			expect(lines).toEqual([
				expect.stringMatching(
					/^status: no `waymark:probe_not_down` series in Prometheus at http:\S+: load the waymark-rules\.yml that `waymark export prometheus` writes; until then the pages show no uptime or last change$/,
				),
			]);
		});

		test('each refresh goes out as one event holding what changed of what widgets paint, and nothing when nothing did', async () => {
			const events: Array<{ event: string; data: unknown }> = [];
			const sink = {
				current: new Map<string, ProbeStatus>(),
				changed: () => undefined,
				broadcast: (event: string, data: unknown) => void events.push({ event, data }),
			};
			let clock = base + 37_000;
			const reading = readFeed(
				createPrometheusFeed({
					probes,
					client: { endpoint: { url: prometheus.url, headers: {} } },
					rule,
					refreshMs: 15_000,
					now: () => clock,
				}),
				sink,
				false,
			);
			await reading.check('steady');
			expect(events.map((e) => e.event)).toEqual(['probes']);
			const sent = events[0]!.data as Array<Record<string, unknown>>;
			expect(sent.map((p) => p['id'])).toEqual(probes.map((p) => p.id));
			// Names, targets, pages and each location's reason are in status.json; a refresh never changes them.
			expect(sent.find((p) => p['id'] === 'flaky')).toEqual({
				id: 'flaky',
				state: 'degraded',
				message: sink.current.get('flaky')!.message,
				latencyMs: 35,
				checkedAt: at(base + 23_000),
				lastChange: at(base - 30 * minute),
				uptime: 100,
				latencies: sink.current.get('flaky')!.latencies,
				// Unchanged since the state before the first answer (the stream's opening snapshot has it): left out.
				locations: [
					{ name: 'eu-west', state: 'down' },
					{ name: 'us-east', state: 'up' },
				],
			});
			expect(sink.current.get('flaky')!.target).toBe('http://flaky.example.lab/health');
			await reading.check('steady');
			expect(events).toHaveLength(1);
			// The next refresh: each probe's fields that changed, here the time of its newest scrape.
			clock = base + 52_000;
			await reading.check('steady');
			const next = events[1]!.data as Array<Record<string, unknown>>;
			expect(next.find((p) => p['id'] === 'steady')).toEqual({
				id: 'steady',
				checkedAt: at(base + 38_000),
			});
			expect(next.find((p) => p['id'] === 'query')).toEqual({
				id: 'query',
				checkedAt: at(base + 45_000),
			});
		});

		test('two replicas, and one started later in the same refresh, show the same numbers', async () => {
			const first = await feed().refresh();
			const second = await feed(base + 39_000).refresh();
			const restarted = await feed(base + 44_999).refresh();
			expect(second).toEqual(first);
			expect(restarted).toEqual(first);
			// A replica that has run through the next history step searched only that step for changes; it finds what a new one finds in the whole day.
			let clock = base + 37_000;
			const running = createPrometheusFeed({
				probes,
				client: { endpoint: { url: prometheus.url, headers: {} } },
				rule,
				refreshMs: 15_000,
				now: () => clock,
			});
			await running.refresh();
			clock = base + 88_000;
			const next = await running.refresh();
			expect(next).toEqual(await feed(base + 88_000).refresh());
			expect(byId(next)['recent']).toMatchObject({ state: 'down', lastChange: at(base) });
			// The next refresh moment is another question, with another answer.
			const later = await feed(base + 52_000).refresh();
			expect(byId(later)['steady']!.checkedAt).toBe(at(base + 38_000));
			expect(byId(first)['steady']!.checkedAt).toBe(at(base + 23_000));
		});

		test('Prometheus not answering leaves the last known state, marked stale, never down; a replica that never had an answer says unknown', async () => {
			const proxy = await startProxy(prometheus.url);
			const lines: string[] = [];
			const replica = createPrometheusFeed({
				probes,
				client: { endpoint: { url: proxy.url, headers: {} }, timeoutMs: 2000 },
				rule,
				refreshMs: 15_000,
				now: () => base + 37_000,
				log: (l) => lines.push(l),
			});
			const known = await replica.refresh();
			await proxy.cut();
			const stale = byId(await replica.refresh());
			for (const status of known)
				expect(stale[status.id], status.id).toEqual({ ...status, staleSince: at(base + 30_000) });
			expect(stale['steady']!.state).toBe('up');
			expect(replica.source()).toMatchObject({
				kind: 'prometheus',
				asOf: at(base + 30_000),
				staleSince: at(base + 30_000),
			});
			expect(replica.source().reason).toMatch(/connection refused|Connection closed/i);
			// A replica started while Prometheus does not answer knows nothing: unknown, not stale, not down.
			const started = createPrometheusFeed({
				probes,
				client: { endpoint: { url: proxy.url, headers: {} }, timeoutMs: 2000 },
				rule,
				refreshMs: 15_000,
				now: () => base + 37_000,
			});
			const never = byId(await started.refresh());
			expect(new Set(Object.values(never).map((s) => s.state))).toEqual(new Set(['unknown']));
			expect(never['steady']!.checkedAt).toBeNull();
			expect(never['steady']!.message).toMatch(
				/^Not checked: Prometheus at http:\/\/127\.0\.0\.1:\d+\/? did not answer \(Connection refused \(ECONNREFUSED\)\)$/,
			);
			expect(never['steady']!.staleSince).toBeUndefined();
			expect(started.source()).toMatchObject({ asOf: null, staleSince: null });
			await proxy.restore();
			const back = await replica.refresh();
			expect(back).toEqual(known);
			expect(lines).toEqual([
				expect.stringMatching(
					/^status: Prometheus at http:\S+ did not answer \(.+\); showing the last known state, marked stale until it does$/,
				),
				expect.stringMatching(/^status: Prometheus at http:\S+ answers again$/),
			]);
			await proxy.close();
		});
	},
);

/** A loopback HTTP proxy to `target` that can be cut (its port refuses connections) and restored on the same port. */
async function startProxy(target: string): Promise<{
	url: string;
	cut(): Promise<void>;
	restore(): Promise<void>;
	close(): Promise<void>;
}> {
	const server = createServer((req, res) => {
		fetch(new URL(req.url ?? '/', target))
			.then(async (answer) =>
				res
					.writeHead(answer.status, {
						'content-type': answer.headers.get('content-type') ?? 'text/plain',
					})
					.end(Buffer.from(await answer.arrayBuffer())),
			)
			.catch(() => res.destroy());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	const cut = async (): Promise<void> => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
	return {
		url: `http://127.0.0.1:${port}`,
		cut,
		restore: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
		close: () => (server.listening ? cut() : Promise.resolve()),
	};
}
