import type { UnifiedProcessorOptions } from '@astrojs/markdown-remark';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot, packageVersion } from '../core/package.ts';
import { codeColoursCss } from '../src/markdown/code-colours.ts';

/** The folders whose code decides the HTML of a rendered Markdown page. */
const pipelineFolders = ['src/markdown', 'src/lib', 'src/components/status', 'diagrams'];

/**
 * Astro keeps rendered Markdown in its content store until its config digest changes, and that
 * digest covers plugin options, not plugin code: after an upgrade (or a checkout of other code)
 * a page whose text did not change would keep the HTML, heading ids included, that the old code
 * rendered. This adds a plugin that does nothing, with the fingerprint of Waymark's Markdown code
 * as its option, so the store is cleared whenever that code changes.
 */
export function withPipelineDigest(options: UnifiedProcessorOptions): UnifiedProcessorOptions {
	return { ...options, remarkPlugins: [...(options.remarkPlugins ?? []), [remarkPipelineDigest, { fingerprint: pipelineFingerprint() }]] };
}

function remarkPipelineDigest(): void {}

const fingerprints = new Map<string, string>();

/**
 * sha256 (16 hex) of the package version, every `.ts` file of the pipeline folders under `root`
 * and the installed code themes' palette: a page's code colours are class numbers into it, so a
 * theme update that reorders its colours must render every page again.
 */
export function pipelineFingerprint(root = packageRoot): string {
	const known = fingerprints.get(root);
	if (known) return known;
	const hash = createHash('sha256').update(packageVersion).update(codeColoursCss);
	for (const folder of pipelineFolders) {
		const files = readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts')).sort();
		for (const file of files) hash.update(`\0${folder}/${file}\0`).update(readFileSync(join(root, folder, file)));
	}
	const fingerprint = hash.digest('hex').slice(0, 16);
	fingerprints.set(root, fingerprint);
	return fingerprint;
}
