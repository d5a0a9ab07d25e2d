// The Node side's name for them (text-position.ts, which the site's Markdown plugins import too).
export type { Position } from './text-position.ts';
export { createLocator } from './text-position.ts';
