import type { CheckReport } from '../engine.ts';
import type { Rule } from '../rules/define-rule.ts';

/** What every reporter may know besides the report itself. */
export interface ReportContext {
	/** Absolute guidebook root; findings' `file` is relative to it. */
	root: string;
	/** Working directory; GitHub annotations and SARIF need paths relative to the repository. */
	cwd: string;
	/** Colour escapes allowed (a TTY without `NO_COLOR`). */
	color: boolean;
	/** Rules that ran, for formats that describe them (SARIF). */
	rules: Rule[];
	/** Markdown the `markdown` format puts after its summary: the changed pages of a pull request (preview/comment.ts). */
	changedPages?: string;
	/**
	 * For `markdown`: the most bytes of UTF-8 it may take (a forge refuses a longer comment or job
	 * summary whole); a longer report is cut at a line, with a note counting what it leaves out and
	 * saying `fullReport`, where every finding is. Absent: no limit.
	 */
	markdownLimit?: { bytes: number; fullReport: string };
}

/** Turns a report into the text of one format; never prints, never exits. */
export type Reporter = (report: CheckReport, context: ReportContext) => string;
