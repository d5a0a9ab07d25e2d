import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import type { Plugin, ViteDevServer } from 'vite';
import type { GuidebookTree } from './collect/load-tree.ts';
import { loadGuidebookTree } from './collect/load-tree.ts';
import type { Config, LoadedConfig } from './config.ts';
import { runChecks, type CheckReport } from './engine.ts';
import { ChecksFailed, raise, type WaymarkError } from './errors.ts';
import { formatFinding, type Finding } from './finding.ts';
import { pathFromCwd } from './report/paths.ts';

/**
 * The Astro front end of the engine: the same rules as `waymark check`, run at build (errors fail
 * the build with the same messages) and in dev (errors show in the overlay, re-checked on save).
 * Reuses the report `waymark build` made before starting Astro when it was made for this root,
 * config and tree, so the rules run once per build; a plain `astro build` runs them here.
 */
export async function checkTreeForBuild(tree: GuidebookTree, loaded: LoadedConfig, logger?: AstroIntegrationLogger): Promise<void> {
	const key = reportKey(loaded.root, loaded.config, tree);
	const stored = store[slot]?.key === key ? store[slot] : undefined;
	const report = stored?.report ?? (await runChecks({ root: loaded.root, config: loaded.config, tree }));
	if (!stored) storeBuildReport({ key, report, printed: false });
	const cwd = process.env.WAYMARK_CWD ?? process.cwd();
	// `waymark build` has printed the whole report already; say it once.
	if (!stored?.printed) for (const warning of report.findings.filter((f) => f.severity !== 'error')) logger?.warn(formatFromCwd(warning, loaded.root, cwd));
	const error = failureOf(report.findings, loaded.root, cwd);
	if (error) throw error;
}

/**
 * The checks of `waymark build`, run before Astro starts: every rule, the config and tree the
 * integration will see, so findings fail the command with exit 1 and never surface as an error
 * thrown from an Astro hook (which Astro prints as an unhandled error). The report is stored for
 * `checkTreeForBuild` and the preview. `failure` lists the errors the way the integration throws
 * them.
 *
 * `mermaid-render` runs here too, not deferred to the integration: its errors are findings (exit 1),
 * and it draws through the content-addressed diagram cache that the integration's prerender reads,
 * so the prerender finds the diagrams drawn and starts no browser of its own (unless some are only
 * on pages in `checks.ignore`, or `diagrams.renderInCheck` is false and the prerender draws them).
 */
export async function checkTreeBeforeBuild(tree: GuidebookTree, loaded: LoadedConfig): Promise<{ report: CheckReport; failure?: WaymarkError }> {
	const report = await runChecks({ root: loaded.root, config: loaded.config, tree });
	storeBuildReport({ key: reportKey(loaded.root, loaded.config, tree), report, printed: true });
	const failure = failureOf(report.findings, loaded.root, process.env.WAYMARK_CWD ?? process.cwd());
	return failure ? { report, failure } : { report };
}

interface StoredReport {
	key: string;
	report: CheckReport;
	/** Printed by `waymark build` before Astro started; the integration does not log it again. */
	printed: boolean;
}

// On globalThis, not in a module variable: Astro may load the integration (and so this module)
// through Vite's module runner, a different instance from the one `waymark build` imports.
const slot = Symbol.for('waymark.lastBuildReport');
const store = globalThis as { [slot]?: StoredReport };

function storeBuildReport(stored: StoredReport): void {
	store[slot] = stored;
}

/**
 * The report of the last build's checks in this process, when it was made for this root, config
 * and the same tree (every page's text, assets and unreadable files); otherwise `undefined`.
 * `waymark build --base` reuses it for the preview instead of running the checks a second time.
 */
export function lastBuildReport(root: string, config: Config, tree: GuidebookTree): CheckReport | undefined {
	const stored = store[slot];
	return stored && stored.key === reportKey(root, config, tree) ? stored.report : undefined;
}

function reportKey(root: string, config: Config, tree: GuidebookTree): string {
	const hash = createHash('sha256').update(resolve(root)).update('\0').update(JSON.stringify(config));
	for (const page of [...tree.pages.values()].sort((a, b) => a.path.localeCompare(b.path))) hash.update(`\0${page.path}\0${page.text}`);
	hash.update(`\0${JSON.stringify([tree.files.assets, tree.files.problems, tree.unreadable.map((u) => u.path)])}`);
	return hash.digest('hex');
}

/** A `ChecksFailed` error listing every error finding, or `undefined` when there is none. */
function failureOf(findings: Finding[], root: string, cwd: string): WaymarkError | undefined {
	const errors = findings.filter((f) => f.severity === 'error');
	return errors.length > 0 ? raise(ChecksFailed, errors.map((f) => formatFromCwd(f, root, cwd))) : undefined;
}

/** `guidebooks/erp/ops.md:12:3: …` so the path opens from the terminal the command ran in. */
function formatFromCwd(finding: Finding, root: string, cwd: string): string {
	return formatFinding({ ...finding, file: pathFromCwd(root, cwd, finding.file) });
}

/** Re-checks the tree when a file under the root changes and shows errors in Astro's dev overlay. */
export function devChecksPlugin(loaded: LoadedConfig, logger?: AstroIntegrationLogger): Plugin {
	let current: WaymarkError | undefined;
	let firstFile: Finding | undefined;
	let timer: NodeJS.Timeout | undefined;
	const send = (server: ViteDevServer): void => {
		if (!current) return;
		server.ws.send({
			type: 'error',
			err: {
				message: current.message,
				stack: '',
				plugin: 'waymark',
				hint: current.hint,
				...(firstFile && { id: resolve(loaded.root, firstFile.file), loc: { file: resolve(loaded.root, firstFile.file), line: firstFile.position?.line ?? 1, column: firstFile.position?.column ?? 1 } }),
			},
		});
	};
	const recheck = async (server: ViteDevServer): Promise<void> => {
		const report = await runChecks({ root: loaded.root, config: loaded.config, tree: await loadGuidebookTree(loaded.root) });
		const had = current !== undefined;
		current = failureOf(report.findings, loaded.root, process.env.WAYMARK_CWD ?? process.cwd());
		firstFile = report.findings.find((f) => f.severity === 'error');
		if (current) {
			logger?.error(current.message);
			send(server);
		} else if (had) logger?.info('Waymark checks pass again.');
	};
	return {
		name: 'waymark:dev-checks',
		apply: 'serve',
		configureServer(server) {
			server.watcher.add(loaded.root);
			const onChange = (file: string): void => {
				if (!file.startsWith(loaded.root)) return;
				clearTimeout(timer);
				// Editors save in bursts (write, rename, chmod); check once they settle.
				timer = setTimeout(() => void recheck(server).catch((error: Error) => logger?.error(error.message)), 150);
			};
			server.watcher.on('change', onChange).on('add', onChange).on('unlink', onChange);
			server.ws.on('connection', () => setTimeout(() => send(server), 200));
			void recheck(server).catch((error: Error) => logger?.error(error.message));
		},
	};
}
