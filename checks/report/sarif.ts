import { pathFromCwd } from './paths.ts';
import type { Reporter } from './reporter.ts';
import { reportJson } from '../../core/escape.ts';

const levels = { error: 'error', warning: 'warning' } as const;

/** SARIF 2.1.0 for code-scanning uploads; URIs are relative to the working directory (the repository). */
export const sarif: Reporter = (report, context) => {
	const ruleIds = [...new Set([...context.rules.map((r) => r.id), ...report.findings.map((f) => f.ruleId)])];
	const described = new Map(context.rules.map((r) => [r.id, r]));
	const urls = new Map(report.findings.map((f) => [f.ruleId, f.url]));
	const log = {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [
			{
				tool: {
					driver: {
						name: 'waymark',
						informationUri: 'https://waymark.dev/',
						rules: ruleIds.map((id) => ({
							id,
							shortDescription: { text: described.get(id)?.description ?? id },
							helpUri: described.get(id)?.url ?? urls.get(id) ?? 'https://waymark.dev/',
						})),
					},
				},
				results: report.findings.map((f) => ({
					ruleId: f.ruleId,
					ruleIndex: ruleIds.indexOf(f.ruleId),
					level: levels[f.severity],
					message: { text: f.message },
					locations: [
						{
							physicalLocation: {
								artifactLocation: { uri: encodeURI(pathFromCwd(context.root, context.cwd, f.file)) },
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
