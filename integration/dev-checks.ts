import type { AstroIntegrationLogger } from 'astro';
import type { Plugin, ViteDevServer } from 'vite';
import type { LoadedConfig } from '../config/load-config.ts';
import { applyBaseline } from '../checks/baseline/apply-baseline.ts';
import { entriesOf, type BaselineEntry } from '../checks/baseline/baseline-file.ts';
import { withFingerprints } from '../checks/baseline/fingerprint.ts';
import { runChecks } from '../checks/engine.ts';
import type { Finding } from '../checks/finding.ts';
import { pathFromCwd } from '../checks/report/paths.ts';
import { plural } from '../checks/report/pretty.ts';
import { terminalText } from '../core/escape.ts';
import type { DevFinding, DevFindings } from './dev-findings.ts';
import type { MarkdownParser } from '../core/environment.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';
import { readTree } from '../tree/read-tree.ts';
import { openPageCache, pageCacheFile } from '../tree/page-cache.ts';
import { formatFromCwd } from './astro-checks.ts';

/** The custom HMR events between `waymark dev` and its pages (`src/scripts/dev-findings.ts`). */
const devFindingsEvents = {
	findings: 'waymark:findings',
	wanted: 'waymark:findings-wanted',
} as const;

export interface DevChecksOptions {
	cwd: string;
	parser: MarkdownParser;
	/** The site's base path: pages are found by `base` + route. */
	base: string;
	trace?: (line: string) => void;
	onTree?: (tree: GuidebookTree) => void;
	/** After each check of `server`'s, its findings sent (`dev-reload.ts` then reloads the page once). */
	onChecked?: (server: ViteDevServer) => void;
}

/**
 * `waymark dev`'s checks: the tree is checked when the server starts and again when a file under
 * the root changes. Each page gets its own findings, shown on it in place and dismissible
 * (`src/scripts/dev-findings.ts`, over Vite's HMR socket): never Vite's error overlay, which
 * covers every page, clean ones too, and makes Astro reload the page on every file change while it
 * is up. The log gets every finding once at start, then for each save only what it changed: the
 * findings it added and those it fixed, matched as the baseline matches them (a finding whose line
 * moved is the same finding).
 */
export function devChecksPlugin(
	loaded: LoadedConfig,
	options: DevChecksOptions,
	logger?: AstroIntegrationLogger,
): Plugin {
	// The pages a build or the last re-check parsed: a save re-parses only what changed.
	const cacheFile = pageCacheFile(loaded.stateDir, loaded.root);
	const { cwd } = options;
	let shown: DevFindings = { byPage: {} };
	let known: BaselineEntry[] | undefined;
	let timer: NodeJS.Timeout | undefined;
	const log = (finding: Finding, prefix = ''): void =>
		logger?.[finding.severity === 'error' ? 'error' : 'warn'](
			`${prefix}${formatFromCwd(finding, loaded.root, cwd)}`,
		);
	const recheck = async (server: ViteDevServer): Promise<void> => {
		const cache = await openPageCache(cacheFile);
		const tree = await readTree(loaded, { parser: options.parser, cache });
		options.onTree?.(tree);
		const report = await runChecks({
			trust: loaded.trust,
			setAside: { ...(loaded.file && { configFile: loaded.file }), settings: loaded.setAside },
			root: loaded.root,
			config: loaded.config,
			tree,
			...(loaded.file && { configFile: loaded.file }),
			...(options.trace && { trace: options.trace }),
		});
		await cache.save();
		const findings = await withFingerprints(report.findings, tree, loaded.root);
		const { errors, warnings } = report.summary;
		const totals = `${plural(errors, 'error')} and ${plural(warnings, 'warning')} in the guidebooks`;
		if (known === undefined) {
			for (const finding of findings) log(finding);
			if (errors + warnings > 0)
				logger?.info(`${totals}; each page shows its own. Run \`waymark check\` for the gate.`);
		} else {
			const compared = applyBaseline({ ...report, findings }, known, {
				shown: 'the last check',
				partial: false,
			});
			const added = compared.findings.filter((finding) => !finding.baselined);
			const fixed = compared.baseline.fixed;
			if (added.length + fixed.length > 0) {
				const fixedCount = fixed.reduce((n, entry) => n + (entry.count ?? 1), 0);
				logger?.info(
					`${added.length > 0 ? plural(added.length, 'new finding') : 'No new finding'}, ${fixedCount} fixed; ${errors + warnings === 0 ? 'the guidebooks are clean' : totals}.`,
				);
				for (const finding of added) log(finding, 'new: ');
				for (const entry of fixed)
					logger?.info(
						terminalText(
							`fixed: ${pathFromCwd(loaded.root, cwd, entry.file)}: ${entry.message} (${entry.rule})`,
						),
					);
			}
		}
		known = entriesOf(findings);
		shown = devFindingsOf(findings, tree, options.base);
		server.ws.send(devFindingsEvents.findings, shown);
		options.onChecked?.(server);
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
				timer = setTimeout(
					() => void recheck(server).catch((error: Error) => logger?.error(error.message)),
					150,
				);
			};
			server.watcher.on('change', onChange).on('add', onChange).on('unlink', onChange);
			// A page loaded (or reloaded) asks for the findings it should show.
			server.ws.on(
				devFindingsEvents.wanted,
				(_data: unknown, client: { send(event: string, payload: unknown): void }) =>
					client.send(devFindingsEvents.findings, shown),
			);
			void recheck(server).catch((error: Error) => logger?.error(error.message));
		},
	};
}

/** The findings of each published page, by the path it is served at (decoded). */
function devFindingsOf(findings: Finding[], tree: GuidebookTree, base: string): DevFindings {
	const byPage: Record<string, DevFinding[]> = {};
	for (const finding of findings) {
		const page = tree.pages.get(finding.file);
		if (!page || tree.unpublished.has(finding.file)) continue;
		const path = `${base.replace(/\/$/, '')}${page.route}`;
		(byPage[path] ??= []).push({
			severity: finding.severity,
			rule: finding.ruleId,
			message: finding.message,
			...(finding.position && { line: finding.position.line, column: finding.position.column }),
		});
	}
	return { byPage };
}
