import type { MystEngine } from './ids.ts';
import type { TocTree } from './toc.ts';

/** What the rewrite knows of the project: the engine, every page's labels and titles, its substitutions and table of contents. */
export interface MystContext {
	engine: MystEngine;
	/** A label's identifier (`labelIdentifier`) → the page it is on, its id there and the title a reference to it shows. */
	labels: Readonly<Record<string, readonly LabelTarget[]>>;
	/** Each page's title. */
	titles: Readonly<Record<string, string>>;
	substitutions: Readonly<Record<string, string>>;
	toc?: TocTree;
	/** Sphinx's `intersphinx_mapping` keys: `{ref}` to `key:label` is a page of another project. */
	intersphinx?: readonly string[];
}

export interface LabelTarget {
	path: string;
	id: string;
	title?: string;
	/** A heading's id rather than a label written as one. */
	implicit?: true;
}
