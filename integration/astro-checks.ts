import { resolve } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import type { Plugin, ViteDevServer } from 'vite';
import type { AlertSet } from '../alerts/types.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';
import { loadGuidebookTree } from '../tree/load-tree.ts';
import { openPageCache, pageCacheFile } from '../tree/page-cache.ts';
import type { LoadedConfig } from '../config/load-config.ts';
import { runChecks, type RunChecksOptions } from '../checks/engine.ts';
import { ChecksFailed, raise, type WaymarkError } from '../core/errors.ts';
import { formatFinding, type Finding } from '../checks/finding.ts';
import { pathFromCwd } from '../checks/report/paths.ts';
import { plural } from '../checks/report/pretty.ts';
import type { MarkdownParser } from '../src/markdown/native-parse.ts';
import { waymarkPaths } from '../config/own-paths.ts';

/**
 * The Astro front end of the engine for a plain `astro build` (`waymark build` runs the checks
 * itself, `build-site.ts`) and for dev (errors show in the overlay, re-checked on save): the same
 * rules as `waymark check`. A build publishes whatever the findings; with `build.strict` error
 * findings fail it with the same messages.
 */
export async function checkTreeForBuild(
	tree: GuidebookTree,
	loaded: LoadedConfig,
	options: { cwd: string; alerts?: AlertSet; logger?: AstroIntegrationLogger; trace?: (line: string) => void },
): Promise<void> {
	const report = await runChecks({ ...trustOf(loaded), root: loaded.root, config: loaded.config, tree, ...(options.alerts && { alerts: options.alerts }), ...(loaded.file && { configFile: loaded.file }), ...(options.trace && { trace: options.trace }) });
	const error = loaded.config.build.strict ? failureOf(report.findings, loaded.root, options.cwd) : undefined;
	if (error) throw error;
	for (const finding of report.findings) options.logger?.[finding.severity === 'error' ? 'error' : 'warn'](formatFromCwd(finding, loaded.root, options.cwd));
	const { errors, warnings } = report.summary;
	if (errors + warnings > 0) options.logger?.info(`${plural(errors, 'error')} and ${plural(warnings, 'warning')} in the guidebooks; the site is built anyway. Run \`waymark check\` for the gate.`);
}

/** The run's trust, and the config settings it set aside, as the engine takes them. */
function trustOf(loaded: LoadedConfig): Pick<RunChecksOptions, 'trust' | 'setAside'> {
	return { trust: loaded.trust, setAside: { ...(loaded.file && { configFile: loaded.file }), settings: loaded.setAside } };
}

/** A `ChecksFailed` error listing every error finding, or `undefined` when there is none. */
function failureOf(findings: Finding[], root: string, cwd: string): WaymarkError | undefined {
	const errors = findings.filter((f) => f.severity === 'error');
	return errors.length > 0 ? raise(ChecksFailed, errors.map((f) => formatFromCwd(f, root, cwd))) : undefined;
}

/** `guidebooks/erp/ops.md:12:3: …` so the path opens from the terminal the command ran in. */
export function formatFromCwd(finding: Finding, root: string, cwd: string): string {
	return formatFinding({ ...finding, file: pathFromCwd(root, cwd, finding.file) });
}

/**
 * Re-checks the tree when a file under the root changes and shows errors in Astro's dev overlay.
 * The log gets each finding once, one line in the form the build prints, whenever the findings
 * differ from those it printed last (a save that changes nothing prints nothing again).
 */
export function devChecksPlugin(loaded: LoadedConfig, options: { cwd: string; parser: MarkdownParser; trace?: (line: string) => void; onTree?: (tree: GuidebookTree) => void }, logger?: AstroIntegrationLogger): Plugin {
	// The pages a build or the last re-check parsed: a save re-parses only what changed.
	const cacheFile = pageCacheFile(loaded.stateDir, loaded.root);
	const { cwd } = options;
	let current: WaymarkError | undefined;
	let firstFile: Finding | undefined;
	let printed = '';
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
		const cache = await openPageCache(cacheFile);
		const tree = await loadGuidebookTree(loaded.root, { dialect: loaded.config.dialect, limits: loaded.config.checks, parser: options.parser, cache, trust: loaded.trust, own: waymarkPaths(loaded) });
		options.onTree?.(tree);
		const report = await runChecks({ ...trustOf(loaded), root: loaded.root, config: loaded.config, tree, ...(loaded.file && { configFile: loaded.file }), ...(options.trace && { trace: options.trace }) });
		await cache.save();
		const had = current !== undefined;
		current = failureOf(report.findings, loaded.root, cwd);
		firstFile = report.findings.find((f) => f.severity === 'error');
		const lines = report.findings.map((f) => ({ severity: f.severity, text: formatFromCwd(f, loaded.root, cwd) }));
		const shown = lines.map((line) => `${line.severity} ${line.text}`).join('\n');
		if (shown !== printed) for (const line of lines) logger?.[line.severity === 'error' ? 'error' : 'warn'](line.text);
		printed = shown;
		if (current) send(server);
		else if (had) logger?.info('Waymark checks pass again.');
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
