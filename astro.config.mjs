// For people who run Astro directly (`astro build`, `astro dev`) on Waymark's site. `waymark build`
// and `waymark dev` do not read this file: they pass the same settings inline, with the config and
// tree they already loaded (integration/astro-run.ts).
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { existsSync } from 'node:fs';

// Installed as a dependency, Waymark runs the JavaScript `npm pack` bundled into dist-cli/: Node
// strips types only outside node_modules, and Astro loads this file natively only when it can.
const compiled = new URL('./dist-cli/integration/index.js', import.meta.url);
const {
	default: waymark,
	siteAstroConfig,
	readEnvironment,
	prepareProject,
} = await import(existsSync(compiled) ? compiled.href : './integration/index.ts');

export default defineConfig({
	...siteAstroConfig,
	// The project in the working directory, read and planned here, once, as `waymark build` would:
	// the guidebook root is WAYMARK_ROOT, else `root` in waymark.config.yaml, else ./guidebooks.
	// Waymark's environment variables are read here and passed in.
	integrations: [
		waymark({
			prepared: await prepareProject({
				cwd: process.cwd(),
				environment: readEnvironment(process.env),
			}),
		}),
		mdx(),
	],
});
