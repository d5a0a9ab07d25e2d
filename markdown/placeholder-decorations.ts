import type { ShikiConfig } from '@astrojs/markdown-remark';
import { findPlaceholders, readsAnglePlaceholders } from './label-template.ts';

type ShikiTransformer = NonNullable<ShikiConfig['transformers']>[number];

/**
 * Marks the label placeholders of a code block (`{{ $labels.NAME }}`, and `<name>` outside markup
 * languages) as Shiki decorations: each becomes one `span.wm-ph` around the tokens it covers, with
 * the label it names (`data-label`), how it is written (`data-kind`) and the template functions to
 * apply (`data-pipes`). The page's alert context fills them (`components/alert-context/`) with
 * values that are inert wherever they stand (`alerts/fill-value.ts`), so where a placeholder stands
 * in the command does not matter; the block's text, and so what its copy button copies, is
 * unchanged until then. Mermaid blocks are diagrams, not commands; ANSI blocks are terminal output.
 */
export const placeholderDecorations: ShikiTransformer = {
	name: 'waymark:placeholders',
	preprocess(code, options) {
		// ANSI blocks are terminal output, shown without their escape codes: offsets in the source
		// are not offsets in what Shiki shows (a decoration there failed the whole page).
		if (options.lang === 'mermaid' || options.lang === 'ansi') return;
		const language = String(options.lang ?? 'plaintext');
		const found = findPlaceholders(code, { angle: readsAnglePlaceholders(language) });
		if (found.length === 0) return;
		options.decorations = [
			...(options.decorations ?? []),
			...found.map((p) => ({
				start: p.start,
				end: p.end,
				alwaysWrap: true,
				properties: {
					class: 'wm-ph',
					dataLabel: p.name,
					dataKind: p.kind,
					...(p.pipes.length > 0 && { dataPipes: p.pipes.join(' ') }),
				},
			})),
		];
	},
};
