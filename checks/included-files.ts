import type { PageModel } from '../tree/parse-page.ts';
import { pastedAt } from '../tools/syntax/pasted-lines.ts';
import { sourceLineOf } from '../tools/syntax/line-origins.ts';
import type { Finding } from './finding.ts';

/** Most including pages a finding's message names; `related` lists more, up to `maxRelated`. */
const maxNamed = 3;
const maxRelated = 50;

/** A page that pasted the line a finding is on, and the page's line that pulled it in. */
export interface Including {
	page: string;
	line: number;
}

/**
 * Findings on a page's lines pasted from another file (a snippet, an include: `PageModel.pasted`)
 * moved to that file's line and column, and the message names the page and its line
 * (`… (in docs/a.md, included at line 12)`): the included file is judged where it is included,
 * and fixed where it is written. The same finding from several pages that include the same line
 * is one finding, naming the first pages and counting the rest, with each in `related`; one that
 * differs by page (a relative link resolved from each page) stays one per page. Every other
 * finding goes through `onPage` (the page's own lines), as does one `atInclude` says is about the
 * include itself (a file not found), which the page's line names.
 */
export function onIncludedFiles(
	findings: readonly Finding[],
	pages: ReadonlyMap<string, PageModel>,
	onPage: (finding: Finding) => Finding,
	atInclude: (finding: Finding) => boolean = () => false,
): Finding[] {
	const kept: Finding[] = [];
	const groups = new Map<string, { finding: Finding; including: Including[] }>();
	for (const finding of findings) {
		const page = finding.position && pages.get(finding.file);
		const at = page && finding.position && pastedAt(finding.position.line, page.pasted);
		if (!page || !finding.position || !at || atInclude(finding)) {
			kept.push(onPage(finding));
			continue;
		}
		const moved: Finding = {
			...finding,
			file: at.file,
			position: { line: at.line, column: Math.max(1, finding.position.column - at.shift) },
		};
		const including = {
			page: page.path,
			line: sourceLineOf(finding.position.line, page.sourceLines),
		};
		const key = JSON.stringify([
			moved.ruleId,
			moved.severity,
			moved.file,
			moved.position?.line,
			moved.position?.column,
			moved.message,
		]);
		const group = groups.get(key);
		if (group) group.including.push(including);
		else groups.set(key, { finding: moved, including: [including] });
	}
	for (const { finding, including } of groups.values()) kept.push(namingPages(finding, including));
	return kept;
}

/** `finding`, on a pasted line, naming the pages that pasted it: the first with its line, then the others (also in `related`). */
export function namingPages(finding: Finding, including: Including[]): Finding {
	const [first, ...others] = including.sort(
		(a, b) => a.page.localeCompare(b.page) || a.line - b.line,
	);
	if (!first) return finding;
	const where = `in ${first.page}, included at line ${first.line}`;
	if (others.length === 0) return { ...finding, message: `${finding.message} (${where})` };
	const named = others.slice(0, maxNamed).map((other) => `${other.page}:${other.line}`);
	const rest = others.length - named.length;
	const list = rest > 0 ? `${named.join(', ')} and ${rest} more` : joinAnd(named);
	return {
		...finding,
		message: `${finding.message} (${where}; also included by ${list})`,
		related: [
			...(finding.related ?? []),
			...others.slice(0, maxRelated).map((other) => ({
				file: other.page,
				position: { line: other.line, column: 1 },
			})),
		],
	};
}

/** `message` without the pages `onIncludedFiles` names at its end. */
export function withoutIncluding(message: string): string {
	const at = message.lastIndexOf(' (in ');
	return at !== -1 && message.endsWith(')') && message.includes(', included at line ', at)
		? message.slice(0, at)
		: message;
}

function joinAnd(items: readonly string[]): string {
	return items.length < 2
		? (items[0] ?? '')
		: `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}
