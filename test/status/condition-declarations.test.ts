import { expect, test } from 'vitest';
import probeDeclarations from '../../checks/rules/probe-declarations.ts';
import { format, runExample } from '../checks/run-example.ts';

const page = (probes: string): Record<string, string> => ({
	'erp.md': `---\nprobes:\n${probes}---\n\n# ERP\n`,
});

test("reports each condition Gatus would reject at its own line, with Gatus's reason", async () => {
	const findings = await runExample(
		probeDeclarations,
		page(
			'  - id: erp-status\n    http: https://erp.example.lab/\n    conditions:\n      - "[STATUS] == 200"\n      - "[STATUS]==200"\n      - "[BODY].version == 22.0.4"\n      - "[STATUS] = = 200"\n',
		),
	);
	expect(format(findings)).toEqual([
		'erp.md:7:9: probe `erp-status` `conditions.1`: Unexpected condition `[STATUS]==200` that does not match `<VALUE> <COMPARATOR> <VALUE>`, expected `==`, `!=`, `<`, `<=`, `>` or `>=` with a space on each side; did you mean `[STATUS] == 200` (probe-declarations)',
		'erp.md:9:9: probe `erp-status` `conditions.3`: Unexpected condition `[STATUS] = = 200` that does not match `<VALUE> <COMPARATOR> <VALUE>`, expected `==`, `!=`, `<`, `<=`, `>` or `>=` with a space on each side (probe-declarations)',
	]);
});

test('reports a condition that could never mean what it says at its line', async () => {
	const findings = await runExample(
		probeDeclarations,
		page(
			'  - id: erp-tls\n    tls: erp.example.lab:443\n    conditions: ["[CONNECTED] == true", "[CERTIFICATE_EXPIRATION] > 30d"]\n',
		),
	);
	expect(format(findings)).toEqual([
		'erp.md:5:41: probe `erp-tls` `conditions.1`: Unexpected `30d` in `[CERTIFICATE_EXPIRATION] > 30d`, expected a number or a duration such as `500ms` or `48h` (Gatus reads anything else as 0); did you mean `720h` (probe-declarations)',
	]);
});

test.each([
	[
		'no interval',
		'',
		[
			'erp.md:6:9: probe `erp-domain` `conditions.0`: Unexpected `[DOMAIN_EXPIRATION]` with the default interval of 1m, expected `interval: 5m` or more (the minimum interval for a condition using `[DOMAIN_EXPIRATION]` is 300s (5m), as in Gatus) (probe-declarations)',
		],
	],
	[
		'a 2-minute interval',
		'    interval: 2m\n',
		[
			'erp.md:6:9: probe `erp-domain` `conditions.0`: Unexpected `[DOMAIN_EXPIRATION]` with `interval: 2m`, expected `interval: 5m` or more (the minimum interval for a condition using `[DOMAIN_EXPIRATION]` is 300s (5m), as in Gatus) (probe-declarations)',
		],
	],
	['a 1-hour interval', '    interval: 1h\n', []],
])(
	'checks the interval of a [DOMAIN_EXPIRATION] probe with %s',
	async (_name, interval, output) => {
		const findings = await runExample(
			probeDeclarations,
			page(
				`  - id: erp-domain\n    http: https://erp.example.com/\n    conditions:\n      - "[DOMAIN_EXPIRATION] > 720h"\n${interval}`,
			),
		);
		expect(format(findings)).toEqual(output);
	},
);
