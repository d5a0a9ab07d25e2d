import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { repoRoot } from '../helpers/fixture.ts';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string; dependencies?: Record<string, string> }> };

// Waymark relies on the inside of these: a caret range would let an install pick code it was not written for.
test.each([
	['mermaid', 'diagrams/mermaid-bundle.ts rewrites exact text of its minified browser bundle'],
	['astro', "integration/package-imports.ts relies on how Astro names a component's script and style modules outside its root"],
	['zod', 'config/error-map.ts and config/docs.ts read its schemas\' private `_zod.def`'],
	['satteri', 'src/markdown/native-parse.ts must give the syntax tree remark gives (0.x: any minor may change it)'],
	['linkedom', 'its DOM is what the HTML checks query'],
])('%s is pinned to one version (%s)', (name) => {
	const pinned = manifest.dependencies[name] ?? '';
	expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
	expect(lock.packages[`node_modules/${name}`]?.version).toBe(pinned);
	expect(lock.packages['']?.dependencies?.[name]).toBe(pinned);
});
