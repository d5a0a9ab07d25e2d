import type { AstroIntegrationLogger } from 'astro';
import type { AlertSet } from '../alerts/types.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';
import type { LoadedConfig } from '../config/load-config.ts';
import { runChecks, type RunChecksOptions } from '../checks/engine.ts';
import { ChecksFailed, raise, type WaymarkError } from '../core/errors.ts';
import { formatFinding, type Finding } from '../checks/finding.ts';
import { pathFromCwd } from '../checks/report/paths.ts';
import { plural } from '../checks/report/pretty.ts';

/**
 * The Astro front end of the engine for a plain `astro build` (`waymark build` runs the checks
 * itself, `build-site.ts`; dev shows each page's findings on it, `dev-checks.ts`): the same rules
 * as `waymark check`. A build publishes whatever the findings; with `build.strict` error
 * findings fail it with the same messages.
 */
export async function checkTreeForBuild(
	tree: GuidebookTree,
	loaded: LoadedConfig,
	options: {
		cwd: string;
		alerts?: AlertSet;
		logger?: AstroIntegrationLogger;
		trace?: (line: string) => void;
	},
): Promise<void> {
	const report = await runChecks({
		...trustOf(loaded),
		root: loaded.root,
		config: loaded.config,
		tree,
		...(options.alerts && { alerts: options.alerts }),
		...(loaded.file && { configFile: loaded.file }),
		...(options.trace && { trace: options.trace }),
	});
	const error = loaded.config.build.strict
		? failureOf(report.findings, loaded.root, options.cwd)
		: undefined;
	if (error) throw error;
	for (const finding of report.findings)
		options.logger?.[finding.severity === 'error' ? 'error' : 'warn'](
			formatFromCwd(finding, loaded.root, options.cwd),
		);
	const { errors, warnings } = report.summary;
	if (errors + warnings > 0)
		options.logger?.info(
			`${plural(errors, 'error')} and ${plural(warnings, 'warning')} in the guidebooks; the site is built anyway. Run \`waymark check\` for the gate.`,
		);
}

/** The run's trust, and the config settings it set aside, as the engine takes them. */
function trustOf(loaded: LoadedConfig): Pick<RunChecksOptions, 'trust' | 'setAside'> {
	return {
		trust: loaded.trust,
		setAside: { ...(loaded.file && { configFile: loaded.file }), settings: loaded.setAside },
	};
}

/** A `ChecksFailed` error listing every error finding, or `undefined` when there is none. */
function failureOf(findings: Finding[], root: string, cwd: string): WaymarkError | undefined {
	const errors = findings.filter((f) => f.severity === 'error');
	return errors.length > 0
		? raise(
				ChecksFailed,
				errors.map((f) => formatFromCwd(f, root, cwd)),
			)
		: undefined;
}

/** `guidebooks/erp/ops.md:12:3: …` so the path opens from the terminal the command ran in. */
export function formatFromCwd(finding: Finding, root: string, cwd: string): string {
	return formatFinding({ ...finding, file: pathFromCwd(root, cwd, finding.file) });
}
