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
		expect(
			messageOf({
				status: { source: 'prometheus' },
				alerts: { prometheus: { url: 'http://127.0.0.1:9090' } },
			}),
		).toBe('accepted');
	});

	test('takes locations with names a label can hold, each once, and a down rule no larger than their number', () => {
		const locations = [
			{ name: 'eu-west', blackbox: 'blackbox-eu.example.lab:9115' },
			{ name: 'us-east', blackbox: '10.0.0.7:9115' },
		];
		expect(messageOf({ status: { locations, downWhen: 2 } })).toBe('accepted');
		expect(messageOf({ status: { locations, downWhen: 'all' } })).toBe('accepted');
		const message = messageOf({
			status: {
				locations: [
					...locations,
					{ name: 'eu-west', blackbox: 'b:1' },
					{ name: 'eu west|x', blackbox: 'nowhere' },
				],
				downWhen: 5,
				refresh: '1s',
			},
		});
		expect(message.split('\n').slice(1)).toEqual([
			'  ! status.refresh: Unexpected `1s`, expected a duration of at least 5s such as `15s` or `1m`',
			'  ! status.locations[3].name: Unexpected `eu west|x`, expected letters, digits, `-` and `_`, such as `eu-west`',
			'  ! status.locations[3].blackbox: Unexpected `nowhere`, expected `host:port` such as `blackbox-eu.example.lab:9115`',
			'  ! status.locations[2].name: Unexpected a second location `eu-west`, expected each name once',
			'  ! status.downWhen: Unexpected `5`, expected at most 4, the number of `status.locations`, or `all`',
		]);
	});

	test('lets headers read only the environment variables network.env lists, wherever they are written', () => {
		const headers = {
			links: {
				rules: [
					{ pattern: 'https://x.example/**', headers: { Authorization: 'Bearer ${env:TOKEN}' } },
				],
			},
			alerts: {
				alertmanager: { url: 'http://127.0.0.1:9093', headers: { 'X-Key': '${env:AM_KEY}' } },
			},
		};
		const message = messageOf(headers);
		expect(message).toContain(
			'links.rules[0].headers.Authorization: Unexpected `${env:TOKEN}`, expected a variable listed in `network.env`; add `TOKEN` to `network.env`',
		);
		expect(message).toContain(
			'alerts.alertmanager.headers.X-Key: Unexpected `${env:AM_KEY}`, expected a variable listed in `network.env`; add `AM_KEY` to `network.env`',
		);
		expect(messageOf({ ...headers, network: { env: ['TOKEN', 'AM_KEY'] } })).toBe('accepted');
	});
});

test('says which unit a number is in when a value is written with one, and what its bounds are', () => {
	const message = messageOf({
		checks: { maxPageBytes: '5MB' },
		build: { stallTimeoutSeconds: '2m' },
		network: { concurrency: 0 },
		site: { title: '' },
	});
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

	const failure = async (cwd: string) =>
		loadConfig({ cwd }).then(
			() => 'accepted',
			(error: Error) => error.message,
		);

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
