import { stripVTControlCharacters } from 'node:util';
import { describe, expect, test } from 'vitest';
import type { CheckReport } from '../../checks/engine.ts';
import { reporters } from '../../checks/report/index.ts';
import type { ReportContext } from '../../checks/report/reporter.ts';
import { defineRule } from '../../checks/rules/define-rule.ts';
import { rules } from '../../checks/rules/index.ts';

const report: CheckReport = {
	version: 1,
	findings: [
		{
			ruleId: 'internal-links',
			severity: 'error',
			file: 'erp/ops, 100%.md',
			position: { line: 12, column: 3 },
			message: 'Unexpected link to missing file `a.md`, expected an existing file',
		},
		{
			ruleId: 'orphan-pages',
			severity: 'warning',
			file: 'old <draft>.md',
			position: { line: 1, column: 1 },
			message: 'Unexpected orphan page & more',
		},
	],
	checked: ['README.md', 'erp/ops, 100%.md', 'old <draft>.md'],
	summary: { errors: 1, warnings: 1, files: 3 },
};
const context: ReportContext = {
	root: '/repo/guidebooks',
	cwd: '/repo',
	color: false,
	rules: Object.values(rules),
};

interface SarifRule {
	id: string;
	shortDescription: { text: string };
	help: { text: string; markdown: string };
	helpUri?: string;
}
interface SarifLog {
	version: string;
	runs: Array<{
		tool: { driver: { name: string; informationUri?: string; rules: SarifRule[] } };
		results: Array<Record<string, unknown>>;
	}>;
}

