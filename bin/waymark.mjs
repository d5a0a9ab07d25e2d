#!/usr/bin/env node
// Installed as a dependency, Node will not strip types from files under node_modules, so a packed
// Waymark ships compiled JavaScript (dist-cli/, made by `npm pack`'s prepack); a checkout runs the
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
		? 'Hint: install Node 24 LTS (from nodejs.org, your system\'s packages, or `nvm install 24`), or for this project only run `npm install --save-dev node@24` and start Waymark with `npx waymark` or an npm script, which use the Node in node_modules/.bin; then run the command again. In CI, `actions/setup-node` with `node-version: 24`.\n'
		: 'Hint: in this checkout run it through npm scripts (`npm run build`), which use the Node 24 in node_modules/.bin, or install Node 24 LTS.\n';
	process.stderr.write(`Waymark needs Node 22.19 or later; this is Node ${process.versions.node}.\n${hint}`);
	process.exit(2);
}

// Astro's bundler, Shiki's highlighter, the Markdown parser and the search index all run
// WebAssembly, which `--jitless` (on the command line or in NODE_OPTIONS) takes away: every build
// and `--help` failed deep inside them, with a page of minified source.
if (typeof WebAssembly === 'undefined') {
	process.stderr.write('Waymark needs WebAssembly, which this Node runs without (`--jitless`, on its command line or in NODE_OPTIONS).\nHint: run the command again without `--jitless`.\n');
	process.exit(2);
}

// As cli/main.ts does (see there), and before it loads: its own imports are compiled from the cache too.
module.enableCompileCache?.();

await import(existsSync(compiled) ? compiled.href : new URL('../cli/main.ts', import.meta.url).href);
