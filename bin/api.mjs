// The package's `exports["."]` for Node. Installed as a dependency, Node will not strip types from
// files under node_modules, so a packed Waymark loads its bundled API (dist-cli/, made by `npm
// pack`'s prepack); a checkout loads the TypeScript sources. Types come from checks/index.ts
// (`exports["."].types`); test/checks/public-api.test.ts keeps this list equal to its exports.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist-cli/checks/index.js', import.meta.url);
const api = await import(
	existsSync(compiled) ? compiled.href : new URL('../checks/index.ts', import.meta.url).href
);

export const {
	checkLive,
	defineRule,
	formatFinding,
	loadConfig,
	parseConfig,
	reporters,
	rules,
	runChecks,
	runProbes,
} = api;
