import { request } from 'undici';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { startServeStatus } from '../../server/serve-status.ts';
import { alertsSiteFiles, readFiringNow, readRunbookPage } from '../helpers/alerts-site.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import {
	deepJson,
	hostileVariants,
	startHostileApi,
	type HostileAnswer,
	type HostileApi,
} from '../helpers/hostile-api.ts';

// `waymark serve` against a fake Alertmanager on loopback that answers anything: every hostile
// answer leaves the server answering, and the runbook page never says an alert is not firing
// when the answer could not tell (a dropped alert of that name, or no usable answer at all).

let am: HostileApi;
let dir: string;
let status: NonNullable<Awaited<ReturnType<typeof startServeStatus>>>;
let server: RunningServer;
const logged: string[] = [];

beforeAll(async () => {
	am = await startHostileApi();
	dir = await writeFixture(alertsSiteFiles);
	const config = parseConfig({ alerts: { alertmanager: { url: am.url, pollInterval: '1h' } } });
	status = (await startServeStatus({
		dir,
		cwd: dir,
		config,
		env: {},
		database: ':memory:',
		log: (line) => logged.push(line),
	}))!;
	server = await startServer({
		dir,
		port: 0,
		host: '127.0.0.1',
		handlers: [status.handler],
		pageTransform: status.paintPage,
	});
	// The poll at start (the fake has no answer yet) is over before the tests set theirs.
	await status.pollAlerts();
});
afterAll(async () => {
	await server?.close();
	await status?.stop();
	await am?.close();
	await removeFixture(dir);
});

const diskFull = () => ({
	labels: { alertname: 'DiskFull', severity: 'critical', instance: 'db1:9100' },
	annotations: {
		runbook_url: 'https://runbooks.test/db/#disk-full',
		summary: 'Disk of db1 is full',
	},
	startsAt: '2026-11-22T05:58:00.123456789Z',
	fingerprint: 'aa01',
	status: { state: 'active', silencedBy: [], inhibitedBy: [] },
});
const backupLate = {
	labels: { alertname: 'BackupLate', severity: 'warning' },
	annotations: {},
	startsAt: '2026-11-22T04:00:00Z',
	status: { state: 'active' },
};

/** Makes the fake answer `answer`, asks it once, and reads the runbook page and the home page as serve sends them. */
async function pollWith(answer: HostileAnswer) {
	am.answers.set('/api/v2/alerts', answer);
	const snapshot = await status.pollAlerts();
	const runbook = await get(`${server.url}db/`);
	const home = await get(server.url);
	return {
		snapshot: snapshot!,
		statuses: [runbook.status, home.status],
		bytes: runbook.text.length,
		...readRunbookPage(runbook.text),
		firingNow: readFiringNow(home.text),
	};
}
const json = (body: unknown): HostileAnswer => ({ body: JSON.stringify(body) });

/** One GET on its own connection: after a poll that kept the process busy for seconds, a kept-alive one may be closing. */
async function get(url: string): Promise<{ status: number; text: string }> {
	const response = await request(url, { reset: true });
	return { status: response.statusCode, text: await response.body.text() };
}

/** The valid answer, after each case: the page says "Firing" again (a positive control for every "Unknown" below). */
async function expectRecovery(): Promise<void> {
	const seen = await pollWith(json([diskFull(), backupLate]));
	expect([seen.now('DiskFull'), seen.now('DiskSlow'), seen.firingNow]).toEqual([
		'Firing: 1 instance since 2026-11-22 05:58 UTC',
		'Not firing',
		['DiskFull', 'BackupLate'],
	]);
}

test('shows a valid answer: firing on its page and in "Firing now", the others not firing', async () => {
	await expectRecovery();
	const seen = await pollWith(json([diskFull(), backupLate]));
	expect(seen.banner.hasAttribute('hidden')).toBe(false);
	expect(seen.bannerItems).toHaveLength(1);
	expect(seen.panelSource).toBe('');
});

test.each([
	['a numeric runbook_url', JSON.stringify({ ...diskFull(), annotations: { runbook_url: 42 } })],
	['a numeric startsAt', JSON.stringify({ ...diskFull(), startsAt: 1764000000 })],
	// Written as text: `JSON.stringify` of it would overflow the stack here.
	['labels nested 100,000 deep', `{"labels":{"alertname":"DiskFull","x":${deepJson(100_000)}}}`],
	[
		'label values that are not text',
		JSON.stringify({
			...diskFull(),
			labels: { alertname: 'DiskFull', severity: 2, instance: ['db1'] },
		}),
	],
])(
	'keeps answering through %s, and says DiskFull is unknown, not "Not firing"',
	async (_, hostile) => {
		const seen = await pollWith({ body: `[${hostile},${JSON.stringify(backupLate)}]` });
		expect(seen.statuses).toEqual([200, 200]);
		expect([seen.now('DiskFull'), seen.now('DiskSlow')]).toEqual(['Unknown', 'Not firing']);
		expect(seen.panelSource).toBe(
			"1 alert in Alertmanager's answer did not validate and is not shown (DiskFull): their state is unknown",
		);
		expect(seen.firingNow).toEqual(['BackupLate']);
		expect(logged.at(-1)).toMatch(
			/^alerts: 1 of 2 alerts from Alertmanager at http:\/\/127\.0\.0\.1:\d+ did not validate and are not shown \(first: at \[0\]\.\S+: .+\); pages say so$/,
		);
		await expectRecovery();
	},
);

