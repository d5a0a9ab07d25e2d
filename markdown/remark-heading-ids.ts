import type { Heading, Root } from 'mdast';
import type { VFile } from 'vfile';
import { walkMdast } from './walk-mdast.ts';
import { pagePathOf } from './page-path.ts';
import { plainMarkdown, type SiteTool } from './site-tool.ts';

/**
 * Heading ids as the tree's tool spells them (its `headingSlugger`: github-slugger's, Python-Markdown's,
 * Hugo's renderer as its config sets it), the same ids the `internal-links` check accepts. A
 * trailing `{#id}` (or the tool's own syntax for one, such as an attribute list) sets the id and is
 * removed from the text. Astro's own `rehypeHeadingIds` keeps an id that is already set, so both
 * agree. Where the tool's site gave a heading another id before (GitLab before 17.0: `restore-verify`
 * for `restore--verify`), the heading also answers to it, through an empty anchor inside it, so old
 * links still land.
 */
export function remarkHeadingIds(options: { tool?: SiteTool; root?: string } = {}) {
	const tool = options.tool ?? plainMarkdown;
	return (tree: Root, file: VFile) => {
		const slugger = tool.headingSlugger({
			source: String(file.value),
			path: options.root === undefined ? '' : (pagePathOf(file, options.root) ?? ''),
		});
		const ids: string[] = [];
		const headings: Array<{ heading: Heading; id: string }> = [];
		walkMdast(tree, (heading) => {
			if (heading.type !== 'heading') return;
			const { id } = slugger.next(heading);
			stripIdSyntax(heading, tool);
			if (id === '') return;
			heading.data ??= {};
			heading.data.hProperties = { ...heading.data.hProperties, id };
			ids.push(id);
			headings.push({ heading, id });
		});
		const formerId = tool.formerId;
		if (!formerId) return;
		const taken = new Set(ids);
		for (const { heading, id } of headings) {
			const former = formerId(id);
			if (!former || taken.has(former)) continue;
			taken.add(former);
			heading.children.unshift({
				type: 'text',
				value: '',
				data: {
					hName: 'a',
					hProperties: { id: former, className: ['legacy-anchor'], ariaHidden: 'true' },
				},
			});
		}
	};
}

/** Removes the syntax the id came from (`{#id}`, the tool's attribute list), so the heading shows its text only. */
function stripIdSyntax(heading: Heading, tool: SiteTool): void {
	const last = heading.children.at(-1);
	if (last?.type !== 'text') return;
	const text = tool.headingText(last.value);
	if (text !== last.value) last.value = text;
}
