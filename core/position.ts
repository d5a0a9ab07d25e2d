// The Node side's name for them; the site's Markdown plugins use the same code from src/lib.
export type { Position } from '../src/lib/text-position.ts';
export { createLocator } from '../src/lib/text-position.ts';
