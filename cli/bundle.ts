// What `npm pack` ships as the CLI (`prepack`): Waymark's Node-side modules bundled into
// dist-cli/, because Node strips types only outside node_modules and because a command's start is
// mostly module loading. From its TypeScript sources, `waymark check` loads about 260 of Waymark's
// files and 350 of its dependencies', and Node resolves and reads each one; bundled, the command
// starts from a few chunks (bench/HISTORY.md, `## check`).
//
// Usage: node cli/bundle.ts [OUT]   (default dist-cli/, in the package folder)
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { bundleDigestFile, bundleFolder, packageModules, packageRoot } from '../core/package.ts';

/**
 * The modules a packed Waymark starts by path: the bin shims' three (bin/*.mjs), and those it hands
 * to a worker or to Astro by path (`packageModule`). Each becomes a file of its own at its source's
 * place in dist-cli/ (`cli/main.js`); everything they share goes into chunks that all of them load,
 * so one module is one instance whichever entry loaded it first.
 */
export const bundleEntries = ['cli/main', 'checks/index', 'integration/index', ...packageModules];

/**
 * Dependencies bundled with Waymark's own modules: those `waymark check` loads (zod alone is 95
 * files, yaml 72), less satteri, which loads a native module. Every other dependency stays a
 * package of its own, resolved by Node where npm installed it: Astro, Vite, mermaid, Shiki and
 * Pagefind find their own files by path, and the build hands Astro's pipeline its own instances.
 * What a bundled package imports is bundled with it, so it never depends on how npm laid out its
 * dependencies (but for what it requires only if installed, `optionalRequires`). Each is pinned to
 * one version in package.json (`test/packaging/exact-pins.test.ts`): the bundle runs the version
 * packed, whatever an install puts in node_modules. `test/packaging/bundle.test.ts` fails when
 * `check` loads files of a dependency left out of this list.
 */
export const bundledPackages = [
	'@secretlint/core',
	'@secretlint/secretlint-rule-preset-recommend',
	'commander',
	'fastest-levenshtein',
	'github-slugger',
	'jsonc-parser',
	'mdast-util-to-string',
	'picocolors',
	'picomatch',
	'remark-preset-lint-recommended',
	'unified',
	'unist-util-visit',
	'vfile',
	'yaml',
	'zod',
];

/** The package a bare import names (`@secretlint/core/module` → `@secretlint/core`). */
function packageName(specifier: string): string {
	const parts = specifier.split('/');
	return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** Leaves each dependency Waymark's modules import external unless it is one of `bundledPackages`. */
function dependenciesPlugin(): Plugin {
	const inlined = new Set(bundledPackages);
	return {
		name: 'waymark:dependencies',
		setup(bundle) {
			bundle.onResolve({ filter: /^[^./]/ }, ({ path, importer }) => {
				if (path.startsWith('node:') || optionalRequires.has(path)) return { path, external: true };
				// Inside a bundled package: its own dependencies come with it. (Waymark itself may lie
				// under a node_modules, when it bundles where it is installed.)
				const fromPackage = relative(packageRoot, importer);
				if (fromPackage.startsWith('..') || fromPackage.split(sep).includes('node_modules'))
					return undefined;
				return inlined.has(packageName(path)) ? undefined : { path, external: true };
			});
		},
	};
}

/**
 * What a bundled package requires only if it is installed (debug's `supports-color`): left for
 * Node to find when it runs, so the bundle is the same whether the packer's node_modules has it.
 */
const optionalRequires = new Set(['supports-color']);

// Packages bundled as CommonJS (picomatch) call `require` for Node's built-ins, which an ES module has not.
const requireShim =
	"import { createRequire as __waymarkCreateRequire } from 'node:module';\nconst require = __waymarkCreateRequire(import.meta.url);";

/** Writes the bundle to `out`, emptied first; resolves what went into it (esbuild's metafile). */
export async function bundleCli(out: string): Promise<Metafile> {
	await rm(out, { recursive: true, force: true });
	const { metafile } = await build({
		absWorkingDir: packageRoot,
		entryPoints: bundleEntries.map((entry) => `${entry}.ts`),
		outbase: '.',
		outdir: out,
		entryNames: '[dir]/[name]',
		chunkNames: 'chunks/[name]-[hash]',
		bundle: true,
		splitting: true,
		format: 'esm',
		platform: 'node',
		target: 'node22.19',
		// jsonc-parser's `main` is a UMD build that requires its parts by path; its `module` is ESM.
		mainFields: ['module', 'main'],
		banner: { js: requireShim },
		plugins: [dependenciesPlugin()],
		logLevel: 'warning',
		metafile: true,
	});
	const files = Object.keys(metafile.outputs).map((file) => join(packageRoot, file));
	await writeFile(join(out, bundleDigestFile), await digestOf(out, files));
	return metafile;
}

/**
 * A digest of every file of the bundle, which the caches of what the running code computed are
 * keyed by (`runningCodeFingerprint`): read as one file rather than hashing the package's sources
 * on every start. Each file by its path in `out` and its bytes: the same bundle has the same
 * digest wherever it was written.
 */
async function digestOf(out: string, files: readonly string[]): Promise<string> {
	const hash = createHash('sha256');
	for (const file of [...files].sort())
		hash.update(`\0${relative(out, file)}\0`).update(await readFile(file));
	return `${hash.digest('hex')}\n`;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
	const out = process.argv[2] ?? join(packageRoot, bundleFolder);
	await bundleCli(out);
	// On stderr: `npm pack --json` prints its answer on stdout, after prepack's output.
	process.stderr.write(`Bundled the CLI into ${relative(process.cwd(), out) || '.'}\n`);
}
