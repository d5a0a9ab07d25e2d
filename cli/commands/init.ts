import { toolDescriptor } from '../../tools/index.ts';
import { initProject, type InitFile, type InitResult } from '../../setup/init-project.ts';
import { plural } from '../../checks/report/pretty.ts';
import { checkWork } from '../../core/optimizing-compiler.ts';
import { guardedRun } from '../guarded-run.ts';
import type { CommandContext, Terminal } from '../terminal.ts';
import { recordBaseline } from './baseline.ts';
import { checkTree } from './check-tree.ts';
import { exitCodes, printError } from './shared.ts';

const said: Record<InitFile['outcome'], (file: InitFile) => string> = {
	written: (file) => `Wrote ${file.path}`,
	appended: (file) => `Added ${file.lines?.join(' and ')} to ${file.path}`,
	kept: (file) => `Kept ${file.path} as it is: init never replaces a file`,
	unchanged: (file) => `${file.path} already ignores the state and output folders`,
};

export interface InitOptions {
	root?: string;
	/** `--deploy pages`: publish the default branch's site on the forge's Pages. */
	deploy?: string;
	preview?: boolean;
	/** Record the findings the tree has today in the baseline. */
	baseline?: boolean;
}

/** Where the built site goes: the forge's Pages when asked, else how to publish it anywhere. */
function publishLines(result: InitResult, deploy: boolean): string[] {
	const forge = result.workflow.forge === 'github' ? 'GitHub Pages' : 'GitLab Pages';
	if (deploy)
		return [
			`The workflow publishes the default branch's site on ${forge}${result.workflow.forge === 'github' ? ' (in the repository\'s Settings → Pages, set Source to "GitHub Actions")' : ''}.`,
		];
	return [
		`To publish the site: \`waymark init --deploy pages\` writes the ${forge} deploy (move the workflow aside first), or copy what \`npx waymark build\` writes to dist/ to any static host (nginx, S3, Netlify): plain files, served at / unless \`site.base\` names a path.`,
	];
}

/**
 * The checks the workflow runs, run once here: a tree with findings would fail every pull request
 * until it is clean, so the baseline is offered as the first command to run next (or, with
 * `write`, written at once). A check that fails is printed; the files init wrote stay, and so
 * does its exit code.
 */
async function baselineOffer(
	terminal: Terminal,
	write: boolean,
): Promise<{ lines: string[]; next: string[] }> {
	let offer: { lines: string[]; next: string[] } = { lines: [], next: [] };
	await guardedRun(terminal, { work: checkWork }, async (guard) => {
		const checked = await checkTree({}, terminal, guard, { fingerprintAll: true });
		const fresh = checked.report.findings.filter((finding) => !finding.baselined);
		if (fresh.length === 0) return exitCodes.clean;
		if (write) {
			offer = { lines: await recordBaseline(checked, terminal.cwd, false), next: [] };
			return exitCodes.clean;
		}
		const errors = fresh.filter((finding) => finding.severity === 'error').length;
		offer = {
			lines: [
				`The tree has ${plural(fresh.length, 'finding')} today (${plural(errors, 'error')}, ${plural(fresh.length - errors, 'warning')}), so every pull request would fail until all are fixed: \`npx waymark baseline\` records them in waymark.baseline.json, and a pull request then fails only on the findings it adds (\`waymark init --baseline\` does it now).`,
			],
			next: ['npx waymark baseline'],
		};
		return exitCodes.clean;
	});
	return offer;
}

/** `waymark init`: the config, `.gitignore` lines and workflow, then the tree checked once and the baseline offered. */
export async function runInit(options: InitOptions, context: CommandContext): Promise<void> {
	const { terminal } = context;
	try {
		const result = await initProject(terminal.cwd, {
			...(options.root && { root: options.root }),
			...(options.deploy && { deploy: true }),
			...(options.preview && { preview: true }),
		});
		const lines = [
			`Found the Markdown in ${result.root}/, written for ${toolDescriptor(result.dialect.name).label}${result.dialect.signals.length > 0 ? ` (${result.dialect.signals.join(', ')})` : ''}.`,
			...result.files.map((file) => said[file.outcome](file)),
		];
		const workflowWritten = result.files.some(
			(file) => file.path === result.workflow.path && file.outcome === 'written',
		);
		if (result.workflow.note && workflowWritten) lines.push(`To run it, ${result.workflow.note}.`);
		if ((options.deploy || options.preview) && !workflowWritten)
			lines.push(
				`The kept workflow has no ${options.deploy ? 'deploy' : 'preview'} of init's: move it aside and run \`waymark init${options.deploy ? ' --deploy pages' : ''}${options.preview ? ' --preview' : ''}\` again to see the one it writes.`,
			);
		for (const warning of result.warnings) lines.push(`Warning: ${warning}`);
		lines.push(...publishLines(result, options.deploy === 'pages'));
		terminal.stdout.write(`${lines.join('\n')}\n`);
		const offer = await baselineOffer(terminal, options.baseline === true);
		terminal.stdout.write(
			[
				...offer.lines,
				'',
				'Next:',
				...[...offer.next, ...result.next].map((command) => `  ${command}`),
			]
				.map((line) => `${line}\n`)
				.join(''),
		);
		context.done(exitCodes.clean);
	} catch (error) {
		printError(terminal, error);
		context.done(exitCodes.usage);
	}
}
