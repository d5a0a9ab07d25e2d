import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isAtLeast } from '../../checks/finding.ts';
import { reporters, type ReporterName } from '../../checks/report/index.ts';
import { pathFromCwd } from '../../checks/report/paths.ts';
import type { ReportContext, Reporter } from '../../checks/report/reporter.ts';
import { rules } from '../../checks/rules/index.ts';
import type { Rule } from '../../checks/rules/define-rule.ts';
import { FlagWithoutDependency, OutputUnwritable, raise } from '../../core/errors.ts';
import { checkWork } from '../../core/optimizing-compiler.ts';
import type { Terminal } from '../terminal.ts';
import { guardedRun } from '../guarded-run.ts';
import { commentLimit, type ReportOutput } from '../verbs/check-options.ts';
import { exitCodes, printError, lineLog, warningLog } from './shared.ts';
import { checkTree, type CheckedTree, type CheckTreeFlags } from './check-tree.ts';

export interface CheckOptions extends CheckTreeFlags {
	format: ReporterName;
	output?: string;
	/** `warn` is accepted for `warning`, as in the config. */
	failOn: 'error' | 'warning' | 'warn';
	/** With `--changed-since` and `--format markdown`: the preview's URL, linked per changed page. */
	previewUrl?: string;
	/** `--report FORMAT=FILE`, repeatable: more formats of the same run, each to a file. */
	report?: Array<{ format: ReporterName; file: string }>;
	/** Bytes the `markdown` report may take (0: no limit); commander gives the default. */
	markdownLimit?: number;
}

/** argv options → runChecks → reporter → exit code (0 clean, 1 findings at or above `--fail-on` the baseline does not record, 2 usage/config/internal). */
export function runCheck(
	options: CheckOptions,
	terminal: Terminal,
	custom: { reporters?: Record<string, Reporter> } = {},
): Promise<number> {
	for (const [flag, needs] of unmetDependencies(options))
		warningLog(terminal)(raise(FlagWithoutDependency, flag, needs));
	return guardedRun(terminal, { work: checkWork }, async (guard) => {
		if (options.previewUrl)
			(await import('../../preview/comment.ts')).assertPreviewUrl(options.previewUrl);
		return writeReports(options, terminal, await checkTree(options, terminal, guard), custom);
	});
}

/** Every report the run asked for (stdout, `--output`, each `--report`); the exit code the findings and the writes give. */
async function writeReports(
	options: CheckOptions,
	terminal: Terminal,
	checked: CheckedTree,
	custom: { reporters?: Record<string, Reporter> },
): Promise<number> {
	const { cwd, environment, stdout, stderr } = terminal;
	const { tree, report } = checked;
	const { root } = checked.loaded;
	const failOn = options.failOn === 'warn' ? 'warning' : options.failOn;
	const code = report.findings.some((f) => !f.baselined && isAtLeast(f, failOn))
		? exitCodes.findings
		: exitCodes.clean;
	const outputs = outputsOf(options);
	const context: ReportContext = {
		root,
		cwd,
		color: false,
		rules: Object.values(rules as Record<string, Rule>),
	};
	const markdownLimit = options.markdownLimit ?? commentLimit;
	if (markdownLimit > 0)
		context.markdownLimit = { bytes: markdownLimit, fullReport: whereEveryFindingIs(outputs) };
	if (outputs.some((o) => o.format === 'markdown') && options.changedSince) {
		const { changedPagesSection } = await import('../../preview/comment.ts');
		const section = await changedPagesSection(
			root,
			options.changedSince,
			report,
			options.previewUrl,
			lineLog(terminal),
			(file) => pathFromCwd(root, cwd, file),
			tree,
		);
		if (section) context.changedPages = section;
	}
	if (options.changedSince && options.format === 'pretty') {
		stderr.write(
			`Checked ${report.checked.length} page(s) changed since ${options.changedSince} or linking into them:\n${report.checked.map((p) => `  ${p}\n`).join('')}`,
		);
	}
	let unwritten = false;
	for (const output of outputs) {
		let text: string;
		try {
			const reporter = (custom.reporters ?? reporters)[output.format];
			if (!reporter) throw new Error(`no reporter named ${output.format}`);
			text = reporter(report, {
				...context,
				color: output.file === undefined && stdout.isTTY === true && !environment.noColor,
			});
		} catch (error) {
			// The report failing must never turn a failing check into a passing one, or hide findings.
			stderr.write(
				`Warning: the ${output.format} reporter failed (${(error as Error).message}); ${report.summary.errors} error(s) and ${report.summary.warnings} warning(s) were found.\n`,
			);
			continue;
		}
		if (output.file === undefined) {
			stdout.write(text);
			continue;
		}
		const file = resolve(cwd, output.file);
		try {
			await writeFile(file, text);
		} catch (error) {
			// A CI step that uploads the file must not pass without it.
			const found = `${report.summary.errors} error(s) and ${report.summary.warnings} warning(s)`;
			printError(terminal, raise(OutputUnwritable, file, reasonOf(error), found));
			unwritten = true;
		}
	}
	return unwritten ? exitCodes.usage : code;
}

/** `--format` (to `--output`, else stdout), then each `--report FORMAT=FILE`: one run, every format from the same findings. */
function outputsOf(options: CheckOptions): ReportOutput[] {
	return [
		{ format: options.format, ...(options.output !== undefined && { file: options.output }) },
		...(options.report ?? []),
	];
}

/** For the note of a cut Markdown report: the first other report lists every finding. */
function whereEveryFindingIs(outputs: ReportOutput[]): string {
	const full = outputs.find((o) => o.format !== 'markdown');
	if (!full) return 'Run `npx waymark check` for every finding.';
	return full.file === undefined
		? 'Every finding is in the log of the run that wrote this report.'
		: `Every finding is in \`${full.file}\`.`;
}

/** Flags given without the flag that makes them mean something, as `[flag, needs]`. */
function unmetDependencies(options: CheckOptions): Array<[string, string]> {
	const unmet: Array<[string, string]> = [];
	if (options.domains !== undefined && !options.live) unmet.push(['--domains', '--live']);
	if (options.cache === false && !options.external) unmet.push(['--no-cache', '--external']);
	if (options.previewUrl !== undefined && !options.changedSince)
		unmet.push(['--preview-url', '--changed-since']);
	const markdown = outputsOf(options).some((o) => o.format === 'markdown');
	if (options.previewUrl !== undefined && !markdown)
		unmet.push(['--preview-url', '--format markdown']);
	if (options.markdownLimit !== undefined && !markdown)
		unmet.push(['--markdown-limit', '--format markdown']);
	return unmet;
}

function reasonOf(error: unknown): string {
	const { code, message } = error as NodeJS.ErrnoException;
	if (code === 'ENOENT') return 'its folder does not exist';
	if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
	if (code === 'EISDIR') return 'it is a folder';
	return message;
}
