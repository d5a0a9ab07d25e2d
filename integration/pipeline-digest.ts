import type { UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import { codeFingerprint } from '../core/code-fingerprint.ts';
import { packageRoot } from '../core/package.ts';
import { codeColoursCss } from '../markdown/code-colours.ts';

/** The folders whose code decides the HTML of a rendered Markdown page. */
export const pipelineFolders = [
	'markdown',
	'core',
	'alerts',
	'src/lib',
	'tools',
	'src/components/status',
	'diagrams',
	'integration',
];

/**
 * Astro keeps rendered Markdown in its content store until its config digest changes, and that
 * digest covers plugin options, not plugin code: after an upgrade (or a checkout of other code)
 * a page whose text did not change would keep the HTML, heading ids included, that the old code
 * rendered. This adds a plugin that does nothing, with the fingerprint of Waymark's Markdown code
 * as its option, so the store is cleared whenever that code changes.
 */
export function withPipelineDigest(options: UnifiedProcessorOptions): UnifiedProcessorOptions {
	return {
		...options,
		remarkPlugins: [
			...(options.remarkPlugins ?? []),
			[remarkPipelineDigest, { fingerprint: pipelineFingerprint() }],
		],
	};
}

function remarkPipelineDigest(): void {}

/**
 * The fingerprint of the package version, every `.ts` file of the pipeline folders under `root`
 * and the installed code themes' palette: a page's code colours are class numbers into it, so a
 * theme update that reorders its colours must render every page again.
 */
export function pipelineFingerprint(root = packageRoot): string {
	return codeFingerprint(pipelineFolders, codeColoursCss, root);
}
