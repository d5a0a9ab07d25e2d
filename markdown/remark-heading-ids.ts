import type { Heading, Root } from 'mdast';
import type { VFile } from 'vfile';
import { legacyGitlabAnchor, splitAttrList, splitExplicitId } from '../src/lib/anchors.ts';
import type { Dialect } from '../tools/dialect.ts';
import { splitGoldmarkAttributes } from '../tools/hugo/goldmark-heading-text.ts';
import { createHeadingSlugger, defaultHeadingIds, type HeadingIdStyle } from '../src/lib/heading-ids.ts';
import { walkMdast } from '../src/lib/walk-mdast.ts';
import { pagePathOf } from './page-path.ts';

/**
 * Heading ids as the tree's tool spells them (`src/lib/heading-ids.ts`: the dialect's, or Hugo's
 * renderer as its config sets it), the same ids the `internal-links` check accepts. A trailing
 * `{#id}` (on Hugo, a Goldmark attribute list) sets the id and is removed from the text.
 * Astro's own `rehypeHeadingIds` keeps an id that is already set, so both agree. On a GitLab tree
 * a heading whose id GitLab before 17.0 spelt differently (`restore-verify` for `restore--verify`)
 * also answers to the old id, through an empty anchor inside it, so old links still land.
 */
export function remarkHeadingIds(options: { dialect?: Dialect; headingIds?: HeadingIdStyle; root?: string } = {}) {
	const dialect = options.dialect ?? 'github';
	const style = options.headingIds ?? defaultHeadingIds(dialect);
	return (tree: Root, file: VFile) => {
		const slugger = createHeadingSlugger(style, { source: String(file.value), path: options.root === undefined ? '' : (pagePathOf(file, options.root) ?? '') });
		const ids: string[] = [];
		const headings: Array<{ heading: Heading; id: string }> = [];
		walkMdast(tree, (heading) => {
			if (heading.type !== 'heading') return;
			const { id } = slugger.next(heading);
			stripIdSyntax(heading, style);
			if (id === '') return;
			heading.data ??= {};
			heading.data.hProperties = { ...heading.data.hProperties, id };
			ids.push(id);
			headings.push({ heading, id });
		});
		if (dialect !== 'gitlab') return;
		const taken = new Set(ids);
		for (const { heading, id } of headings) {
			const legacy = legacyGitlabAnchor(id);
			if (!legacy || taken.has(legacy)) continue;
			taken.add(legacy);
			heading.children.unshift({ type: 'text', value: '', data: { hName: 'a', hProperties: { id: legacy, className: ['legacy-anchor'], ariaHidden: 'true' } } });
		}
	};
}

/** Removes the `{#id}` (Goldmark: the attribute list) the id came from, so the heading shows its text only. */
function stripIdSyntax(heading: Heading, style: HeadingIdStyle): void {
	const last = heading.children.at(-1);
	if (last?.type !== 'text') return;
	const split = style.kind === 'goldmark' && style.attributes ? splitGoldmarkAttributes(last.value) : style.kind === 'python-markdown' ? splitAttrList(last.value) : splitExplicitId(last.value);
	if (split.text !== last.value) last.value = split.text;
}
