import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { isAtLeast } from '../../checks/finding.ts';
import { reporters, type ReporterName } from '../../checks/report/index.ts';
import { pathFromCwd } from '../../checks/report/paths.ts';
import type { ReportContext, Reporter } from '../../checks/report/reporter.ts';
import { rules } from '../../checks/rules/index.ts';
import type { Rule } from '../../checks/rules/define-rule.ts';
import { baselineName } from '../../checks/baseline/baseline-file.ts';
import { FlagWithoutDependency, OutputUnwritable, raise } from '../../core/errors.ts';
import { checkWork } from '../../core/optimizing-compiler.ts';
import type { CommandContext, Terminal } from '../terminal.ts';
import { guardedRun } from '../guarded-run.ts';
import { addTrustOptions, exitCodes, printError, lineLog, warningLog, rootHelp } from './shared.ts';
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

/** GitHub's limit for a comment, 65,536 characters: the Markdown report is a pull-request comment. */
const commentLimit = 65_536;

/** argv options → runChecks → reporter → exit code (0 clean, 1 findings at or above `--fail-on` the baseline does not record, 2 usage/config/internal). */
export function runCheck(options: CheckOptions, terminal: Terminal, custom: { reporters?: Record<string, Reporter> } = {}): Promise<number> {
	for (const [flag, needs] of unmetDependencies(options)) warningLog(terminal)(raise(FlagWithoutDependency, flag, needs));
	return guardedRun(terminal, { work: checkWork }, async (guard) => {
		if (options.previewUrl) (await import('../../preview/comment.ts')).assertPreviewUrl(options.previewUrl);
		return writeReports(options, terminal, await checkTree(options, terminal, guard), custom);
	});
}

