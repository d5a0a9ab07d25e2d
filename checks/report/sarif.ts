import { pathFromCwd } from './paths.ts';
import type { Reporter } from './reporter.ts';
import { reportJson } from '../../core/escape.ts';
import { ruleDocsPath } from '../finding.ts';
import { networkSteps } from '../rules/network-steps.ts';

const levels = { error: 'error', warning: 'warning' } as const;

/**
 * SARIF 2.1.0 for code-scanning uploads; URIs are relative to the working directory (the
 * repository). Each rule's `help` names its section of the rules page in the Waymark package: no
 * website hosts the docs, so there is no `informationUri`, and a `helpUri` only for a rule defined
 * with a `url` of its own. With a baseline, each result says whether it is `new` or `unchanged`
 * (`baselineState`) and a recorded one carries an external suppression naming the file.
 */
export const sarif: Reporter = (report, context) => {
	const ruleIds = [
		...new Set([...context.rules.map((r) => r.id), ...report.findings.map((f) => f.ruleId)]),
	];
	const described = new Map<string, { description: string; url?: string }>(
		[...networkSteps, ...context.rules].map((r) => [r.id, r]),
	);
	const urls = new Map(
		report.findings.flatMap((f) => (f.url === undefined ? [] : [[f.ruleId, f.url]])),
	);
	const log = {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [
			{
				tool: {
					driver: {
						name: 'waymark',
						rules: ruleIds.map((id) => {
							const description = described.get(id)?.description ?? id;
							const url = described.get(id)?.url ?? urls.get(id);
							return {
								id,
								shortDescription: { text: description },
								help: {
									text: `${description} Documented with examples in ${ruleDocsPath(id)} of the Waymark package.`,
									markdown: `${description}\n\nDocumented with examples in \`${ruleDocsPath(id)}\` of the Waymark package.`,
								},
								...(url !== undefined && { helpUri: url }),
							};
						}),
					},
				},
				results: report.findings.map((f) => ({
					ruleId: f.ruleId,
					ruleIndex: ruleIds.indexOf(f.ruleId),
					level: levels[f.severity],
					message: { text: f.message },
					...(f.fingerprint !== undefined && {
						partialFingerprints: { 'waymarkLineHash/v1': f.fingerprint },
					}),
					// Compared with the baseline: a recorded finding is `unchanged`, and suppressed by that file.
					...(report.baseline && { baselineState: f.baselined ? 'unchanged' : 'new' }),
					...(report.baseline &&
						f.baselined && {
							suppressions: [
								{
									kind: 'external',
									justification: `Recorded in ${report.baseline.file} (waymark baseline)`,
								},
							],
						}),
					locations: [
						{
							physicalLocation: {
								artifactLocation: {
									uri: encodeURI(pathFromCwd(context.root, context.cwd, f.file)),
								},
								region: { startLine: f.position?.line ?? 1, startColumn: f.position?.column ?? 1 },
							},
						},
					],
				})),
			},
		],
	};
	return `${reportJson(log)}\n`;
};
