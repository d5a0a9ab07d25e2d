#!/usr/bin/env node
// Installed as a dependency, Node will not strip types from files under node_modules, so a packed
// Waymark ships compiled JavaScript (dist-cli/, made by `npm pack`'s prepack); a checkout runs the
// TypeScript sources directly on Node 24.
import { existsSync } from 'node:fs';
import module from 'node:module';

// undici 8 needs 22.19; `node:sqlite` and type stripping need no flag from there on.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
	process.stderr.write(
		`Waymark needs Node 22.19 or later; this is Node ${process.versions.node}.\n` +
			'Hint: install Node 24 LTS, or in a Waymark checkout run it through npm scripts (`npm run build`), which use the Node 24 in node_modules/.bin.\n',
	);
	process.exit(2);
}

// Node keeps the compiled code of every module it loads on disk (<tmpdir>/node-compile-cache, or
// NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so the next start compiles about
// half as much: 0.69 → 0.39 s of CPU to load the check engine (bench/README.md, `## check`).
module.enableCompileCache?.();

const compiled = new URL('../dist-cli/cli/main.js', import.meta.url);
await import(existsSync(compiled) ? compiled.href : new URL('../cli/main.ts', import.meta.url).href);