/** Every report the run asked for (stdout, `--output`, each `--report`); the exit code the findings and the writes give. */
async function writeReports(options: CheckOptions, terminal: Terminal, checked: CheckedTree, custom: { reporters?: Record<string, Reporter> }): Promise<number> {
	const { cwd, environment, stdout, stderr } = terminal;
	const { tree, report } = checked;
	const { root } = checked.loaded;
	const failOn = options.failOn === 'warn' ? 'warning' : options.failOn;
	const code = report.findings.some((f) => !f.baselined && isAtLeast(f, failOn)) ? exitCodes.findings : exitCodes.clean;
	const outputs = outputsOf(options);
	const context: ReportContext = { root, cwd, color: false, rules: Object.values(rules as Record<string, Rule>) };
	const markdownLimit = options.markdownLimit ?? commentLimit;
	if (markdownLimit > 0) context.markdownLimit = { bytes: markdownLimit, fullReport: whereEveryFindingIs(outputs) };
	if (outputs.some((o) => o.format === 'markdown') && options.changedSince) {
		const { changedPagesSection } = await import('../../preview/comment.ts');
		const section = await changedPagesSection(root, options.changedSince, report, options.previewUrl, lineLog(terminal), (file) => pathFromCwd(root, cwd, file), tree);
		if (section) context.changedPages = section;
	}
	if (options.changedSince && options.format === 'pretty') {
		stderr.write(`Checked ${report.checked.length} page(s) changed since ${options.changedSince} or linking into them:\n${report.checked.map((p) => `  ${p}\n`).join('')}`);
	}
	let unwritten = false;
	for (const output of outputs) {
		let text: string;
		try {
			const reporter = (custom.reporters ?? reporters)[output.format];
			if (!reporter) throw new Error(`no reporter named ${output.format}`);
			text = reporter(report, { ...context, color: output.file === undefined && stdout.isTTY === true && !environment.noColor });
		} catch (error) {
			// The report failing must never turn a failing check into a passing one, or hide findings.
			stderr.write(`Warning: the ${output.format} reporter failed (${(error as Error).message}); ${report.summary.errors} error(s) and ${report.summary.warnings} warning(s) were found.\n`);
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

/** One report a run writes: to stdout, or to `file`. */
interface ReportOutput {
	format: ReporterName;
	file?: string;
}

/** `--format` (to `--output`, else stdout), then each `--report FORMAT=FILE`: one run, every format from the same findings. */
function outputsOf(options: CheckOptions): ReportOutput[] {
	return [{ format: options.format, ...(options.output !== undefined && { file: options.output }) }, ...(options.report ?? [])];
}

/** For the note of a cut Markdown report: the first other report lists every finding. */
function whereEveryFindingIs(outputs: ReportOutput[]): string {
	const full = outputs.find((o) => o.format !== 'markdown');
	if (!full) return 'Run `npx waymark check` for every finding.';
	return full.file === undefined ? 'Every finding is in the log of the run that wrote this report.' : `Every finding is in \`${full.file}\`.`;
}

/** `--report FORMAT=FILE`, collected over repeats. */
function parseReport(text: string, previous: ReportOutput[] = []): ReportOutput[] {
	const [, format = '', file = ''] = /^([^=]*)=(.*)$/s.exec(text) ?? [];
	if (!(format in reporters) || file === '') throw new InvalidArgumentError(`Expected FORMAT=FILE with FORMAT one of ${Object.keys(reporters).join(', ')}, e.g. markdown=summary.md.`);
	return [...previous, { format: format as ReporterName, file }];
}

/** Flags given without the flag that makes them mean something, as `[flag, needs]`. */
function unmetDependencies(options: CheckOptions): Array<[string, string]> {
	const unmet: Array<[string, string]> = [];
	if (options.domains !== undefined && !options.live) unmet.push(['--domains', '--live']);
	if (options.cache === false && !options.external) unmet.push(['--no-cache', '--external']);
	if (options.previewUrl !== undefined && !options.changedSince) unmet.push(['--preview-url', '--changed-since']);
	const markdown = outputsOf(options).some((o) => o.format === 'markdown');
	if (options.previewUrl !== undefined && !markdown) unmet.push(['--preview-url', '--format markdown']);
	if (options.markdownLimit !== undefined && !markdown) unmet.push(['--markdown-limit', '--format markdown']);
	return unmet;
}

/** `--markdown-limit`: 0, or enough bytes for the counts and the note (1,024 or more). */
function parseMarkdownLimit(text: string): number {
	const bytes = /^\d+$/.test(text) ? Number(text) : Number.NaN;
	if (bytes === 0 || bytes >= 1024) return bytes;
	throw new InvalidArgumentError('Expected 0 (no limit) or a whole number of bytes from 1024, e.g. 65536.');
}

function reasonOf(error: unknown): string {
	const { code, message } = error as NodeJS.ErrnoException;
	if (code === 'ENOENT') return 'its folder does not exist';
	if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
	if (code === 'EISDIR') return 'it is a folder';
	return message;
}

export function registerCheck(program: Command, context: CommandContext): void {
	const command = program
		.command('check')
		.description('Check every page: internal links, structure, frontmatter, Markdown lint; the CI gate (exit 0 clean, 1 findings, 2 usage/config/internal error or no progress)')
		.option('--root <dir>', rootHelp)
		.option('--config <file>', 'configuration file (default: ./waymark.config.yaml)')
		.option('--state-dir <dir>', "Waymark's state folder: caches, Astro's work folders, status history (default: config `stateDir`, or .waymark beside the config)")
		.addOption(new Option('--format <format>', 'report format').choices(Object.keys(reporters)).default('pretty'))
		.option('--output <file>', 'write the report to a file instead of stdout')
		.option('--report <format=file>', 'also write the same run\'s report in another format to a file, e.g. --report markdown=summary.md (repeatable)', parseReport)
		.addOption(new Option('--fail-on <severity>', 'lowest severity that makes the run fail (exit 1)').choices(['error', 'warning', 'warn']).default('error'))
		.option('--changed-since <ref>', 'check only pages changed since a git ref (from its merge base with HEAD, like a pull request), plus the pages linking into them')
		.option('--live', 'also run every probe once and check that hostnames under the owned domains resolve (network)')
		.option('--domains <list>', 'with --live: comma-separated domains you own, e.g. gigafibre.ca,example.lab')
		.option('--external', 'also check external links (network; results cached in the state folder, .waymark/cache/links.json)')
		.option('--site <dir>', 'also crawl a built site folder for dead links that only rendering creates')
		.option('--no-cache', 'with --external: neither read nor write the link cache')
		.option('--baseline <file>', `the findings the tree already had (\`waymark baseline\` writes them): listed as known, never failing the run (default: ${baselineName} beside the config, when it exists)`)
		.option('--no-baseline', 'judge every finding as new, whatever the baseline records')
		.option('--baseline-ref <ref>', 'read the baseline as committed at this git ref, the branch a pull request goes into (default with --untrusted: the --changed-since ref; without either, an untrusted check goes by no baseline)')
		.option('--markdown-limit <bytes>', `cut the markdown report at a line below this many bytes, saying how many findings it leaves out (0: no limit; default ${commentLimit}, GitHub's limit for a comment)`, parseMarkdownLimit)
		.option('--preview-url <url>', 'with --changed-since and --format markdown: link each changed page and its diff in the preview at this URL')
		.addHelpText('after', `\nExit codes:\n  ${exitCodes.clean}  no finding at or above --fail-on\n  ${exitCodes.findings}  findings at or above --fail-on\n  ${exitCodes.usage}  usage, configuration or internal error, no page to check, or a run that stopped making progress`);
	addTrustOptions(command, 'with --changed-since').action(async (options: CheckOptions) => context.done(await runCheck(options, context.terminal)));
}
