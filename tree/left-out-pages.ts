/**
 * Markdown files of the tree its tool builds no page for, and why: the site leaves them out as the
 * tool does (not parsed, not checked, not built), and a link to one is told why it is broken,
 * rather than called a missing file (`checks/rules/support/tree-index.ts`).
 */
export interface LeftOut {
	/** As it reads after "Unexpected link to `x`, ". */
	why: string;
	/** What to do about a link to it. */
	fix: string;
}

export const leftOutBy = {
	mkdocs: { why: 'a page MkDocs leaves out (`exclude_docs`, `draft_docs`, its defaults such as `templates/` and dot-files, or the `exclude` plugin)', fix: 'link to a page MkDocs builds, or stop leaving this one out' },
	docusaurusPartial: { why: 'a partial (its name starts with `_`), which Docusaurus imports into pages and never publishes as one', fix: 'link to a page that imports it' },
	hugoMountFilter: { why: "a file the content mount's `files` filter leaves out of Hugo's content", fix: "link to a page of the content, or widen the mount's filter" },
	hugoDraft: { why: 'a draft (`draft: true`), which Hugo leaves out of the site (`buildDrafts` is off)', fix: 'link to it once it is published, by removing `draft: true`' },
	docusaurusDraft: { why: 'a draft (`draft: true`), which Docusaurus leaves out of the site it builds', fix: 'link to it once it is published, by removing `draft: true`' },
	mdbookUnlisted: { why: 'a Markdown file `SUMMARY.md` lists as no chapter, which mdBook builds no page for', fix: 'add it to `SUMMARY.md`, or link to a chapter' },
} satisfies Record<string, LeftOut>;
