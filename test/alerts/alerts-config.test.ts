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
		  ! alerts.prometheus.url: Unexpected \`prometheus:9090\`, expected an http(s) base URL such as \`http://prometheus.example.lab:9090\`
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
