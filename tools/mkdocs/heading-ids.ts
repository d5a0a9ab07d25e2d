import { splitAttrList } from './attr-lists.ts';

/** One slugger per page, as Python-Markdown's `toc` spells ids: every run of spaces and hyphens one `-`, duplicates `_1`, `_2`; an attribute list's `#id` sets one. */
export function pythonMarkdownSlugger(): { slug(headingText: string): string } {
	const seen = new Set<string>();
	return {
		slug(headingText) {
			const { text, id } = splitAttrList(headingText);
			let slug =
				id ??
				text
					.normalize('NFKD')
					.replace(/[^ -~\t\n]/g, '')
					.replace(/[^\w\s-]/g, '')
					.trim()
					.toLowerCase()
					.replace(/[-\s]+/g, '-');
			// Python-Markdown's `unique()`: `id`, `id_1`, `id_2`, …
			while (seen.has(slug) || slug === '') {
				const numbered = /^(.*)_([0-9]+)$/.exec(slug);
				slug = numbered ? `${numbered[1]}_${Number(numbered[2]) + 1}` : `${slug}_1`;
			}
			seen.add(slug);
			return slug;
		},
	};
}
