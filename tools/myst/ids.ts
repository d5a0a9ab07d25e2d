import { sluggingHeadings, type HeadingSlugger } from '../../markdown/site-tool.ts';
import { splitExplicitId } from '../../markdown/anchors.ts';

/**
 * A label as mystmd reads it (`myst-common`'s `normalizeLabel`): whitespace runs as one space,
 * quotes left out, lower case. Two labels that normalise alike are one target.
 */
export function labelIdentifier(label: string): string {
	return label
		.replace(/[\t\n\r ]+/g, ' ')
		.replace(/['‘’"“”]+/g, '')
		.trim()
		.toLowerCase();
}

/**
 * The HTML id mystmd writes for a label or a heading's text (`createHtmlId`): lower case, anything
 * but `a-z`, `0-9` and `-` as `-`, `id-` before a leading digit or `-`, runs of `-` as one, none at
 * either end. `(backup:restore)=` is `#backup-restore`; `## 1. Install` is `#id-1-install`.
 */
export function mystHtmlId(text: string): string {
	return labelIdentifier(text)
		.replace(/[^a-z0-9-]/g, '-')
		.replace(/^([0-9-])/, 'id-$1')
		.replace(/-[-]+/g, '-')
		.replace(/(?:^-+)|(?:-+$)/g, '');
}

/**
 * The id docutils gives a section or a label under Sphinx (`docutils.nodes.make_id`): lower case,
 * every run of characters but `a-z` and `0-9` as `-`, leading digits and `-` and trailing `-`
 * left out. Accented letters lose their accents first (NFKD, as docutils' translation table).
 */
export function docutilsId(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.split(/\s+/)
		.join(' ')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^[-0-9]+|-+$/g, '');
}

/** Which program builds the tree: mystmd (`myst.yml`), or Sphinx with MyST-Parser (`conf.py`, Jupyter Book 1's `_config.yml`). */
export type MystEngine = 'mystmd' | 'sphinx';

/** The id a label gets on the engine's site. */
export const labelId = (engine: MystEngine, label: string): string =>
	engine === 'mystmd' ? mystHtmlId(label) : docutilsId(label);

/**
 * Heading ids as the engine writes them: mystmd the heading text's html id (a target before the
 * heading gives its own, which the rewrite writes as `{#id}`), Sphinx docutils' section id; a
 * repeated id is written again on mystmd (its implicit targets are never made unique) and
 * numbered `id1`-style by docutils, which no link names: it is kept as it is.
 */
export function mystHeadingSlugger(engine: MystEngine): () => HeadingSlugger {
	const id = engine === 'mystmd' ? mystHtmlId : docutilsId;
	return () =>
		sluggingHeadings(
			{ slug: (raw) => splitExplicitId(raw).id ?? id(splitExplicitId(raw).text) },
			(raw) => splitExplicitId(raw).text,
		);
}
