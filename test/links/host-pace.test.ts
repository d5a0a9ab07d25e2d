import { expect, test } from 'vitest';
import { checkExternalLinks } from '../../checks/links/check-external.ts';
import { parseConfig, type UserConfig } from '../../config/load-config.ts';
import { formatFinding } from '../../checks/finding.ts';
import { loopbackLookup, sleep, startWeb, treeOf, type Route } from './loopback-web.ts';

// The adaptive per-host limit end to end, as the loopback server sees it: what arrives when, and how
// many requests to the host were already in flight at each arrival.

interface Arrival {
	path: string;
	at: number;
	/** Requests to this server in flight when this one arrived. */
	before: number;
}

async function startCountingWeb(answer: (path: string, hit: number, arrival: Arrival) => Route) {
	const arrivals: Arrival[] = [];
	const hits = new Map<string, number>();
	let inFlight = 0;
	const route: Route = async (req, res) => {
		const path = (req.url ?? '/').split('?')[0] ?? '/';
		const arrival = { path, at: Date.now(), before: inFlight };
		arrivals.push(arrival);
		inFlight++;
		res.on('close', () => void inFlight--);
		const hit = (hits.get(path) ?? 0) + 1;
		hits.set(path, hit);
		await answer(path, hit, arrival)(req, res, hit);
	};
	const paths = Array.from({ length: 40 }, (_, i) => `/p${i}`);
	const web = await startWeb(Object.fromEntries(paths.map((p) => [p, route])));
	return { web, arrivals };
}

const ok =
	(delayMs: number): Route =>
	async (_req, res) => {
		await sleep(delayMs);
		if (!res.destroyed) res.writeHead(200).end();
	};

async function check(origin: string, count: number, links: UserConfig['links'], timeoutMs = 2000) {
	const page = Array.from({ length: count }, (_, i) => `[${i}](${origin}/p${i})`).join('\n');
	const findings = await checkExternalLinks(
		treeOf({ 'a.md': `${page}\n` }),
		parseConfig({
			network: { timeoutMs, concurrency: 64 },
			links: { backoffMs: 5, privateHostPolicy: 'check', ...links },
		}),
		{ noCache: true, lookup: loopbackLookup },
	);
	return findings.map(formatFinding);
}

test('grows a healthy host from 2 in flight to perHostConcurrency and never past it', async () => {
	const { web, arrivals } = await startCountingWeb(() => ok(80));
	expect(await check(web.origin, 30, { perHostConcurrency: 6, requestSpacingMs: 5 })).toEqual([]);
	await web.close();
	// The server saw the climb: one, then two, then more, and 6 at most.
	expect(arrivals.slice(0, 2).map((a) => a.before)).toEqual([0, 1]);
	expect(Math.max(...arrivals.map((a) => a.before)) + 1).toBe(6);
	expect(arrivals).toHaveLength(30);
});

test('spaces the starts of requests to one host by requestSpacingMs', async () => {
	const { web, arrivals } = await startCountingWeb(() => ok(0));
	expect(await check(web.origin, 8, { requestSpacingMs: 150 })).toEqual([]);
	await web.close();
	const gaps = arrivals.slice(1).map((a, i) => a.at - (arrivals[i]?.at ?? 0));
	expect(gaps).toHaveLength(7);
	// Arrival times carry the loaded event loop's jitter (the server shares the process), so single
	// gaps can shrink; the median gap and the whole span cannot, short of the first arrival's own
	// delay. Without spacing these answers of 0 ms arrive 1–2 ms apart. Exact start times are
	// asserted with fake time in host-scheduler.test.ts.
	expect([...gaps].sort((a, b) => a - b)[3]).toBeGreaterThanOrEqual(140);
	expect((arrivals.at(-1)?.at ?? 0) - (arrivals[0]?.at ?? 0)).toBeGreaterThanOrEqual(7 * 150 - 100);
});

test.each([
	[429, 'Too Many Requests'],
	[503, 'Service Unavailable'],
])(
	'holds the host for Retry-After after a %i, then halves what it sends at once',
	async (status) => {
		let tripped: Arrival | undefined;
		const { web, arrivals } = await startCountingWeb((_path, _hit, arrival) => {
			if (!tripped && arrival.before >= 7) {
				tripped = arrival;
				return (_req, res) => void res.writeHead(status, { 'retry-after': '1' }).end();
			}
			return ok(150);
		});
		expect(await check(web.origin, 16, { perHostConcurrency: 10, requestSpacingMs: 5 })).toEqual(
			[],
		);
		await web.close();
		const t0 = tripped?.at ?? Number.NaN;
		// Positive control: the host was at 8 in flight when it pushed back.
		expect(tripped?.before).toBe(7);
		// Requests the client started before the answer reached it still arrive just after t0.
		const inTransit = 150;
		const started = arrivals.filter((a) => a.at <= t0 + inTransit).length;
		const after = arrivals.filter((a) => a.at > t0 + inTransit);
		// Nothing new for the whole Retry-After…
		expect(Math.min(...after.map((a) => a.at)) - t0).toBeGreaterThanOrEqual(950);
		// …then at most half the limit at the push back (at most one above what had started) at
		// once, until those answer.
		const resumed = Math.min(...after.map((a) => a.at));
		const firstRound = after.filter((a) => a.at < resumed + 120);
		expect(firstRound.length).toBeGreaterThanOrEqual(1);
		expect(firstRound.length).toBeLessThanOrEqual(Math.floor((started + 1) / 2));
		expect(Math.max(...firstRound.map((a) => a.before)) + 1).toBe(firstRound.length);
		expect(arrivals.filter((a) => a.path === tripped?.path)).toHaveLength(2);
	},
);

test('drops the host limit at once when its requests time out', async () => {
	let firstTimeout = Number.POSITIVE_INFINITY;
	const { web, arrivals } = await startCountingWeb((_path, hit, arrival) => {
		if (hit > 1) return ok(0);
		// First attempts hang past the 300 ms timeout; the retries answer at once.
		firstTimeout = Math.min(firstTimeout, arrival.at + 300);
		return ok(1000);
	});
	expect(await check(web.origin, 12, { perHostConcurrency: 8, requestSpacingMs: 5 }, 300)).toEqual(
		[],
	);
	await web.close();
	const before = arrivals.filter((a) => a.at < firstTimeout);
	const after = arrivals.filter((a) => a.at >= firstTimeout);
	// Positive control: 8 in flight before the first timeout; afterwards half of that at most.
	expect(Math.max(...before.map((a) => a.before)) + 1).toBe(8);
	expect(Math.max(...after.map((a) => a.before)) + 1).toBeLessThanOrEqual(4);
}, 20_000);