describe('reporters', () => {
	test('pretty groups by file and adds colour only when allowed', () => {
		const plain = reporters.pretty(report, context);
		expect(plain).toMatchInlineSnapshot(`
			"guidebooks/erp/ops, 100%.md
			  12:3  error    Unexpected link to missing file \`a.md\`, expected an existing file  internal-links

			guidebooks/old <draft>.md
			  1:1  warning  Unexpected orphan page & more  orphan-pages

			✖ 1 error, 1 warning in 3 files checked
			"
		`);
		const coloured = reporters.pretty(report, { ...context, color: true });
		expect(coloured).not.toBe(plain);
		expect(stripVTControlCharacters(coloured)).toBe(plain);
	});

	test('github escapes properties and data and uses paths from the working directory', () => {
		expect(reporters.github(report, context)).toMatchInlineSnapshot(`
			"::error file=guidebooks/erp/ops%2C 100%25.md,line=12,col=3,title=waymark(internal-links)::Unexpected link to missing file \`a.md\`, expected an existing file
			::warning file=guidebooks/old <draft>.md,line=1,col=1,title=waymark(orphan-pages)::Unexpected orphan page & more
			"
		`);
	});

	test('sarif is a 2.1.0 log with rules, levels and regions', () => {
		const log = JSON.parse(reporters.sarif(report, context)) as SarifLog;
		expect(log.version).toBe('2.1.0');
		const run = log.runs[0];
		expect(run?.tool.driver.name).toBe('waymark');
		expect(run?.tool.driver.rules.map((r) => r.id)).toEqual(
			expect.arrayContaining(['internal-links', 'orphan-pages']),
		);
		expect(run?.results[1]).toEqual({
			ruleId: 'orphan-pages',
			ruleIndex: run?.tool.driver.rules.findIndex((r) => r.id === 'orphan-pages'),
			level: 'warning',
			message: { text: 'Unexpected orphan page & more' },
			locations: [
				{
					physicalLocation: {
						artifactLocation: { uri: 'guidebooks/old%20%3Cdraft%3E.md' },
						region: { startLine: 1, startColumn: 1 },
					},
				},
			],
		});
	});

	test('junit escapes XML and has one suite per checked file', () => {
		expect(reporters.junit(report, context)).toMatchInlineSnapshot(`
			"<?xml version="1.0" encoding="UTF-8"?>
			<testsuites name="waymark check" tests="3" failures="1" errors="0">
			  <testsuite name="README.md" tests="1" failures="0" errors="0" skipped="0">
			    <testcase name="README.md" classname="waymark"/>
			  </testsuite>
			  <testsuite name="erp/ops, 100%.md" tests="1" failures="1" errors="0" skipped="0">
			    <testcase name="erp/ops, 100%.md:12:3 internal-links" classname="waymark.internal-links"><failure type="internal-links" message="Unexpected link to missing file \`a.md\`, expected an existing file">erp/ops, 100%.md:12:3: Unexpected link to missing file \`a.md\`, expected an existing file (internal-links)</failure></testcase>
			  </testsuite>
			  <testsuite name="old &lt;draft&gt;.md" tests="1" failures="0" errors="0" skipped="1">
			    <testcase name="old &lt;draft&gt;.md:1:1 orphan-pages" classname="waymark.orphan-pages"><skipped message="warning: Unexpected orphan page &amp; more"/></testcase>
			  </testsuite>
			</testsuites>
			"
		`);
	});

	test('markdown summarises counts and lists findings by file, named from the working directory as annotations name them', () => {
		expect(reporters.markdown(report, context)).toMatchInlineSnapshot(`
			"### ❌ Waymark check: 1 error, 1 warning

			| Errors | Warnings | Files checked |
			| ---: | ---: | ---: |
			| 1 | 1 | 3 |

			#### \`guidebooks/erp/ops, 100%.md\`

			- **error** 12:3 Unexpected link to missing file \`a.md\`, expected an existing file (\`internal-links\`)

			#### \`guidebooks/old <draft>.md\`

			- **warning** 1:1 Unexpected orphan page & more (\`orphan-pages\`)
			"
		`);
	});

	/** `n` findings of about 120 bytes, with letters of 2 and 4 bytes, `perFile` to a file, and one probe. */
	const many = (n: number, perFile = 50): CheckReport =>
		({
			version: 1,
			findings: Array.from({ length: n }, (_, i) => ({
				ruleId: 'internal-links',
				severity: 'error',
				file: `ops/page-${Math.floor(i / perFile)}.md`,
				position: { line: i + 1, column: 1 },
				message: `Unexpected link to missing file \`café-${i}.md\` 🚒, expected an existing file`,
			})),
			probes: [
				{
					id: 'api',
					kind: 'http',
					target: 'https://api.example.test/health',
					state: 'down',
					ok: false,
					latencyMs: 12,
					message: '[STATUS] (502) == 200',
					file: 'ops/page-0.md',
					line: 3,
					checkedAt: '2026-11-01T00:00:00.000Z',
				},
			],
			checked: ['ops/page-0.md'],
			summary: { errors: n, warnings: 0, files: Math.ceil(n / perFile) },
		}) as CheckReport;
	const fullReport = "Every finding is in this run's log.";

	// A pull-request comment (GitHub: 65,536 characters) and a job summary (1 MiB, less a heading).
	test.each([
		[65_536, 3000],
		[1_024_000, 12000],
	])(
		'markdown over %i bytes is cut at a line below it (%i findings), saying how many findings and probes it leaves out and where they all are',
		(bytes, n) => {
			const whole = reporters.markdown(many(n), context);
			expect(Buffer.byteLength(whole)).toBeGreaterThan(bytes * 1.3);
			const cut = reporters.markdown(many(n), { ...context, markdownLimit: { bytes, fullReport } });
			expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(bytes);
			expect(Buffer.byteLength(cut)).toBeGreaterThan(bytes - 1000);
			const lines = cut.trimEnd().split('\n');
			const shown = lines.filter((line) => line.startsWith('- **error** ')).length;
			expect(lines.at(-1)).toBe(
				`*Not shown, to keep this report under ${bytes.toLocaleString('en')} bytes: ${(n - shown).toLocaleString('en')} of ${n.toLocaleString('en')} findings and 1 of 1 probe. ${fullReport}*`,
			);
			// Above the note: the report's first lines, whole, ending on a finding (no heading left hanging).
			const body = lines.slice(0, -2);
			expect(whole.startsWith(`${body.join('\n')}\n`)).toBe(true);
			expect(body.at(-1)).toMatch(
				/^- \*\*error\*\* \d+:1 Unexpected link to missing file `café-\d+\.md` 🚒, expected an existing file/,
			);
			expect(lines.at(-2)).toBe('');
		},
	);

	test('markdown cut at any limit keeps whole lines under it and ends on a finding, never on a file heading', () => {
		const report = many(40, 3);
		const whole = reporters.markdown(report, context);
		for (let bytes = 1024; bytes < Buffer.byteLength(whole); bytes += 1) {
			const lines = reporters
				.markdown(report, { ...context, markdownLimit: { bytes, fullReport } })
				.trimEnd()
				.split('\n');
			const body = lines.slice(0, -2);
			expect(Buffer.byteLength(`${lines.join('\n')}\n`)).toBeLessThanOrEqual(bytes);
			expect(whole.startsWith(`${body.join('\n')}\n`)).toBe(true);
			expect(body.at(-1)).toMatch(/^(- \*\*error\*\* |\| \d+ \| 0 \| \d+ \|$)/);
		}
	});

	test('markdown within its limit is the whole report, unchanged', () => {
		const whole = reporters.markdown(many(3000), context);
		expect(
			reporters.markdown(many(3000), {
				...context,
				markdownLimit: { bytes: Buffer.byteLength(whole), fullReport },
			}),
		).toBe(whole);
		expect(
			reporters.markdown(report, { ...context, markdownLimit: { bytes: 65_536, fullReport } }),
		).toBe(reporters.markdown(report, context));
	});

	test("sarif names each rule's docs in the package, for network steps too, and links no address", () => {
		const probeFailed = {
			ruleId: 'probe-failed',
			severity: 'error',
			file: 'erp/ops.md',
			position: { line: 3, column: 5 },
			message: 'Unexpected down from probe `erp`',
		} as const;
		const driver = (
			JSON.parse(
				reporters.sarif({ ...report, findings: [...report.findings, probeFailed] }, context),
			) as SarifLog
		).runs[0]?.tool.driver;
		expect(driver).not.toHaveProperty('informationUri');
		const orphans = driver?.rules.find((r) => r.id === 'orphan-pages');
		expect(orphans).toEqual({
			id: 'orphan-pages',
			shortDescription: { text: rules['orphan-pages'].description },
			help: {
				text: `${rules['orphan-pages'].description} Documented with examples in guidebooks/rules.md#orphan-pages of the Waymark package.`,
				markdown: `${rules['orphan-pages'].description}\n\nDocumented with examples in \`guidebooks/rules.md#orphan-pages\` of the Waymark package.`,
			},
		});
		const probe = driver?.rules.find((r) => r.id === 'probe-failed');
		expect(probe?.shortDescription.text).toMatch(
			/^Every probe declared in frontmatter is run once/,
		);
		expect(probe?.help.text).toContain('guidebooks/rules.md#probe-failed');
		expect(driver?.rules.filter((r) => 'helpUri' in r)).toEqual([]);
	});

	test('a rule defined with an address of its own links it in sarif, json and markdown', () => {
		const owner = defineRule({
			id: 'team-owner',
			description: 'Every page names a team.',
			defaultSeverity: 'error',
			url: 'https://docs.example.com/team-owner',
			examples: { ok: [], notOk: [] },
			check: () => [],
		});
		const found = {
			ruleId: 'team-owner',
			severity: 'error',
			file: 'erp/ops.md',
			position: { line: 1, column: 1 },
			message: 'Unexpected page without a team',
			url: 'https://docs.example.com/team-owner',
		} as const;
		const withOwner: CheckReport = { ...report, findings: [found, ...report.findings] };
		const withRules = { ...context, rules: [...context.rules, owner] };
		const driver = (JSON.parse(reporters.sarif(withOwner, withRules)) as SarifLog).runs[0]?.tool
			.driver;
		expect(driver?.rules.filter((r) => 'helpUri' in r).map((r) => [r.id, r.helpUri])).toEqual([
			['team-owner', 'https://docs.example.com/team-owner'],
		]);
		const json = JSON.parse(reporters.json(withOwner, withRules)) as {
			findings: Array<Record<string, unknown>>;
		};
		expect(json.findings.map((f) => f['url'])).toEqual([
			'https://docs.example.com/team-owner',
			undefined,
			undefined,
		]);
		expect(reporters.markdown(withOwner, withRules)).toContain(
			'Unexpected page without a team ([`team-owner`](https://docs.example.com/team-owner))',
		);
	});

	test('json keeps the contract keys first', () => {
		const json = JSON.parse(reporters.json(report, context)) as {
			version: number;
			findings: Array<Record<string, unknown>>;
			summary: unknown;
		};
		expect(Object.keys(json).slice(0, 3)).toEqual(['version', 'findings', 'summary']);
		expect(Object.keys(json.findings[0] ?? {}).slice(0, 6)).toEqual([
			'rule',
			'severity',
			'file',
			'line',
			'column',
			'message',
		]);
	});
});
