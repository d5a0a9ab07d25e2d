// The site Waymark builds from a guidebook tree. `waymark build --root DIR` and `astro build` both
// load this file; the tree and every option come from the Waymark integration (checks/integration.ts).
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { existsSync } from 'node:fs';

// Installed as a dependency, Waymark runs the JavaScript `npm pack` compiled into dist-cli/: Node
// strips types only outside node_modules, and Astro loads this file natively only when it can.
const compiled = new URL('./dist-cli/checks/integration.js', import.meta.url);
const { default: waymark } = await import(existsSync(compiled) ? compiled.href : './checks/integration.ts');

export default defineConfig({
	trailingSlash: 'always',
	build: { format: 'directory' },
	integrations: [waymark(), mdx()],
});
