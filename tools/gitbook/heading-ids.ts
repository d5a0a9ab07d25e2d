import { sluggingHeadings, type HeadingSlugger } from '../../markdown/site-tool.ts';

/**
 * Heading ids as GitBook gives them: github-slugger's (lower case, punctuation left out, spaces
 * as `-`, repeats numbered `-1`, `-2`) but for dots, which GitBook keeps (`## Release 2.19.4` is
 * `#release-2.19.4`).
 */
export function gitbookSlug(text: string): string {
	return text
		.toLowerCase()
		.trim()
		.replace(/[^\p{L}\p{M}\p{N}\p{Pc}\s.-]/gu, '')
		.replace(/\s/g, '-');
}

export function gitbookHeadingSlugger(): HeadingSlugger {
	const seen = new Map<string, number>();
	return sluggingHeadings(
		{
			slug(text) {
				const base = gitbookSlug(text);
				let id = base;
				let n = seen.get(base) ?? 0;
				while (seen.has(id)) id = `${base}-${++n}`;
				seen.set(base, n);
				seen.set(id, 0);
				return id;
			},
		},
		(raw) => raw,
	);
}
