#!/usr/bin/env node
// Installed as a dependency, Node will not strip types from files under node_modules, so a packed
// Waymark ships its CLI bundled into JavaScript (dist-cli/, made by `npm pack`'s prepack); a checkout runs the
// TypeScript sources directly on Node 24.
import { existsSync } from 'node:fs';
import module from 'node:module';

// undici 8 needs 22.19; `node:sqlite` and type stripping need no flag from there on.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const compiled = new URL('../dist-cli/cli/main.js', import.meta.url);
if (major < 22 || (major === 22 && minor < 19)) {
	// An installed package has no Node of its own; a checkout has Node 24 in node_modules/.bin. A
	// project can have one too: npx and npm scripts put node_modules/.bin first on PATH, and this
	// file's `#!/usr/bin/env node` then finds the `node` devDependency's Node.
	const hint = existsSync(compiled)
		? "Hint: install Node 24 LTS (from nodejs.org, your system's packages, or `nvm install 24`), or for this project only run `npm install --save-dev node@24` and start Waymark with `npx waymark` or an npm script, which use the Node in node_modules/.bin; then run the command again. In CI, `actions/setup-node` with `node-version: 24`.\n"
		: 'Hint: in this checkout run it through npm scripts (`npm run build`), which use the Node 24 in node_modules/.bin, or install Node 24 LTS.\n';
	process.stderr.write(
		`Waymark needs Node 22.19 or later; this is Node ${process.versions.node}.\n${hint}`,
	);
	process.exit(2);
}

// Astro's bundler, Shiki's highlighter, the Markdown parser and the search index all run
// WebAssembly, which `--jitless` (on the command line or in NODE_OPTIONS) takes away: every build
// and `--help` failed deep inside them, with a page of minified source.
if (typeof WebAssembly === 'undefined') {
	process.stderr.write(
		'Waymark needs WebAssembly, which this Node runs without (`--jitless`, on its command line or in NODE_OPTIONS).\nHint: run the command again without `--jitless`.\n',
	);
	process.exit(2);
}

// `build` runs with V8's young generation in 16 MB semi-spaces. V8 sizes them by the machine's
// memory, and on one with 24 GiB lets them grow to 64 MB: a build that takes a large tree's kept
// pages and republishes one changed page then spends half a second more (10 %; the kept pages
// copied through the larger space, and the fresh memory it touches), and a whole 500-page build
// about 7 % more CPU (bench/HISTORY.md, 2026-11-27). A running Node cannot resize them, so the
// command starts again with the flag (`execve`, Node 22.15+: the same process, its id, output and
// exit code; about a tenth of a second), with Node's own flags after it (`--cpu-prof` writes the
// launcher's short profile too; `--inspect-brk` stops in the launcher, then again after it).
// Not on Windows, which has no `execve`, nor under Node's permission model without
// `--allow-child-process`, which refuses it; either would print an experimental-feature warning
// first. Nor when the command line or NODE_OPTIONS sizes the young generation or the whole heap
// (V8 refuses `--max-heap-size` beside both semi-space and old-space sizes): the user's choice stands.
if (
	process.argv.slice(2).find((arg) => !arg.startsWith('-')) === 'build' &&
	mayStartAgain() &&
	!heapSized()
) {
	try {
		process.execve(
			process.execPath,
			[process.execPath, '--max-semi-space-size=16', ...process.execArgv, ...process.argv.slice(1)],
			process.env,
		);
	} catch {
		// Refused before the system call (an argument or the platform): the build runs as it is.
		// A system call that fails (Node gone from its path) ends the process on Node 24 instead.
	}
}

function mayStartAgain() {
	return (
		typeof process.execve === 'function' &&
		process.platform !== 'win32' &&
		(process.permission === undefined || process.permission.has('child'))
	);
}

/** True when the command line or NODE_OPTIONS sizes the young generation or the whole heap already. */
function heapSized() {
	return [...process.execArgv, ...(process.env['NODE_OPTIONS'] ?? '').split(/\s+/)].some((flag) =>
		/^--(?:(?:max|min)[-_]semi[-_]space|max[-_]heap)[-_]size\b/.test(flag),
	);
}

// As cli/main.ts does (see there), and before it loads: its own imports are compiled from the cache too.
module.enableCompileCache?.();

await import(
	existsSync(compiled) ? compiled.href : new URL('../cli/main.ts', import.meta.url).href
);
