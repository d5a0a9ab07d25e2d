import { join } from 'node:path';
import type { UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import type { AstroIntegrationLogger } from 'astro';
import type { GuidebookTree } from '../tree/load-tree.ts';
import { packageRoot } from '../core/package.ts';
import type { Progress } from '../core/progress.ts';
import type { LoadedConfig } from '../config/load-config.ts';
import {
	ChromiumUnavailable,
	MermaidPatchMissing,
	raise,
	type WaymarkError,
} from '../core/errors.ts';
import type { Finding } from '../checks/finding.ts';
import type { DiagramProblem } from '../diagrams/diagram-errors.ts';
import {
	createDiagramService,
	type DiagramLookup,
	type DiagramService,
} from '../diagrams/diagram-service.ts';
import { collectMermaidBlocks, positionInPage } from '../diagrams/mermaid-blocks.ts';
import { formatDiagramStats, resolveDiagramCacheDir } from '../diagrams/prerender.ts';
import { withLabelText } from '../diagrams/mermaid-bundle.ts';
import { rehypeDiagrams } from '../diagrams/rehype-diagrams.ts';
import { formatFromCwd } from './astro-checks.ts';
import { withEarlyRehypePlugin } from '../markdown/plugins.ts';
import { renderProblems, parseProblems, type BlockProblem } from '../diagrams/validate-diagrams.ts';

// The browser script ships as TypeScript for Vite to bundle, also when this module runs compiled.
const loaderPath = join(packageRoot, 'src/scripts/mermaid-loader.ts');

const describe = (error: WaymarkError): string => `${error.message}\n${error.hint ?? ''}`;

/**
 * The diagrams step of the Astro integration: draws every diagram of the tree in
 * `astro:config:setup` (before any page renders) and gives the rehype plugin the drawn SVGs. A
 * diagram that cannot be drawn never stops the build: its page shows a notice with the source,
 * and the error is a finding. The service is created in `prerender`, which runs first.
 *
 * With `shared` (`waymark build`, when diagrams must be drawn), the command owns the service and
 * has started its browser: the drawing goes on while Astro starts and renders the other pages,
 * and a page with a diagram waits for its drawing.
 */
export function diagramsHooks(shared?: DiagramService) {
	let service: DiagramService | undefined = shared;
	// Without a browser: why each diagram mermaid's parser rejects cannot be drawn, by source.
	let failures = new Map<string, DiagramProblem>();
	const proxy: DiagramLookup = {
		get mode() {
			return service?.mode ?? 'svg';
		},
		get: async (source) => service?.get(source),
	};
	return {
		async prerender({
			loaded,
			tree,
			command,
			cwd,
			logger,
			progress,
		}: {
			loaded: LoadedConfig;
			tree: GuidebookTree;
			command: string;
			cwd: string;
			logger: AstroIntegrationLogger;
			progress?: Progress;
		}) {
			const warnMissing = ({ path, reason }: { path: string; reason: string }): void => {
				logger.warn(describe(raise(ChromiumUnavailable, path, reason)));
			};
			if (shared) {
				// The command started the browser already: say once why there is none.
				if (shared.browserProblem) warnMissing(shared.browserProblem);
			} else {
				await service?.close();
				service = createDiagramService({
					config: loaded.config.diagrams,
					cacheDir: resolveDiagramCacheDir(loaded.config.diagrams),
					...(progress && { progress }),
					onBrowserMissing: warnMissing,
					onPatchMissing: (problem) => logger.warn(describe(raise(MermaidPatchMissing, problem))),
				});
			}
			const active = service as DiagramService;
			const blocks = collectMermaidBlocks(tree);
			if (blocks.length === 0) return;
			const judged = active
				.renderAll(blocks.map((b) => b.source))
				.then(async ({ renderings, stats }) => {
					logger.info(formatDiagramStats(stats));
					const problems =
						active.mode === 'svg'
							? renderProblems(blocks, renderings)
							: await parseProblems(blocks);
					failures = new Map(
						problems.filter((p) => p.fatal).map((p) => [p.block.source, p.problem]),
					);
					// The browser stays up in dev, for diagrams written while the server runs; a shared one is the command's.
					if (command === 'build' && !shared) await active.close();
					// The check engine reports these with every other finding (`mermaid-syntax`,
					// `mermaid-render`), in a build and in dev's re-checks; with both rules off they are
					// still printed here, in the same form.
					if (problems.length === 0 || !rulesOff(loaded)) return;
					for (const problem of problems)
						logger.warn(formatFromCwd(toDiagramFinding(problem), loaded.root, cwd));
				});
			// Drawing beside Astro, each page waits for its own diagrams (`get`); only the no-browser
			// fallback needs every failure known before a page renders.
			if (shared && active.mode === 'svg') return void judged.catch(() => undefined);
			await judged;
		},
		/**
		 * Runs after the HTML sanitiser (the SVGs are Waymark's own) and highlighting, and before the
		 * code-block frame, which never wraps a diagram.
		 */
		withRehypePlugin(options: UnifiedProcessorOptions): UnifiedProcessorOptions {
			// `mode` is also part of Astro's config digest: switching between drawn SVG and the
			// no-browser fallback clears the content store, so no page keeps the other mode's HTML.
			return withEarlyRehypePlugin(options, [
				rehypeDiagrams,
				{ service: proxy, mode: proxy.mode, failureOf: (source: string) => failures.get(source) },
			]);
		},
		/**
		 * `virtual:waymark/mermaid-loader`: the client-side renderer in the no-browser fallback, an
		 * empty module otherwise, so a build that drew every diagram never even bundles mermaid.
		 * Mermaid's module that makes a label's words gets the build's change (`withLabelText`):
		 * the reader's browser draws a label as the build's tabs do.
		 */
		vitePlugin() {
			const id = 'virtual:waymark/mermaid-loader';
			return {
				name: 'waymark:mermaid-loader',
				resolveId: (source: string) => (source === id ? `\0${id}` : undefined),
				load: (resolved: string) => {
					if (resolved !== `\0${id}`) return undefined;
					return proxy.mode === 'client' ? `import ${JSON.stringify(loaderPath)};` : 'export {};';
				},
				// By what a module holds, not its path: `waymark dev` serves mermaid pre-bundled (`.vite/deps/`).
				transform: (code: string) => {
					if (!code.includes('|[^\\s<>]+/g)')) return undefined;
					const labels = withLabelText(code);
					return labels.patched ? { code: labels.text, map: null } : undefined;
				},
			};
		},
		// A shared service is the command's to close.
		close: async () => (shared ? undefined : service?.close()),
	};
}

function rulesOff(loaded: LoadedConfig): boolean {
	const { rules } = loaded.config.checks;
	return rules['mermaid-syntax'] === 'off' && rules['mermaid-render'] === 'off';
}

/** A problem as an error finding (the build's view; `waymark check` applies configured severities). */
function toDiagramFinding({ block, problem }: BlockProblem): Finding {
	return {
		ruleId: problem.ruleId,
		severity: 'error',
		file: block.file,
		position: positionInPage(block, problem),
		message: problem.message,
	};
}
