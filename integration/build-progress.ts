import type { UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import type { Plugin as VitePlugin } from 'vite';
import type { VFile } from 'vfile';
import { noProgress, type Progress } from '../core/progress.ts';
import { pagePathOf } from '../markdown/page-path.ts';

/**
 * What Astro is doing, as steps of `progress` (the watchdog of `waymark build`): one phase open at
 * a time, named for the stall message. Pages rendered and modules bundled tick it.
 */
export function buildPhases(progress: Progress = noProgress) {
	let end: (() => void) | undefined;
	return {
		progress,
		/** Closes the current phase and opens `what`; `undefined` closes it only. */
		enter(what: string | undefined): void {
			end?.();
			end = what === undefined ? undefined : progress.begin(what);
		},
	};
}

/** `options` with a last rehype plugin that ticks `progress` once per page rendered (Markdown or MDX). */
export function withRenderProgress(
	options: UnifiedProcessorOptions,
	progress: Progress,
	root: string,
): UnifiedProcessorOptions {
	const plugin = () => (_tree: unknown, file: VFile) =>
		progress.tick(`rendered ${pagePathOf(file, root) ?? file.path}`);
	return { ...options, rehypePlugins: [...(options.rehypePlugins ?? []), plugin] };
}

/** Ticks `progress` for every module Vite transforms and chunk it writes, and says when a bundle is written. */
export function bundleProgressPlugin(progress: Progress, onBundled: () => void): VitePlugin {
	return {
		name: 'waymark:progress',
		apply: 'build',
		transform() {
			progress.tick();
			return undefined;
		},
		renderChunk() {
			progress.tick();
			return null;
		},
		// Not `closeBundle`, which also runs when bundling failed.
		writeBundle() {
			onBundled();
		},
	};
}
