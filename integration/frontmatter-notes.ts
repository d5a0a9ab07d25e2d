import { validatePage } from '../checks/rules/support/validate-frontmatter.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';
import type { PageModel } from '../tree/parse-page.ts';
import type { FrontmatterNote } from '../markdown/page-notice.ts';

/** A page's frontmatter problems for its notice; `syntax`: the YAML could not be read at all. */
export interface PageFrontmatterNotes {
	syntax: boolean;
	notes: FrontmatterNote[];
}

/** What the `frontmatter` rule finds on `page`, worded as the finding (message and fix), for the page's notice. */
export function frontmatterNotesOf(page: PageModel): PageFrontmatterNotes | undefined {
	const problems = validatePage(page);
	if (problems.length === 0) return undefined;
	return {
		syntax: (page.frontmatter?.errors.length ?? 0) > 0,
		notes: problems.map((problem) => ({
			line: problem.position.line,
			message: `${problem.message}${problem.hint ? `. ${problem.hint}` : ''}`,
		})),
	};
}

/** Every page of `tree` with frontmatter problems, by path. */
export function frontmatterNotes(tree: GuidebookTree): Record<string, PageFrontmatterNotes> {
	const notes: Record<string, PageFrontmatterNotes> = {};
	for (const page of tree.pages.values()) {
		const found = page.notice ? undefined : frontmatterNotesOf(page);
		if (found) notes[page.path] = found;
	}
	return notes;
}
