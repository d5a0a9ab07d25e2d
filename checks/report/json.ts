import { reportJson } from '../../core/escape.ts';
import type { Reporter } from './reporter.ts';

/**
 * The versioned JSON contract: `version`, `findings[{ rule, severity, file, line, column, message }]`
 * (file relative to the root, 1-based positions) and `summary`. Keys after these (`url`, `related`, `checked`,
 * `probes`, `fingerprint`, `baselined`, `baseline`) are additions a consumer may ignore; with a
 * baseline, findings it records carry `baselined: true` and `summary` counts only the others; `url` is there only for a rule defined with one
 * (Waymark's own rules are documented in the package's `guidebooks/rules.md`, which no website hosts).
 */
export const json: Reporter = (report) =>
	`${reportJson({
		version: report.version,
		findings: report.findings.map((f) => ({
			rule: f.ruleId,
			severity: f.severity,
			file: f.file,
			line: f.position?.line ?? 1,
			column: f.position?.column ?? 1,
			message: f.message,
			...(f.url !== undefined && { url: f.url }),
			...(f.actual !== undefined && { actual: f.actual }),
			...(f.expected !== undefined && { expected: f.expected }),
			...(f.related && {
				related: f.related.map((r) => ({
					file: r.file,
					line: r.position?.line ?? 1,
					column: r.position?.column ?? 1,
				})),
			}),
			...(f.fingerprint !== undefined && { fingerprint: f.fingerprint }),
			...(f.baselined && { baselined: true }),
		})),
		summary: report.summary,
		checked: report.checked,
		...(report.probes && { probes: report.probes }),
		...(report.baseline && { baseline: report.baseline }),
	})}\n`;
