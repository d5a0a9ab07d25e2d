// The site Waymark builds from a guidebook tree. `waymark build --root DIR` and `astro build` both
// load this file; the tree and every option come from the Waymark integration (checks/integration.ts).
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import waymark from './checks/integration.ts';

export default defineConfig({
	trailingSlash: 'always',
	build: { format: 'directory' },
	integrations: [waymark(), mdx()],
});
