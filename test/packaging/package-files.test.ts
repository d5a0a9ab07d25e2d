import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';
import { packageFile } from '../../core/package.ts';

// Packed, Waymark's modules run compiled from `dist-cli/`, where only code is: a module that read
// a file it ships relative to itself (`new URL('./preview.css', import.meta.url)`) found nothing
// there, and `build --base` from the installed package ended with an internal error. Every module
// the pack compiles is read here for such a reference; shipped files go through `packageFile`.
const pack = JSON.parse(
	readFileSync(packageFile('tsconfig.pack.json'), 'utf8').replace(/^\s*\/\/.*$/gm, ''),
) as { include: string[] };
const folders = pack.include.map((glob) => glob.split('/')[0] as string);
const modules = folders.flatMap((folder) =>
	(readdirSync(packageFile(folder), { recursive: true }) as string[])
		.filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
		.map((name) => join(folder, name)),
);
// A relative URL from the module: a module of code (`./x.ts`, chosen by the module's own extension) is compiled beside it.
const relativeUrl = /new URL\(\s*[`'"](\.{1,2}\/[^`'"]*)[`'"]\s*,\s*import\.meta\.url\s*\)/g;

test('no module the pack compiles reads a file it ships relative to itself', () => {
	expect(modules.length).toBeGreaterThan(100);
	const found = modules.flatMap((file) =>
		[...readFileSync(packageFile(file), 'utf8').matchAll(relativeUrl)]
			.filter(([, target]) => !/\.(?:ts|js|mjs)$|\$\{/.test(target as string))
			.map(([whole]) => `${relative('.', file)}: ${whole}`),
	);
	expect(found).toEqual([]);
});
