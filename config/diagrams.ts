import * as z from 'zod';

export const DiagramsConfigSchema = z
	.strictObject({
		/**
		 * Chromium used to draw diagrams at build time; else `WAYMARK_CHROMIUM`, else `/usr/bin/chromium`.
		 * Without a browser the site falls back to drawing diagrams in the reader's browser.
		 * @default '/usr/bin/chromium'
		 */
		chromium: z.string().min(1).optional(),
		/**
		 * Folder of rendered diagrams, keyed by content hash, relative to the config file (else the working directory).
		 * @default '<stateDir>/diagrams'
		 */
		cacheDir: z.string().min(1).optional(),
		/**
		 * Draw diagrams during `waymark check` too, so errors only drawing finds (an invalid gantt
		 * date, text too large) are reported as `mermaid-render`. Ignored when no browser exists.
		 * @default true
		 */
		renderInCheck: z.boolean().default(true),
		/** Mermaid look for every diagram. @default 'classic' */
		look: z.enum(['classic', 'handDrawn']).default('classic'),
		/** Mermaid layout engine for flowcharts, state and class diagrams. @default 'dagre' */
		layout: z.enum(['dagre', 'elk']).default('dagre'),
	})
	.prefault({});

export type DiagramsConfig = z.output<typeof DiagramsConfigSchema>;
