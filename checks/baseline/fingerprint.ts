import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isReallyInside } from '../../core/really-inside.ts';
import type { GuidebookTree } from '../../tree/load-tree.ts';
import type { Finding } from '../finding.ts';
import { withoutIncluding } from '../included-files.ts';

/** Files other than pages read for their lines (an alert rule file, the config): past this, no line is read. */
const maxFileBytes = 4 * 1024 * 1024;

/**
 * What the line a finding is on says, as 16 hex digits of its SHA-256 with spaces collapsed: the
 * same wherever the line moves, so a finding that moved with its line is still the same finding
 * (ESLint's bulk suppressions match by count only; GitHub's code scanning by a line hash too).
 */
function lineFingerprint(line: string): string {
	return createHash('sha256').update(line.trim().replace(/\s+/g, ' ')).digest('hex').slice(0, 16);
}

/**
 * What a finding's message says is wrong, as the baseline compares it: its "Unexpected …" part
 * (what follows, `expected …` and `; did you mean …` or why, depends on the rest of the tree: a
 * heading added elsewhere changes the list of those expected), without the places it names (`line 12`,
 * `lines 3–9`, `ops.md:12:3`), which move when lines above them do.
 */
export function messageKey(message: string): string {
	// A finding in an included file names the pages that include it (`included-files.ts`), which come and go.
	const problem = withoutIncluding(message).split(/,? expected |; /)[0] ?? message;
	return problem.replace(/\b(lines?) \d+(?:[–-]\d+)?/g, '$1 #').replace(/:\d+(?::\d+)?\b/g, ':#');
}

/**
 * The findings with their `fingerprint`: a page's line from its parsed text (the dialect's rewrite
 * is the same on every run), another file's from disk when it is inside `project` (symbolic links
 * followed; an untrusted tree's link out of it is never read). A finding with no line, or on a
 * file that cannot be read, is fingerprinted as an empty line.
 */
export async function withFingerprints(
	findings: Finding[],
	tree: GuidebookTree,
	project: string,
): Promise<Finding[]> {
	const lines = new Map<string, Promise<string[]>>();
	const linesOf = (file: string): Promise<string[]> => {
		let read = lines.get(file);
		if (!read) {
			read = pageLines(tree, file) ?? fileLines(resolve(tree.root, file), project);
			lines.set(file, read);
		}
		return read;
	};
	return Promise.all(
		findings.map(async (finding) => {
			const line = finding.position
				? ((await linesOf(finding.file))[finding.position.line - 1] ?? '')
				: '';
			return { ...finding, fingerprint: lineFingerprint(line) };
		}),
	);
}

/** A page's lines by the file's line numbers (where the dialect pulled lines in, the file's own). */
function pageLines(tree: GuidebookTree, file: string): Promise<string[]> | undefined {
	const page = tree.pages.get(file);
	if (!page) return undefined;
	const text = page.text.split(/\r?\n/);
	if (!page.sourceLines) return Promise.resolve(text);
	const byFileLine: string[] = [];
	page.sourceLines.forEach((fileLine, i) => (byFileLine[fileLine - 1] ??= text[i] ?? ''));
	return Promise.resolve(byFileLine);
}

async function fileLines(file: string, project: string): Promise<string[]> {
	const info = await stat(file).catch(() => undefined);
	if (!info?.isFile() || info.size > maxFileBytes || !(await isReallyInside(file, project)))
		return [];
	return (await readFile(file, 'utf8').catch(() => '')).split(/\r?\n/);
}
