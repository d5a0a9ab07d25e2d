import { entriesOf, writeBaseline } from '../../checks/baseline/baseline-file.ts';
import { plural } from '../../checks/report/pretty.ts';
import { checkWork } from '../../core/optimizing-compiler.ts';
import { shownPath } from '../../core/shown-path.ts';
import { BaselineMissing, raise } from '../../core/errors.ts';
import { guardedRun } from '../guarded-run.ts';
import type { Terminal } from '../terminal.ts';
import { checkTree, type CheckedTree } from './check-tree.ts';
import { exitCodes } from './shared.ts';

export interface BaselineOptions {
	root?: string;
	config?: string;
	stateDir?: string;
	/** `--baseline FILE`: write it there instead of beside the config. */
	baseline?: string;
	/** Only drop what was fixed; never add a finding. */
	prune?: boolean;
	untrusted?: boolean;
}

/**
 * `waymark baseline`: runs the checks `waymark check` runs by default and records every finding in
 * the baseline beside the config, so `check` then fails only on new ones. With `--prune`, it keeps
 * only the findings it already records that are still there (with their lines as they are now):
 * the baseline shrinks as findings are fixed and never takes in a new one.
 */
export function runBaseline(options: BaselineOptions, terminal: Terminal): Promise<number> {
	return guardedRun(terminal, { work: checkWork }, async (guard) => {
		const checked = await checkTree(options, terminal, guard, { fingerprintAll: true });
		terminal.stdout.write(
			`${(await recordBaseline(checked, terminal.cwd, options.prune === true)).join('\n')}\n`,
		);
		return exitCodes.clean;
	});
}

/**
 * Writes the baseline of a run made with `fingerprintAll` (every finding, or with `prune` those it
 * already records) and says what changed, in lines for stdout. `BaselineMissing` when there is
 * nothing to prune.
 */
export async function recordBaseline(
	{ report, baselineFile }: CheckedTree,
	cwd: string,
	prune: boolean,
): Promise<string[]> {
	if (!baselineFile) throw new Error('recordBaseline needs the run of a baseline file');
	const shown = shownPath(baselineFile, cwd).replace(/\/$/, '');
	const before = report.baseline;
	if (prune && !before) throw raise(BaselineMissing, shown);
	const fresh = report.findings.filter((f) => !f.baselined);
	const kept = prune ? report.findings.filter((f) => f.baselined) : report.findings;
	await writeBaseline(baselineFile, entriesOf(kept));
	const errors = kept.filter((f) => f.severity === 'error').length;
	const counts = `${plural(kept.length, 'finding')} (${plural(errors, 'error')}, ${plural(kept.length - errors, 'warning')})`;
	if (!before)
		return [
			`Wrote ${shown} with the ${counts} the tree has today: \`waymark check\` lists them as known and fails only on new ones. Commit it; \`npx waymark baseline --prune\` drops the ones fixed later.`,
		];
	const fixed = before.fixed.reduce((n, entry) => n + (entry.count ?? 1), 0);
	const lines = [
		`Wrote ${shown}: ${plural(fixed, 'fixed finding')} dropped, ${plural(prune ? 0 : fresh.length, 'new finding')} added; it records ${counts}.`,
	];
	if (prune && fresh.length > 0)
		lines.push(
			`${plural(fresh.length, 'new finding')} left out: \`waymark check\` fails on ${fresh.length === 1 ? 'it' : 'them'} until fixed.`,
		);
	return lines;
}
