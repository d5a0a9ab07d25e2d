/**
 * A file a page pulls in (an MkDocs snippet or template, a file an mdBook link includes): its text
 * and where it was read, or why it cannot be shown; and `tried`, the other places looked in first
 * (or all of them, when none held it). Paths are from the root: a change to any of them may change
 * the page.
 */
export type PulledFile = ({ text: string; file?: string } | { problem: string }) & {
	tried?: string[];
};

/** Most characters files may add to one page, and to a whole tree: past these, a file is not pulled in but shown as a notice. */
const pageLimit = 4 * 1024 * 1024;
const treeLimit = 32 * 1024 * 1024;

/**
 * How many characters files may add to each page of a tree where `pages` pages may pull files in:
 * 4 MB, less when many do, so the tree's pages together stay under 32 MB. A page's budget is the
 * same wherever the page is read (the checks, the site), and one file pulled into every page
 * cannot multiply the tree (a 1 MB file included four times by each of 600 pages held 11 GB).
 */
export function pulledBudget(pages: number): number {
	// A power of two: a page more or less that pulls files in seldom changes every page's budget.
	return Math.min(pageLimit, 2 ** Math.floor(Math.log2(treeLimit / Math.max(1, pages))));
}

/** Where a page's budget comes from, for a message: the tree's share, as `pulledBudget` works it out. */
export const sharedBudget = `${treeLimit / 1024 / 1024} MB shared by the pages of the tree that pull files in`;

/** A budget as a reader reads it: `4 MB`, `53 KB`. */
export function budgetText(chars: number): string {
	if (chars < 1024) return `${chars} characters`;
	return chars >= 1024 * 1024 && chars % (1024 * 1024) === 0
		? `${chars / 1024 / 1024} MB`
		: `${Math.floor(chars / 1024)} KB`;
}

/**
 * What a page's author should pull in instead of a file that cannot be shown: for a missing file
 * or one out of the root, a file at `place`; else what the file must be.
 */
function expectedFile(problem: string, place: string): string {
	if (
		problem.startsWith('outside the repository') ||
		problem.startsWith('not found inside the repository')
	)
		return 'a file inside the repository';
	if (problem.startsWith('a file that holds')) return 'a file that holds no secret';
	if (problem.startsWith('inside `.git`')) return 'a file outside `.git`';
	if (problem.startsWith('a file the branch does not hold')) return 'a file the branch commits';
	if (problem === 'not readable as UTF-8 text') return 'a UTF-8 text file';
	if (/ KB, more than the /.test(problem)) return 'a smaller file';
	return place;
}

/**
 * How a file that cannot be pulled in is reported: one that holds a secret is an error, since the
 * tree's own tool (`tool`) would publish it where Waymark does not, and the gate should stop it;
 * anything else is a warning. `then` is what Waymark shows instead.
 */
export function pulledProblem(
	problem: string,
	place: string,
	tool: string,
	then = '',
): { severity: 'error' | 'warning'; advice: string } {
	const after = then === '' ? '' : `. ${then}`;
	if (problem.startsWith('a file that holds'))
		return {
			severity: 'error',
			advice: `expected a file that holds no secret: ${tool} would publish it, so remove the reference or pull in a copy without the secret${after}`,
		};
	return { severity: 'warning', advice: `expected ${expectedFile(problem, place)}${after}` };
}

/** Why a place out of the boundary (the root, or in a trusted build the repository) is not read, whether or not anything is there. */
export function outsideBoundary(written: string, boundary: 'root' | 'repository'): PulledFile {
	return { problem: `outside the ${boundary} (\`${written}\`), which Waymark never reads` };
}

/** A reader that notes in `pulled` each file it hands the page, and each place it looked in first. */
export function notingPulls(pulled: Set<string>): (read: PulledFile) => PulledFile {
	return (read) => {
		if ('file' in read && read.file !== undefined) pulled.add(read.file);
		for (const file of read.tried ?? []) pulled.add(file);
		return read;
	};
}
