import type * as SmolToml from 'smol-toml';
import { lazyModule } from './lazy-module.ts';

/**
 * smol-toml, loaded with the first TOML read (`+++` front matter, Hugo's and mdBook's configs):
 * most trees have none. One loader for every reader, so a tree that has both loads one copy.
 */
export const toml = lazyModule<typeof SmolToml>('smol-toml');
