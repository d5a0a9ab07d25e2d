import { access, mkdir, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { findTreeRoot, rootCandidates } from '../config/find-root.ts';
import { docsPage } from '../core/docs-path.ts';
import { NoMarkdownFolder, raise } from '../core/errors.ts';
import { findRepository, git } from '../core/git.ts';
import { assertWriteStaysInside } from '../core/write-boundary.ts';
import { loadGuidebookTree } from '../tree/load-tree.ts';
import type { TreeDialect } from '../tools/detect.ts';
import { defaultTool } from '../tools/index.ts';
import { githubWorkflow, gitlabWorkflow, type CiChoices, type CiWorkflow } from './ci-workflows.ts';
import { workflowInstallProblems } from './workflow-install.ts';

/** What `waymark init` did to each file: it never replaces one that exists. */
export interface InitFile {
	path: string;
	outcome: 'written' | 'kept' | 'appended' | 'unchanged';
	/** For `appended`: the lines added. */
	lines?: string[];
}

export interface InitResult {
	/** The Markdown folder, from the project folder. */
	root: string;
	dialect: TreeDialect;
	files: InitFile[];
	/** Its `path` from the project folder (`../.github/workflows/waymark.yml` in a subfolder). */
	workflow: CiWorkflow;
	/** The three commands to run next. */
	next: string[];
	/** What would keep the workflow from running, each a sentence with its fix. */
	warnings: string[];
}

const defaults = { outDir: 'dist', stateDir: '.waymark' };

/**
 * Sets Waymark up in an existing repository: finds the Markdown folder (`root`, else the first of
 * `rootCandidates` with Markdown) and its dialect, then writes a commented `waymark.config.yaml`,
 * adds the state and output folders (and `node_modules/` in an npm project) to `.gitignore` (created, or appended to without repeating a
 * line the user has) and writes a CI workflow for the forge the repository uses (`.gitlab-ci.yml`:
 * GitLab; else GitHub Actions), with the deploy to the forge's Pages and the reviewer preview when
 * `options` ask. A file that exists is kept as it is and reported.
 */
export async function initProject(
	dir: string,
	options: { root?: string } & CiChoices = {},
): Promise<InitResult> {
	const root = options.root ?? (await findTreeRoot(dir))?.folder;
	if (!root) throw raise(NoMarkdownFolder, rootCandidates.map((c) => `${c}/`).join(', '));
	// A folder named that is not there: the same advice as finding none, not the build's.
	if (!(await isFolder(join(dir, root))))
		throw raise(NoMarkdownFolder, `${root.replace(/\/+$/, '')}/`);
	const tree = await loadGuidebookTree(join(dir, root), { dialect: 'auto' });
	const files: InitFile[] = [];
	// GitHub and GitLab read CI files only at the repository's top: a project in a subfolder (a
	// docs site with its own package.json) gets its workflow there, naming the folder.
	const here = await realpath(dir);
	const top = await repositoryTop(here);
	const project = { ...defaults, folder: relative(top, here).split(sep).join('/') };
	const choices: CiChoices = {
		...(options.deploy && { deploy: true }),
		...(options.preview && { preview: true }),
	};
	const found = (await exists(join(top, '.gitlab-ci.yml')))
		? gitlabWorkflow(project, choices)
		: githubWorkflow(project, choices);
	const workflow = { ...found, path: relative(here, join(top, found.path)).split(sep).join('/') };
	// Nothing is written before every file is known to stay in the repository: a `.gitignore` or a
	// `.github/workflows` that is a symbolic link out of it is refused, not followed.
	for (const path of ['waymark.config.yaml', '.gitignore', workflow.path])
		await assertWriteStaysInside(join(here, path), [top, here]);
	files.push(await writeIfAbsent(dir, 'waymark.config.yaml', configText(root, tree.dialect, dir)));
	// An npm project's installed packages too: a first `git add -A` after `npm install waymark` would commit them.
	const packages = (await exists(join(dir, 'package.json'))) ? ['node_modules/'] : [];
	files.push(
		await addIgnoreLines(dir, [`/${defaults.stateDir}/`, `/${defaults.outDir}/`, ...packages]),
	);
	const workflowFile = await writeIfAbsent(dir, workflow.path, workflow.text);
	files.push(workflowFile);
	// Said once here, rather than as a failed first run in CI: what keeps the workflow written from
	// installing Waymark, or that the one kept may not check this project at all.
	const warnings =
		workflowFile.outcome === 'written' || project.folder === ''
			? await workflowInstallProblems(here, top, workflow.forge)
			: await keptWorkflowProblems(join(dir, workflow.path), project.folder);
	return {
		root,
		dialect: tree.dialect,
		files,
		workflow,
		next: ['npx waymark check', 'npx waymark build', 'npx waymark serve'],
		warnings,
	};
}

/**
 * A workflow `init` kept as it was is the user's, or an earlier `init`'s for another project of
 * the repository: one that never names this project's folder does not check its tree in CI. (How
 * it installs Waymark is its own business: the install warnings are for a workflow `init` wrote.)
 */
async function keptWorkflowProblems(file: string, folder: string): Promise<string[]> {
	const text = await readFile(file, 'utf8').catch(() => '');
	// The folder as a path of its own: not inside a longer name (`mkdocs-site`, `mkdir`).
	const named = new RegExp(`(?<![\\w.-])${RegExp.escape(folder)}(?![\\w.-])`);
	if (named.test(text)) return [];
	return [
		`The workflow kept as it is never names \`${folder}\`, so CI does not check this project's tree: add a job that runs \`npx waymark check\` in \`${folder}/\`, or move the workflow aside and run \`waymark init\` again to see the one it writes.`,
	];
}

/**
 * The top of the repository `dir` is part of, where CI files go: `dir` itself outside git (or
 * without git on PATH), and when the enclosing repository ignores `dir` (never checked in there,
 * so never seen by its CI).
 */
async function repositoryTop(dir: string): Promise<string> {
	const repo = await findRepository(dir).catch(() => undefined);
	if (!repo || repo.workTree === dir) return repo?.workTree ?? dir;
	const ignored = await git(repo, [
		'check-ignore',
		'--quiet',
		'--',
		relative(repo.workTree, dir),
	]).then(
		() => true,
		() => false,
	);
	return ignored ? dir : repo.workTree;
}

function configText(root: string, dialect: TreeDialect, cwd: string): string {
	// Written only when something told the tool apart; else `auto` keeps detecting it.
	const found = dialect.signals.join(', ');
	const setting =
		dialect.signals.length > 0
			? `# The tool the pages are written for, detected from ${found}.\ndialect: ${dialect.name}`
			: `# The tool the pages are written for: \`auto\` detects it on every run (${defaultTool.label} when nothing tells).\ndialect: auto`;
	return `# Waymark: every key, its type and its default are in
# ${docsPage('configuration.md', cwd)}
# (\`npx waymark --help\` lists the commands and their options).

# The Markdown folder to publish.
root: ${root}
${setting}
# Where \`waymark build\` writes the site.
outDir: ${defaults.outDir}
# Waymark's caches (drawn diagrams, link results, Astro's work folders) and status history.
# Ignored by git: \`waymark init\` added it to .gitignore.
stateDir: ${defaults.stateDir}
`;
}

async function writeIfAbsent(dir: string, path: string, text: string): Promise<InitFile> {
	const file = join(dir, path);
	await mkdir(dirname(file), { recursive: true });
	try {
		await writeFile(file, text, { flag: 'wx' });
		return { path, outcome: 'written' };
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { path, outcome: 'kept' };
		throw error;
	}
}

/** Appends each of `lines` that `.gitignore` does not already have (as written, or with/without its slashes); never rewrites a line. */
async function addIgnoreLines(dir: string, lines: string[]): Promise<InitFile> {
	const file = join(dir, '.gitignore');
	const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
		if (error.code === 'ENOENT') return undefined;
		throw error;
	});
	const bare = (line: string): string => line.trim().replace(/^\//, '').replace(/\/$/, '');
	const have = new Set((text ?? '').split(/\r?\n/).map(bare));
	const missing = lines.filter((line) => !have.has(bare(line)));
	if (missing.length === 0) return { path: '.gitignore', outcome: 'unchanged' };
	const separator = text === undefined || text === '' ? '' : text.endsWith('\n') ? '\n' : '\n\n';
	await writeFile(
		file,
		`${separator}# Waymark: state, built site and packages (waymark init)\n${missing.join('\n')}\n`,
		{ flag: 'a' },
	);
	return {
		path: '.gitignore',
		outcome: text === undefined ? 'written' : 'appended',
		lines: missing,
	};
}

async function exists(path: string): Promise<boolean> {
	return access(path).then(
		() => true,
		() => false,
	);
}

async function isFolder(path: string): Promise<boolean> {
	return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
