import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { seededRandom as seeded } from '../helpers/seeded-random.ts';
import { startFakeWeb, type Behaviour, type FakeHost } from './fake-web.ts';

// The pace of link checks over generated webs (fake time, a fake dispatcher): whatever the hosts
// do, the client keeps every host within its limit and spacing, sends one request per URL per
// attempt, honours every Retry-After to the millisecond, and settles every URL.

beforeEach(() => void vi.useFakeTimers({ now: 0 }));
afterEach(() => void vi.useRealTimers());

function generate(random: () => number) {
	const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
	const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
	const retries = int(1, 3);
	const behaviours: Array<() => Behaviour> = [
		() => ({ kind: 'healthy' }),
		() => ({ kind: 'per-url-429', retryAfterS: int(1, 2), times: int(1, retries) }),
		() => ({ kind: 'load-429', retryAfterS: int(1, 2), above: int(1, 4) }),
		() => ({ kind: 'first-503', retryAfterS: int(1, 2) }),
		() => ({ kind: 'first-timeout' }),
		() => ({ kind: 'quota', quota: int(3, 20), windowS: int(1, 3) }),
	];
	const hosts: FakeHost[] = Array.from({ length: int(1, 5) }, (_, h) => {
		const min = pick([0, 1, 20, 200]);
		const paths = Array.from(
			{ length: int(1, 30) },
			(_, i) => `/${i % 7 === 3 ? 'dead' : 'ok'}/${i}`,
		);
		return {
			host: `h${h}.test`,
			behaviour: pick(behaviours)(),
			latency: [min, min + pick([0, 5, 100, 600])],
			// Some URLs asked twice, as a redirect's target that is also linked is.
			paths: [...paths, ...paths.filter(() => random() < 0.2)],
		};
	});
	const limits = {
		global: int(1, 16),
		perHost: int(1, 10),
		spacingMs: pick([0, 10, 50, 100]),
		retries,
		timeoutMs: 1000,
	};
	return { hosts, limits };
}

/** Whether a host's answers leave every alive URL alive within the retries (load and quotas may not). */
const foreseeable = (b: Behaviour) => b.kind !== 'load-429' && b.kind !== 'quota';

test.each(Array.from({ length: 60 }, (_, i) => 20261201 + i))(
	'keeps every host within its pace and settles every URL (seed %i)',
	async (seed) => {
		const random = seeded(seed);
		const { hosts, limits } = generate(random);
		const web = startFakeWeb(hosts, limits, random);
		let settled = false;
		void web.settled.then(() => (settled = true));
		await vi.runAllTimersAsync();
		expect(settled).toBe(true);
		expect(web.violations).toEqual([]);
		for (const h of hosts) {
			for (const path of h.paths) {
				const url = `http://${h.host}${path}`;
				const sent = web.received.filter((r) => r.key === `HEAD ${h.host}${path}`).length;
				expect(sent, url).toBeGreaterThanOrEqual(1);
				expect(sent, url).toBeLessThanOrEqual(limits.retries + 1);
				const kind = web.results.get(url)?.outcome.kind;
				if (foreseeable(h.behaviour))
					expect([url, kind]).toEqual([url, path.startsWith('/dead/') ? 'dead' : 'ok']);
				// Load and quotas may outlast the retries: such a URL ends rate-limited, never wrong.
				else
					expect([
						url,
						kind === 'rate-limited' ? (path.startsWith('/dead/') ? 'dead' : 'ok') : kind,
					]).toEqual([url, path.startsWith('/dead/') ? 'dead' : 'ok']);
			}
		}
	},
);

/** One host of `paths` checked to the end under fake time, its pace kept (no violation). */
async function checkOneHost(
	behaviour: Behaviour,
	latency: number,
	paths: string[],
	perHost: number,
	spacingMs: number,
) {
	const web = startFakeWeb(
		[{ host: 'api.test', behaviour, latency: [latency, latency], paths }],
		{ global: 16, perHost, spacingMs, retries: 2, timeoutMs: 1000 },
		seeded(paths.length),
	);
	await vi.runAllTimersAsync();
	await web.settled;
	expect(web.violations).toEqual([]);
	return web;
}

const okPaths = (count: number) => Array.from({ length: count }, (_, i) => `/ok/${i}`);

test('a host answering each URL 429 Retry-After: 1 once is asked for every URL at once, then for the retries together a second later', async () => {
	const web = await checkOneHost(
		{ kind: 'per-url-429', retryAfterS: 1, times: 1 },
		1,
		okPaths(20),
		10,
		50,
	);
	expect([...web.results.values()].map((r) => r.outcome.kind)).toEqual(Array(20).fill('ok'));
	const refused = web.received.filter((r) => r.status === 429);
	const retries = web.received.filter((r) => r.status === 200);
	expect([refused.length, retries.length]).toEqual([20, 20]);
	// Walking the URLs one at a time, each waiting its second, would take 20 s.
	expect(Math.max(...refused.map((r) => r.at))).toBeLessThan(200);
	expect(Math.max(...retries.map((r) => r.at))).toBeLessThan(1300);
	// Most retries start the moment their Retry-After ends, several at once.
	const dueAt = new Map(refused.map((r) => [r.key, (r.end ?? 0) + 1000]));
	const onTime = retries.filter((r) => r.at === dueAt.get(r.key));
	expect(onTime.length).toBeGreaterThanOrEqual(10);
	expect(
		Math.max(...onTime.map((r) => onTime.filter((o) => o.at === r.at).length)),
	).toBeGreaterThan(1);
});

test('a host answering 429 above three in flight gets fewer in flight, and every URL ends alive', async () => {
	const web = await checkOneHost(
		{ kind: 'load-429', retryAfterS: 1, above: 3 },
		100,
		okPaths(30),
		10,
		50,
	);
	expect([...web.results.values()].map((r) => r.outcome.kind)).toEqual(Array(30).fill('ok'));
	// Slow start overshoots until the first 429 comes back (positive control)…
	const heard = Math.min(
		...web.received.filter((r) => r.status === 429).map((r) => r.end ?? Infinity),
	);
	const peak = (rs: typeof web.received) => Math.max(...rs.map((r) => r.before + 1));
	expect(peak(web.received.filter((r) => r.at < heard))).toBe(6);
	// …then the limit halves and stays near what the host takes: one probe above it at most.
	expect(peak(web.received.filter((r) => r.at > heard))).toBeLessThanOrEqual(4);
});

test('a 503 with Retry-After holds the whole host, not only its URL', async () => {
	const web = await checkOneHost(
		{ kind: 'first-503', retryAfterS: 2 },
		10,
		['/ok/0', '/ok/1', '/ok/2'],
		1,
		0,
	);
	expect(web.received.map((r) => [r.key, r.at, r.status])).toEqual([
		['HEAD api.test/ok/0', 0, 503],
		['HEAD api.test/ok/0', 2010, 200],
		['HEAD api.test/ok/1', 2020, 503],
		['HEAD api.test/ok/1', 4030, 200],
		['HEAD api.test/ok/2', 4040, 503],
		['HEAD api.test/ok/2', 6050, 200],
	]);
});
