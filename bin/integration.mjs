// The package's `exports["./integration"]` for Node: the bundled Astro integration when packed
// (Node will not strip types under node_modules), the TypeScript source in a checkout.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist-cli/integration/index.js', import.meta.url);
const integration = await import(
	existsSync(compiled) ? compiled.href : new URL('../integration/index.ts', import.meta.url).href
);

export default integration.default;
