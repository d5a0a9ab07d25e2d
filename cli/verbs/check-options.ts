import { InvalidArgumentError } from 'commander';
import { reporterNames, type ReporterName } from '../../checks/report/names.ts';

/** GitHub's limit for a comment, 65,536 characters: the Markdown report is a pull-request comment. */
export const commentLimit = 65_536;

/** One report a run writes: to stdout, or to `file`. */
export interface ReportOutput {
	format: ReporterName;
	file?: string;
}

/** `--report FORMAT=FILE`, collected over repeats. */
export function parseReport(text: string, previous: ReportOutput[] = []): ReportOutput[] {
	const [, format = '', file = ''] = /^([^=]*)=(.*)$/s.exec(text) ?? [];
	if (!(reporterNames as readonly string[]).includes(format) || file === '')
		throw new InvalidArgumentError(
			`Expected FORMAT=FILE with FORMAT one of ${reporterNames.join(', ')}, e.g. markdown=summary.md.`,
		);
	return [...previous, { format: format as ReporterName, file }];
}

/** `--markdown-limit`: 0, or enough bytes for the counts and the note (1,024 or more). */
export function parseMarkdownLimit(text: string): number {
	const bytes = /^\d+$/.test(text) ? Number(text) : Number.NaN;
	if (bytes === 0 || bytes >= 1024) return bytes;
	throw new InvalidArgumentError(
		'Expected 0 (no limit) or a whole number of bytes from 1024, e.g. 65536.',
	);
}
