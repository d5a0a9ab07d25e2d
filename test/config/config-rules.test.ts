import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig, parseConfig } from '../../config/load-config.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

const messageOf = (input: unknown): string => {
	try {
		parseConfig(input, 'waymark.config.yaml');
	} catch (error) {
		return (error as Error).message;
	}
	return 'accepted';
};

describe('rules across keys', () => {
	test('asks for alerts.prometheus when status reads probe states from Prometheus', () => {
		expect(messageOf({ status: { source: 'prometheus' } })).toContain(
			'status.source: Unexpected `prometheus` without `alerts.prometheus`, expected `alerts.prometheus.url` to say which Prometheus to read probe states from',
		);
		expect(messageOf({ status: { source: 'prometheus' }, alerts: { prometheus: { url: 'http://127.0.0.1:9090' } } })).toBe('accepted');
	});

	test('lets headers read only the environment variables network.env lists, wherever they are written', () => {
		const headers = {
			links: { rules: [{ pattern: 'https://x.example/**', headers: { Authorization: 'Bearer ${env:TOKEN}' } }] },
			alerts: { alertmanager: { url: 'http://127.0.0.1:9093', headers: { 'X-Key': '${env:AM_KEY}' } } },
		};
		const message = messageOf(headers);
		expect(message).toContain('links.rules[0].headers.Authorization: Unexpected `${env:TOKEN}`, expected a variable listed in `network.env`; add `TOKEN` to `network.env`');
		expect(message).toContain('alerts.alertmanager.headers.X-Key: Unexpected `${env:AM_KEY}`, expected a variable listed in `network.env`; add `AM_KEY` to `network.env`');
		expect(messageOf({ ...headers, network: { env: ['TOKEN', 'AM_KEY'] } })).toBe('accepted');
	});
});

test('says which unit a number is in when a value is written with one, and what its bounds are', () => {
	const message = messageOf({ checks: { maxPageBytes: '5MB' }, build: { stallTimeoutSeconds: '2m' }, network: { concurrency: 0 }, site: { title: '' } });
	expect(message.split('\n').slice(1)).toEqual([
		'  ! site.title: Unexpected `""`, expected text that is not empty',
		'  ! build.stallTimeoutSeconds: Unexpected `"2m"`, expected a number. Use seconds, e.g. `3600`',
		'  ! checks.maxPageBytes: Unexpected `"5MB"`, expected a whole number. Use bytes, e.g. `262144`',
		'  ! network.concurrency: Unexpected `0`, expected a number of at least 1',
	]);
});

describe('a config file that is not YAML or JSON', () => {
	let yaml: string;
	let json: string;
	beforeAll(async () => {
		yaml = await writeFixture({ 'waymark.config.yaml': 'site:\n  title: Ops\n checks: [\n' });
		json = await writeFixture({ 'waymark.config.json': '{\n  "site": { "title": "Ops", }\n}\n' });
	});
	afterAll(async () => {
		await removeFixture(yaml);
		await removeFixture(json);
	});

	const failure = async (cwd: string) => loadConfig({ cwd }).then(() => 'accepted', (error: Error) => error.message);

	test('names the YAML file, line and column, and draws the line with a caret under the column', async () => {
		expect(await failure(yaml)).toBe(
			`waymark.config.yaml:3:1: All mapping items must start at the same column.\n  2 |   title: Ops\n  3 |  checks: [\n    | ^`,
		);
	});

	test('does the same for JSON, with the full sentence of the parser', async () => {
		expect(await failure(json)).toBe(
			`waymark.config.json:2:29: Expected double-quoted property name.\n  1 | {\n  2 |   "site": { "title": "Ops", }\n    |                             ^`,
		);
	});
});
