import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { repoRoot } from '../helpers/fixture.ts';
import { productFolders } from '../helpers/product-folders.ts';
import { bundledPackages } from '../../cli/bundle.ts';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
	dependencies: Record<string, string>;
};
const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
	packages: Record<string, { version: string; dependencies?: Record<string, string> }>;
};

// Waymark relies on the inside of these: a caret range would let an install pick code it was not written for.
const reliedOn = [
	['mermaid', 'diagrams/mermaid-bundle.ts rewrites exact text of its minified browser bundle'],
	[
		'astro',
		"integration/package-imports.ts relies on how Astro names a component's script and style modules outside its root",
	],
	[
		'@astrojs/markdown-remark',
		'markdown/site-processor.ts runs the steps of its createMarkdownProcessor in its order and loads its unexported rehype-images.js',
	],
	[
		'@astrojs/mdx',
		'integration/mdx-isolation.ts wraps the handler of its Vite plugin, found by name',
	],
	['zod', "config/error-map.ts and config/docs.ts read its schemas' private `_zod.def`"],
	[
		'satteri',
		'markdown/native-parse.ts must give the syntax tree remark gives (0.x: any minor may change it)',
	],
	['linkedom', 'its DOM is what the HTML checks query'],
] as const;

test.each(reliedOn)('%s is pinned to one version (%s)', (name) => {
	const pinned = manifest.dependencies[name] ?? '';
	expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
	expect(lock.packages[`node_modules/${name}`]?.version).toBe(pinned);
	expect(lock.packages['']?.dependencies?.[name]).toBe(pinned);
});

// The packages `npm pack` bundles into the CLI (`cli/bundle.ts`) run as they were when packed,
// whatever a project's install, `overrides` or `npm audit fix` puts in node_modules: the package
// says which version that is, so `npm ls` names what runs and a fix comes with a Waymark release.
test.each(bundledPackages)('%s, bundled into the CLI, is pinned to one version', (name) => {
	const pinned = manifest.dependencies[name] ?? '';
	expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
	expect(lock.packages[`node_modules/${name}`]?.version).toBe(pinned);
});

// Code that reaches inside a dependency checks the release it got and throws `Unexpected <name>:`
// when it is not one it knows. Each such dependency is in the list above, so the check can only
// fire for a version someone chose, never for one an install picked.
test('every dependency whose release the code checks for is pinned', () => {
	const checked = new Set<string>();
	const folders = productFolders;
	for (const folder of folders) {
		for (const file of readdirSync(join(repoRoot, folder), { recursive: true, encoding: 'utf8' })) {
			if (!/\.(ts|mjs|astro)$/.test(file)) continue;
			for (const match of readFileSync(join(repoRoot, folder, file), 'utf8').matchAll(
				/Unexpected (@?[a-z][\w.-]*(?:\/[\w.-]+)?)[:\s]/g,
			)) {
				if (match[1] && match[1] in manifest.dependencies) checked.add(match[1]);
			}
		}
	}
	expect(checked.size).toBeGreaterThanOrEqual(2);
	expect([...checked].filter((name) => !reliedOn.some(([pinned]) => pinned === name))).toEqual([]);
});
