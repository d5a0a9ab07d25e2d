import type { RuleSeverity } from './define-rule.ts';

/**
 * Docs for the finding ids the network steps report (`--external`, `--site`, `--live`), which are
 * not rules of the registry: the rules page renders them like rules, so every finding id has its
 * section there, and SARIF describes them. Each example runs in test/checks/network-steps.test.ts
 * against the real step with injected I/O, so the findings shown are the ones Waymark prints.
 */
export interface NetworkStepDocs {
	id: string;
	/** The `waymark check` flag that runs the step. */
	flag: string;
	description: string;
	defaultSeverity: RuleSeverity;
	example: {
		title: string;
		files: Record<string, string>;
		output: string[];
	};
}

export const networkSteps: NetworkStepDocs[] = [
	{
		id: 'external-links',
		flag: '--external',
		description:
			'External URLs answer: a dead link (404, 410, unknown host) is an error; a site that is unreachable, rate-limits or blocks the checker, or a permanent redirect, is a warning. Tune per outcome with `links.severity`.',
		defaultSeverity: 'error',
		example: {
			title: 'a link whose server answers 404',
			files: {
				'erp/ops.md':
					'# ERP operations\n\nSee [the vendor manual](https://vendor.example.com/manual/v1).\n',
			},
			output: [
				'erp/ops.md:3:5: Unexpected status 404 Not Found from HEAD https://vendor.example.com/manual/v1, expected 2xx (external-links)',
			],
		},
	},
	{
		id: 'site-links',
		flag: '--site DIR',
		description:
			'Links in the built site (navigation, layouts, components and pages) lead to a page, file or element id that exists in that build.',
		defaultSeverity: 'error',
		example: {
			title: 'a rendered page linking to a page the build does not have',
			files: {
				'index.html':
					'<!doctype html><title>Guidebooks</title><a href="/erp/retired/">Retired ERP</a>\n',
			},
			output: [
				'/: Unexpected status 404 for /erp/retired/ in the rendered page, expected a page or file in the built site (site-links)',
			],
		},
	},
	{
		id: 'probe-failed',
		flag: '--live',
		description:
			"Every probe declared in frontmatter is run once: `down` is an error and `degraded` a warning, each at the probe's declaration; `unknown` (it could not run) is listed with the probes in the report, not as a finding.",
		defaultSeverity: 'error',
		example: {
			title: 'a DNS probe whose name does not resolve',
			files: {
				'erp/ops.md':
					'---\nprobes:\n  - id: erp-dns\n    dns: erp.example.lab\n---\n\n# ERP operations\n',
			},
			output: [
				'erp/ops.md:3:5: Unexpected down from probe `erp-dns` (dns erp.example.lab): [DNS_RCODE] (NXDOMAIN) == NOERROR (probe-failed)',
			],
		},
	},
	{
		id: 'hostname-drift',
		flag: '--live',
		description:
			'Every hostname under the owned domains (`status.domains`, `--domains`) that a page mentions resolves; a name that no longer does is an error (a warning when DNS fails transiently), with the closest name that resolves.',
		defaultSeverity: 'error',
		example: {
			title: 'a page naming a host that was renamed (owned domain `example.lab`)',
			files: {
				'erp/ops.md':
					'# ERP operations\n\nBackups go to `backup.example.lab`; restores read from `bakup.example.lab`.\n',
			},
			output: [
				'erp/ops.md:3:56: Unexpected hostname `bakup.example.lab` that does not resolve (NXDOMAIN), expected a name that resolves; did you mean `backup.example.lab` (hostname-drift)',
			],
		},
	},
];
