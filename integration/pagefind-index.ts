/**
 * Left out of the index, so excerpts never show them: a diagram's mermaid source (the drawn
 * diagram's labels stay searchable), whether shown beside the drawing, drawn in the browser or
 * printed because it failed.
 */
const excludeSelectors = ['.wm-diagram__source', '.wm-diagram pre'];

/**
 * Indexes the built site with Pagefind's Node API and writes the bundle to `<outDir>/pagefind/`.
 * Only `[data-pagefind-body]` (the page's article) is indexed, so navigation never matches; its
 * headings' ids give the sections search results link to.
 * Returns the number of pages indexed.
 */
export async function writeSearchIndex(outDir: string): Promise<number> {
	const pagefind = await import('pagefind');
	const { index, errors } = await pagefind.createIndex({ includeCharacters: '_', excludeSelectors });
	if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
	try {
		const added = await index.addDirectory({ path: outDir });
		if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
		const written = await index.writeFiles({ outputPath: `${outDir}/pagefind` });
		if (written.errors.length > 0) throw new Error(`Pagefind could not write its files: ${written.errors.join('; ')}`);
		return added.page_count;
	} finally {
		await pagefind.close();
	}
}
