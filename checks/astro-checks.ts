import { relative, resolve, sep } from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import type { Plugin, ViteDevServer } from 'vite';
import type { GuidebookTree } from './collect/load-tree.ts';
import { loadGuidebookTree } from './collect/load-tree.ts';
import type { LoadedConfig } from './config.ts';
import { runChecks } from './engine.ts';
import { ChecksFailed, raise, type WaymarkError } from './errors.ts';
import { formatFinding, type Finding } from './finding.ts';

/**
 * The Astro front end of the engine: the same rules as `waymark check`, run at build (errors fail
 * the build with the same messages) and in dev (errors show in the overlay, re-checked on save).
 */
export async function checkTreeForBuild(tree: GuidebookTree, loaded: LoadedConfig, logger?: AstroIntegrationLogger): Promise<void> {
	const report = await runChecks({ root: loaded.root, config: loaded.config, tree });
	const cwd = process.env.WAYMARK_CWD ?? process.cwd();
	const warnings = report.findings.filter((f) => f.severity !== 'error');
	for (const warning of warnings) logger?.warn(formatFromCwd(warning, loaded.root, cwd));
	const error = failureOf(report.findings, loaded.root, cwd);
	if (error) throw error;
}

/** A `ChecksFailed` error listing every error finding, or `undefined` when there is none. */
function failureOf(findings: Finding[], root: string, cwd: string): WaymarkError | undefined {
	const errors = findings.filter((f) => f.severity === 'error');
	return errors.length > 0 ? raise(ChecksFailed, errors.map((f) => formatFromCwd(f, root, cwd))) : undefined;
}

/** `guidebooks/erp/ops.md:12:3: …` so the path opens from the terminal the command ran in. */
function formatFromCwd(finding: Finding, root: string, cwd: string): string {
	const file = relative(cwd, resolve(root, finding.file)).split(sep).join('/') || finding.file;
	return formatFinding({ ...finding, file });
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
