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

test('rests each slot of a host requestSpacingMs between its starts', async () => {
	const { web, arrivals } = await startCountingWeb(() => ok(0));
	expect(await check(web.origin, 8, { perHostConcurrency: 2, requestSpacingMs: 150 })).toEqual([]);
	await web.close();
	const at = arrivals.map((a) => a.at).sort((x, y) => x - y);
	// Two slots: the arrivals come in pairs, each pair 150 ms after the one before. Arrival times
	// carry the loaded event loop's jitter (the server shares the process), so single gaps can
	// shrink; the median gap and the whole span cannot. Exact start times are asserted with fake
	// time in host-scheduler.test.ts.
	const gap = (step: number) =>
		[...at.slice(step).map((t, i) => t - (at[i] ?? 0))].sort((x, y) => x - y);
	expect(gap(2)[2]).toBeGreaterThanOrEqual(140);
	expect(gap(1)[3]).toBeLessThan(140);
	expect((at.at(-1) ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(3 * 150 - 100);
});

async function startTrippingWeb(status: number) {
	let tripped: Arrival | undefined;
	const { web, arrivals } = await startCountingWeb((_path, _hit, arrival) => {
		if (!tripped && arrival.before >= 7) {
			tripped = arrival;
			return (_req, res) => void res.writeHead(status, { 'retry-after': '1' }).end();
		}
		return ok(150);
	});
	expect(await check(web.origin, 16, { perHostConcurrency: 10, requestSpacingMs: 5 })).toEqual([]);
	await web.close();
	// Positive control: the host was at 8 in flight when it pushed back.
	expect(tripped?.before).toBe(7);
	const t0 = tripped?.at ?? Number.NaN;
	// Requests the client started before the answer reached it still arrive just after t0.
	const inTransit = 150;
	return {
		tripped,
		arrivals,
		t0,
		started: arrivals.filter((a) => a.at <= t0 + inTransit).length,
		after: arrivals.filter((a) => a.at > t0 + inTransit && a.path !== tripped?.path),
		retry: arrivals.filter((a) => a.path === tripped?.path)[1],
	};
}

test('holds the whole host for Retry-After after a 503, then halves what it sends at once', async () => {
	const { t0, started, after, arrivals, tripped } = await startTrippingWeb(503);
	// Nothing new for the whole Retry-After…
	const resumed = Math.min(...after.map((a) => a.at));
	expect(resumed - t0).toBeGreaterThanOrEqual(950);
	// …then at most half the limit at the push back (at most one above what had started) at
	// once, until those answer.
	const firstRound = after.filter((a) => a.at < resumed + 120);
	expect(firstRound.length).toBeGreaterThanOrEqual(1);
	expect(firstRound.length).toBeLessThanOrEqual(Math.floor((started + 1) / 2));
	expect(arrivals.filter((a) => a.path === tripped?.path)).toHaveLength(2);
});

test('holds only the refused URL for Retry-After after a 429, and halves what the host gets meanwhile', async () => {
	const { t0, started, after, retry } = await startTrippingWeb(429);
	// The URL waits its second; the host's other URLs go on before it is up…
	expect((retry?.at ?? 0) - t0).toBeGreaterThanOrEqual(950);
	const meanwhile = after.filter((a) => a.at < t0 + 900);
	expect(meanwhile.length).toBeGreaterThanOrEqual(1);
	// …at half the limit at the 429 (at most one above what had started).
	expect(Math.max(...meanwhile.map((a) => a.before)) + 1).toBeLessThanOrEqual(
		Math.floor((started + 1) / 2),
	);
});

test('drops the host limit at once when its requests time out', async () => {
	let firstTimeout = Number.POSITIVE_INFINITY;
	const { web, arrivals } = await startCountingWeb((_path, hit, arrival) => {
		// Retries answer after 200 ms; first attempts hang past the 300 ms timeout.
		if (hit > 1) return ok(200);
		firstTimeout = Math.min(firstTimeout, arrival.at + 300);
		return ok(1000);
	});
	expect(await check(web.origin, 12, { perHostConcurrency: 8, requestSpacingMs: 5 }, 300)).toEqual(
		[],
	);
	await web.close();
	const before = arrivals.filter((a) => a.at < firstTimeout);
	// Requests from the first after the first timeout on, while none of them has answered (the
	// hanging ones the client gave up on may still be open on the server: they are not counted).
	const resumed = Math.min(...arrivals.filter((a) => a.at >= firstTimeout).map((a) => a.at));
	const after = arrivals.filter((a) => a.at >= resumed && a.at < resumed + 180);
	const overlapping = (a: Arrival) => after.filter((b) => b.at <= a.at).length;
	// Positive control: 8 in flight before the first timeout; afterwards half of that at most.
	expect(Math.max(...before.map((a) => a.before)) + 1).toBe(8);
	expect(after.length).toBeGreaterThanOrEqual(1);
	expect(Math.max(...after.map(overlapping))).toBeLessThanOrEqual(4);
}, 20_000);