test('says every quiet alert is unknown when a dropped alert has no readable name', async () => {
	const seen = await pollWith(
		json([{ ...diskFull(), labels: { alertname: 7 } }, diskFull(), backupLate]),
	);
	expect([seen.now('DiskFull'), seen.now('DiskSlow')]).toEqual([
		'Firing: at least 1 instance since 2026-11-22 05:58 UTC',
		'Unknown',
	]);
	expect(seen.panelSource).toBe(
		"1 alert in Alertmanager's answer did not validate and is not shown: any alert not shown as firing may be among them",
	);
	await expectRecovery();
});

const fieldCases = hostileVariants(diskFull);

test(`never says DiskFull is not firing through ${fieldCases.length} hostile alerts (every field × every kind)`, async () => {
	const said = new Map<string, number>();
	for (const { where, what, text } of fieldCases) {
		const seen = await pollWith({ body: `[${text},${JSON.stringify(backupLate)}]` });
		const diskFullNow = seen.now('DiskFull') ?? '';
		said.set(diskFullNow.replace(/:.*/, ''), (said.get(diskFullNow.replace(/:.*/, '')) ?? 0) + 1);
		// Kept, DiskFull fires; dropped, it is unknown; never "Not firing" or "Resolved". BackupLate, untouched, fires.
		expect({
			where,
			what,
			statuses: seen.statuses,
			diskFull: /^(Firing: |Silenced: |Inhibited: |Unknown$)/.test(diskFullNow),
			backup: seen.firingNow.includes('BackupLate'),
		}).toEqual({ where, what, statuses: [200, 200], diskFull: true, backup: true });
	}
	// Positive control: both outcomes happened (a kept alert, and a dropped one).
	expect(said.get('Firing')).toBeGreaterThan(0);
	expect(said.get('Unknown')).toBeGreaterThan(fieldCases.length / 2);
	await expectRecovery();
});

test.each([
	[
		'JSON cut short',
		{ body: JSON.stringify([diskFull()]).slice(0, 40) },
		'invalid',
		'HTTP 200 with a body that is not JSON',
	],
	[
		'a connection closed mid-answer',
		{ ...json([diskFull(), backupLate]), cutAt: 30 },
		'unreachable',
		/closed|terminated|socket/i,
	],
	[
		'valid JSON sent as text/html',
		{ ...json([diskFull()]), type: 'text/html; charset=utf-8' },
		'invalid',
		'HTTP 200 with a body of type `text/html`, expected JSON',
	],
	[
		'a login page',
		{ body: '<!doctype html><form>Sign in</form>', type: 'text/html' },
		'invalid',
		'HTTP 200 with a body of type `text/html`, expected JSON',
	],
	['an empty body', { body: '' }, 'invalid', 'HTTP 200 with a body that is not JSON'],
	[
		'an object, not a list',
		json({ data: [diskFull()] }),
		'invalid',
		'an answer that is not a list of alerts (Alertmanager API v2)',
	],
	[
		'a body larger than 32 MiB',
		{ body: `[${' '.repeat(33 * 1024 * 1024)}]` },
		'invalid',
		'answer larger than 33554432 bytes',
	],
	[
		'a server error',
		{ status: 500, body: 'boom\n\u001b[31mred', type: 'text/plain' },
		'unreachable',
		'HTTP 500: boom  [31mred',
	],
])(
	'keeps answering through %s, and says firing state is unknown',
	async (_, answer, state, reason) => {
		const seen = await pollWith(answer);
		expect(seen.statuses).toEqual([200, 200]);
		expect(seen.snapshot.state).toBe(state);
		expect(seen.snapshot.reason).toMatch(reason);
		expect([seen.now('DiskFull'), seen.now('DiskSlow')]).toEqual(['Unknown', 'Unknown']);
		expect(seen.panelSource).toMatch(
			state === 'invalid'
				? /^Alerts unavailable since \d{4}-\d\d-\d\d \d\d:\d\d UTC: Alertmanager's answer did not validate, so firing state is unknown \(.+\)$/
				: /^Alertmanager unreachable since .+: firing state unknown \(.+\)$/,
		);
		expect(seen.banner.hasAttribute('hidden')).toBe(false);
		expect(seen.firingNow).toEqual([]);
		await expectRecovery();
	},
);

