/**
 * The Markdown dialects Waymark reads: the forge or site generator a tree was written for. The
 * dialect decides which files are folder pages, how heading ids are spelt and which syntax beyond
 * GitHub's is rendered. Detected from the tree (`tree/dialect/`); config `dialect` forces one.
 */
export const dialects = ['github', 'gitlab', 'hugo', 'mkdocs', 'docusaurus'] as const;
export type Dialect = (typeof dialects)[number];

/** How the dialect is named in messages. */
export const dialectLabels: Record<Dialect, string> = {
	github: 'GitHub',
	gitlab: 'GitLab',
	hugo: 'Hugo',
	mkdocs: 'MkDocs',
	docusaurus: 'Docusaurus',
};

/** Forges render `:name:` emoji shortcodes in Markdown files; the site generators do not by default. */
export function rendersEmoji(dialect: Dialect): boolean {
	return dialect === 'github' || dialect === 'gitlab';
}
