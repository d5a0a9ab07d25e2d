import type { Heading, Root } from 'mdast';
import { createAnchorSlugger, headingText, legacyGitlabAnchor, splitExplicitId } from '../lib/anchors.ts';
import type { Dialect } from '../lib/dialect.ts';
import { walkMdast } from '../lib/walk-mdast.ts';

/**
 * Heading ids as the tree's forge spells them (`src/lib/anchors.ts`), the same slugs the
 * `internal-links` check accepts. A trailing `{#id}` sets the id and is removed from the text.
 * Astro's own `rehypeHeadingIds` keeps an id that is already set, so both agree. On a GitLab tree
 * a heading whose id GitLab before 17.0 spelt differently (`restore-verify` for `restore--verify`)
 * also answers to the old id, through an empty anchor inside it, so old links still land.
 */
export function remarkHeadingIds(options: { dialect?: Dialect } = {}) {
	const dialect = options.dialect ?? 'github';
	return (tree: Root) => {
		const slugger = createAnchorSlugger(dialect);
		const ids: string[] = [];
		const headings: Array<{ heading: Heading; id: string }> = [];
		walkMdast(tree, (heading) => {
			if (heading.type !== 'heading') return;
			const id = slugger.slug(headingText(heading));
			stripExplicitId(heading);
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

function stripExplicitId(heading: Heading): void {
	const last = heading.children.at(-1);
	if (last?.type !== 'text') return;
	const { text, id } = splitExplicitId((last).value);
	if (id !== undefined) (last).value = text;
}
