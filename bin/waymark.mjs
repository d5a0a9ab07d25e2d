#!/usr/bin/env node
// Installed as a dependency, Node will not strip types from files under node_modules, so a packed
// Waymark ships compiled JavaScript (dist-cli/, made by `npm pack`'s prepack); a checkout runs the
// TypeScript sources directly on Node 24.
import { existsSync } from 'node:fs';
const compiled = new URL('../dist-cli/checks/cli.js', import.meta.url);
await import(existsSync(compiled) ? compiled.href : new URL('../checks/cli.ts', import.meta.url).href);
