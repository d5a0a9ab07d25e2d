import { expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';

test('reports every bad key under alerts in one error', () => {
	expect(() =>
		parseConfig({
			alerts: {
				rules: 'rules/*.yml',
				prometheus: { url: 'prometheus:9090', headers: { Authorization: 'Bearer ${TOKEN}' } },
				alertmanager: { url: 'http://am.example.lab:9093', pollInterval: '500ms' },
				missingRunbook: 'warn',
			},
		}),
	).toThrowErrorMatchingInlineSnapshot(`
		[ConfigInvalid: Configuration has 5 invalid keys:
		  ! alerts.rules: Unexpected \`"rules/*.yml"\`, expected a list
		  ! alerts.prometheus.url: Unexpected \`"prometheus:9090"\`, expected an http(s) base URL such as \`http://prometheus.example.lab:9090\`
		  ! alerts.prometheus.headers.Authorization: Unexpected \`Bearer \${TOKEN}\`, expected \`\${env:NAME}\` for an environment variable
		  ! alerts.alertmanager.pollInterval: Unexpected \`500ms\`, expected a duration of at least 1s such as \`15s\` or \`1m\`
		  ! alerts.missingRunbook: Unexpected \`"warn"\`, expected one of \`error\`, \`warning\`, \`off\`]
	`);
});

test('defaults to no source, a 15 s poll and warnings for rules without runbook_url', () => {
	const config = parseConfig({ alerts: { alertmanager: { url: 'http://am.example.lab:9093' } } });
	expect(config.alerts).toEqual({
		rules: [],
		missingRunbook: 'warning',
		alertmanager: { url: 'http://am.example.lab:9093', headers: {}, pollInterval: '15s' },
	});
});

// Credentials in an endpoint's URL: shown nowhere (findings, logs, probe details, the silence links
// and `status.json` every reader gets), sent as Basic auth, as a probe target's are.
test('moves `user:password@` of the Prometheus and Alertmanager URLs into a Basic Authorization header, and out of every URL', () => {
	const basic = `Basic ${Buffer.from('admin:s3 cret').toString('base64')}`;
	const config = parseConfig({
		alerts: {
			prometheus: { url: 'https://admin:s3%20cret@prom.example.lab:9090/prom' },
			alertmanager: {
				url: 'http://admin:s3%20cret@am.example.lab:9093',
				externalUrl: 'https://viewer:pw@am.example.com/',
				headers: { 'X-Team': 'ops' },
			},
		},
	});
	expect([config.alerts.prometheus, config.alerts.alertmanager]).toEqual([
		{ url: 'https://prom.example.lab:9090/prom', headers: { Authorization: basic } },
		{
			url: 'http://am.example.lab:9093/',
			externalUrl: 'https://am.example.com/',
			headers: { 'X-Team': 'ops', Authorization: basic },
			pollInterval: '15s',
		},
	]);
	// A header written in the config wins; a URL without credentials stays as written (the control).
	const written = parseConfig({
		network: { env: ['AM_TOKEN'] },
		alerts: {
			alertmanager: {
				url: 'http://u:p@am.example.lab:9093',
				headers: { authorization: 'Bearer ${env:AM_TOKEN}' },
			},
			prometheus: { url: 'http://prom.example.lab:9090' },
		},
	});
	expect([written.alerts.alertmanager, written.alerts.prometheus]).toEqual([
		{
			url: 'http://am.example.lab:9093/',
			headers: { authorization: 'Bearer ${env:AM_TOKEN}' },
			pollInterval: '15s',
		},
		{ url: 'http://prom.example.lab:9090', headers: {} },
	]);
});
