import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { cliPath, removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import { startHostileApi, type HostileApi } from '../helpers/hostile-api.ts';
import { waitFor } from '../helpers/prometheus.ts';

// `user:password@` in the URL of Alertmanager or Prometheus: sent to that server as Basic auth, and
// shown nowhere else. `waymark serve` put it in `status.json` (the silence links' base) for every
// reader, and findings and logs printed it.
vi.setConfig({ testTimeout: 60_000 });

const password = 'S3CRET-pw';
const basic = `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;
let api: HostileApi;
let dir: string;
beforeAll(async () => {
	api = await startHostileApi();
	dir = await writeFixture({
		'index.html': '<!doctype html><title>Home</title><p>Home\n',
		'docs/README.md': '# Home\n',
	});
});
afterAll(async () => {
	await api?.close();
	await removeFixture(dir);
});

const withCredentials = () => api.url.replace('http://', `http://admin:${password}@`);

test('`waymark serve` sends Alertmanager the credentials of its URL, and shows them to no reader and in no log line', async () => {
	api.answers.set('/api/v2/alerts', { body: '[]' });
	await writeFile(
		join(dir, 'waymark.config.yaml'),
		`alerts:\n  alertmanager: { url: '${withCredentials()}', pollInterval: 1s }\n`,
	);
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
		const { value: status } = await waitFor('a poll', async () => {
			const text = await (await fetch(`${url}_waymark/status.json`)).text();
			return text.includes('"state":"ok"') ? text : undefined;
		});
		// The control: the credentials were in the config, and Alertmanager got them.
		expect(api.authorizations.at(-1)).toBe(basic);
		expect(JSON.parse(status)).toMatchObject({ alerts: { uiUrl: `${api.url}/` } });
		expect(
			[status, output].filter((text) => text.includes(password) || text.includes('admin:')),
		).toEqual([]);
		expect(output).toContain(`Alerts: firing state from Alertmanager at ${api.url}/,`);
	} finally {
		child.kill('SIGTERM');
		await once(child, 'exit');
	}
});

test('`waymark check` sends Prometheus the credentials of its URL, and its findings name the URL without them', async () => {
	api.answers.set('/api/v1/rules', { status: 500, type: 'text/plain', body: 'boom' });
	await writeFile(
		join(dir, 'waymark.config.yaml'),
		`root: docs\nalerts:\n  prometheus: { url: '${withCredentials()}' }\n`,
	);
	const asked = api.authorizations.length;
	const result = await runCli(
		['check', '--config', join(dir, 'waymark.config.yaml'), '--format', 'json'],
		{ cwd: dir },
	);
	expect(api.authorizations.slice(asked)).toEqual([basic]);
	expect(result.stdout).toContain(`Unexpected answer from Prometheus at ${api.url}/ (HTTP 500`);
	expect(result.stdout + result.stderr).not.toContain(password);
	expect(result.stdout + result.stderr).not.toContain('admin:');
});
