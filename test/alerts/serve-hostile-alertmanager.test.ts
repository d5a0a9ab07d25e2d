import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { alertsSiteFiles, readRunbookPage } from '../helpers/alerts-site.ts';
import { cliPath, removeFixture, writeFixture } from '../helpers/fixture.ts';
import { deepJson, startHostileApi, type HostileApi } from '../helpers/hostile-api.ts';
import { waitFor } from '../helpers/prometheus.ts';

// The real `waymark serve`, polling a fake Alertmanager every second, through each answer that
// ended the process before: it keeps serving, each runbook page says what it can tell, and it
// stops only when told to (SIGTERM, its own clean exit).

let am: HostileApi;
let dir: string;
beforeAll(async () => {
	am = await startHostileApi();
	dir = await writeFixture({ ...alertsSiteFiles, 'waymark.config.yaml': '' });
});
afterAll(async () => {
	await am?.close();
	await removeFixture(dir);
});

const diskFull = {
	labels: { alertname: 'DiskFull', severity: 'critical' },
	annotations: { runbook_url: 'https://runbooks.test/db/' },
	startsAt: '2026-11-22T05:58:00Z',
};
const get = async (url: string) => {
	const response = await request(url, { reset: true });
	return { status: response.statusCode, text: await response.body.text() };
};

test('waymark serve keeps serving through every answer that ended it, and says what each page can tell', async () => {
	const { writeFile } = await import('node:fs/promises');
	await writeFile(
		join(dir, 'waymark.config.yaml'),
		`alerts:\n  alertmanager: { url: '${am.url}', pollInterval: 1s }\n`,
	);
	am.answers.set('/api/v2/alerts', { body: JSON.stringify([diskFull]) });
	const child = spawn(
		process.execPath,
		[
			cliPath,
			'serve',
			'--dir',
			dir,
			'--config',
			join(dir, 'waymark.config.yaml'),
			'--port',
			'0',
			'--host',
			'127.0.0.1',
		],
		{ env: { ...process.env, NO_COLOR: '1' } },
	);
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	try {
		const { value: url } = await waitFor('serve to start', () =>
			Promise.resolve(/Serving .* on (http:\/\/\S+)/.exec(output)?.[1]),
		);
		/** Sets the answer, waits for serve's next poll after it, and reads the runbook page. */
		const after = async (body: string, expected: RegExp) => {
			am.answers.set('/api/v2/alerts', { body });
			const asked = am.requests.get('/api/v2/alerts') ?? 0;
			await waitFor('a poll with the new answer', () =>
				Promise.resolve((am.requests.get('/api/v2/alerts') ?? 0) > asked + 1 ? true : undefined),
			);
			const page = await get(`${url}db/`);
			expect(page.status).toBe(200);
			const now = readRunbookPage(page.text).now('DiskFull');
			expect(now).toMatch(expected);
		};
		await after(JSON.stringify([diskFull]), /^Firing: 1 instance/);
		await after(JSON.stringify([{ ...diskFull, annotations: { runbook_url: 404 } }]), /^Unknown$/);
		await after(JSON.stringify([{ ...diskFull, startsAt: 1764000000 }]), /^Unknown$/);
		await after(`[{"labels":{"alertname":"DiskFull","deep":${deepJson(100_000)}}}]`, /^Unknown$/);
		await after(
			JSON.stringify([{ ...diskFull, labels: { alertname: 'DiskFull', severity: 1 } }]),
			/^Unknown$/,
		);
		await after(
			JSON.stringify([
				diskFull,
				...Array.from({ length: 60_000 }, (_, i) => ({
					labels: { alertname: `Flood${i}` },
					annotations: { runbook_url: 'https://runbooks.test/db/' },
				})),
			]),
			/^Firing: 1 instance/,
		);
		await after(JSON.stringify([diskFull]).slice(0, 20), /^Unknown$/);
		await after(JSON.stringify([diskFull]), /^Firing: 1 instance/);
		expect(child.exitCode).toBeNull();
		expect(output).not.toMatch(/\n\s+at |TypeError|RangeError|unexpected (rejection|exception)/);
		expect(output).toContain('alerts: 1 of 1 alerts from Alertmanager at');
		expect(output).toMatch(
			/alerts: Alertmanager at \S+ gave an answer that did not validate \(HTTP 200 with a body that is not JSON\); pages say alerts are unavailable/,
		);
	} finally {
		child.kill('SIGTERM');
		await once(child, 'exit');
	}
	expect(child.exitCode).toBe(0);
}, 90_000);
