import type { Command } from 'commander';
import type { CommandContext } from '../terminal.ts';
import { Option } from 'commander';
import { baselineName } from '../../checks/baseline/baseline-name.ts';
import { reporterNames } from '../../checks/report/names.ts';
import { commentLimit, parseMarkdownLimit, parseReport } from './check-options.ts';
import { addTrustOptions, exitCodes, rootHelp } from '../options.ts';
import type { CheckOptions } from '../commands/check.ts';

export function registerCheck(program: Command, context: CommandContext): void {
	const command = program
		.command('check')
		.description(
			'Check every page: internal links, structure, frontmatter, Markdown lint; the CI gate (exit 0 clean, 1 findings, 2 usage/config/internal error or no progress)',
		)
		.option('--root <dir>', rootHelp)
		.option('--config <file>', 'configuration file (default: ./waymark.config.yaml)')
		.option(
			'--state-dir <dir>',
			"Waymark's state folder: caches, Astro's work folders, status history (default: config `stateDir`, or .waymark beside the config)",
		)
		.addOption(
			new Option('--format <format>', 'report format').choices(reporterNames).default('pretty'),
		)
		.option('--output <file>', 'write the report to a file instead of stdout')
		.option(
			'--report <format=file>',
			"also write the same run's report in another format to a file, e.g. --report markdown=summary.md (repeatable)",
			parseReport,
		)
		.addOption(
			new Option('--fail-on <severity>', 'lowest severity that makes the run fail (exit 1)')
				.choices(['error', 'warning', 'warn'])
				.default('error'),
		)
		.option(
			'--changed-since <ref>',
			'check only pages changed since a git ref (from its merge base with HEAD, like a pull request), plus the pages linking into them',
		)
		.option(
			'--live',
			'also run every probe once and check that hostnames under the owned domains resolve (network)',
		)
		.option(
			'--domains <list>',
			'with --live: comma-separated domains you own, e.g. gigafibre.ca,example.lab',
		)
		.option(
			'--external',
			'also check external links (network; results cached in the state folder, .waymark/cache/links.json)',
		)
		.option(
			'--site <dir>',
			'also crawl a built site folder for dead links that only rendering creates',
		)
		.option('--no-cache', 'with --external: neither read nor write the link cache')
		.option(
			'--baseline <file>',
			`the findings the tree already had (\`waymark baseline\` writes them): listed as known, never failing the run (default: ${baselineName} beside the config, when it exists)`,
		)
		.option('--no-baseline', 'judge every finding as new, whatever the baseline records')
		.option(
			'--baseline-ref <ref>',
			'read the baseline as committed at this git ref, the branch a pull request goes into (default with --untrusted: the --changed-since ref; without either, an untrusted check goes by no baseline)',
		)
		.option(
			'--markdown-limit <bytes>',
			`cut the markdown report at a line below this many bytes, saying how many findings it leaves out (0: no limit; default ${commentLimit}, GitHub's limit for a comment)`,
			parseMarkdownLimit,
		)
		.option(
			'--preview-url <url>',
			'with --changed-since and --format markdown: link each changed page and its diff in the preview at this URL',
		)
		.addHelpText(
			'after',
			`\nExit codes:\n  ${exitCodes.clean}  no finding at or above --fail-on\n  ${exitCodes.findings}  findings at or above --fail-on\n  ${exitCodes.usage}  usage, configuration or internal error, no page to check, or a run that stopped making progress`,
		);
	addTrustOptions(command, 'with --changed-since').action(async (options: CheckOptions) =>
		context.done(await (await import('../commands/check.ts')).runCheck(options, context.terminal)),
	);
}