test('draws 60,000 firing alerts as the first few and "and N more", in a page of bounded size', async () => {
	const flood = Array.from({ length: 60_000 }, (_, i) => ({
		labels: { alertname: `Flood${i}` },
		annotations: { runbook_url: 'https://runbooks.test/db/' },
		startsAt: '2026-11-22T06:00:00Z',
	}));
	const seen = await pollWith(json([diskFull(), ...flood]));
	expect(seen.statuses).toEqual([200, 200]);
	expect(seen.bannerItems).toHaveLength(11);
	expect(seen.bannerItems.at(-1)).toBe('and 59991 more (see the status page)');
	// The line leads to the status page's "Firing now", which lists them (and its own "and N more").
	expect(seen.banner.querySelector('.wm-banner-list > li.wm-more > a')?.getAttribute('href')).toBe(
		'/status/#firing-now',
	);
	const statusPage = await get(`${server.url}status/`);
	expect([
		statusPage.status,
		readFiringNow(statusPage.text).length,
		readFiringNow(statusPage.text).at(-1),
	]).toEqual([200, 51, 'and 59951 more (in Alertmanager)']);
	expect(seen.firingNow).toHaveLength(51);
	expect(seen.firingNow.at(-1)).toBe('and 59951 more (in Alertmanager)');
	expect(seen.now('DiskFull')).toBe('Firing: 1 instance since 2026-11-22 05:58 UTC');
	// 87 MB before: every alert on the page and in its data island.
	expect(seen.bytes).toBeLessThan(200_000);
	expect((await get(`${server.url}_waymark/status.json`)).text.length).toBeLessThan(100_000);
	await expectRecovery();
});

test('draws alerts as large as the answer may hold (64 labels of 1,024 characters, 64 KiB summaries) in pages and a status.json of bounded size (the event stream sends the same snapshot)', async () => {
	const labels = (i: number, j: number) =>
		Object.fromEntries(
			Array.from({ length: 63 }, (_, k) => [`l${k}`, `${i}.${j}.${k}`.padEnd(1024, 'v')]),
		);
	// 60 names on the runbook page (its banner) and elsewhere, 5 instances each: the most of each
	// field (a summary on the first instance only, which its alert shows; all of them would pass 32 MiB).
	const huge = Array.from({ length: 60 }, (_, i) =>
		Array.from({ length: 5 }, (_, j) => ({
			labels: { alertname: `Huge${i}`.padEnd(1024, 'n'), ...labels(i, j) },
			annotations: {
				runbook_url: i % 2 ? 'https://runbooks.test/db/' : 'https://elsewhere.test/',
				...(j === 0 && { summary: 's'.repeat(64 * 1024) }),
			},
			startsAt: `2026-11-22T06:00:0${j}Z`,
		})),
	).flat();
	const seen = await pollWith(json([diskFull(), ...huge]));
	expect(seen.statuses).toEqual([200, 200]);
	expect(seen.now('DiskFull')).toBe('Firing: 1 instance since 2026-11-22 05:58 UTC');
	expect(seen.bannerItems).toHaveLength(11);
	expect(seen.firingNow).toHaveLength(51);
	// Each instance is drawn, or counted in its alert's "and N more"; a summary is cut, never dropped.
	expect(seen.bannerItems[1]).toMatch(/^Huge\d+n+ .*[^s]s{1000}….*and 5 more$/);
	const home = await get(server.url);
	const bytes = {
		runbook: seen.bytes,
		home: home.text.length,
		status: (await get(`${server.url}_waymark/status.json`)).text.length,
	};
	// 20 to 56 MB before (status.json, runbook page 26 MB, home page): every label and the whole summary, in the lists and the data island.
	expect(Math.max(...Object.values(bytes)), JSON.stringify(bytes)).toBeLessThan(1_000_000);
	await expectRecovery();
});

test('gives up on an answer that trickles in slower than the poll timeout, and keeps answering meanwhile', async () => {
	// A second serve polling every second (its timeout: a second), whose first poll meets the slow answer.
	am.answers.set('/api/v2/alerts', { ...json([diskFull()]), drip: { pieces: 20, delayMs: 200 } });
	const config = parseConfig({ alerts: { alertmanager: { url: am.url, pollInterval: '1s' } } });
	const slow = (await startServeStatus({ dir, cwd: dir, config, env: {}, database: ':memory:' }))!;
	const slowServer = await startServer({
		dir,
		port: 0,
		host: '127.0.0.1',
		handlers: [slow.handler],
		pageTransform: slow.paintPage,
	});
	try {
		const polled = slow.pollAlerts();
		// While the poll waits, pages are still sent at once.
		expect((await get(`${slowServer.url}db/`)).status).toBe(200);
		expect(slow.snapshot().alerts?.state).toBe('waiting');
		const snapshot = await polled;
		expect([snapshot?.state, snapshot?.reason]).toEqual([
			'unreachable',
			'No answer within 1000 ms (timeout)',
		]);
	} finally {
		await slowServer.close();
		await slow.stop();
	}
	await expectRecovery();
});
