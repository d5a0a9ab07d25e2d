import type { SourceNote } from '../syntax/source-note.ts';
import { escapeLabel } from '../mkdocs/admonitions.ts';

/** Docusaurus' admonition types, and the aliases older versions and themes accept. */
const admonitionTypes = new Set([
	'note',
	'tip',
	'info',
	'warning',
	'danger',
	'caution',
	'important',
	'success',
	'secondary',
]);

const opener = /^([ \t]*)(:{3,})([A-Za-z][\w-]*)(.*)$/;
const closer = /^[ \t]*(:{3,})[ \t]*$/;

/**
 * Docusaurus admonitions: `:::tip[Title]` is already a container directive; the older
 * `:::warning Title` form becomes `:::warning[Title]`. A block never closed takes the rest of the
 * page, on Docusaurus as here, and is reported where it opens.
 */
export function rewriteDocusaurusAdmonitions(
	lines: string[],
	literal: readonly boolean[],
	notes: SourceNote[],
): void {
	const open: Array<{ type: string; line: number; colons: number }> = [];
	for (let i = 0; i < lines.length; i++) {
		if (literal[i]) continue;
		const line = lines[i] ?? '';
		const close = closer.exec(line);
		if (close?.[1]) {
			// As micromark's directives read it: a fence closes the outermost open block it is long
			// enough for, and what that block holds ends with it (`:::note` … `:::tip` … `:::` closes both).
			const at = open.findIndex((block) => block.colons <= (close[1] ?? '').length);
			if (at !== -1) open.splice(at);
			continue;
		}
		const match = opener.exec(line);
		if (!match) continue;
		const [, indent = '', colons = ':::', type = '', rest = ''] = match;
		open.push({ type, line: i + 1, colons: colons.length });
		const title = rest.trim();
		if (
			title !== '' &&
			!title.startsWith('[') &&
			!title.startsWith('{') &&
			admonitionTypes.has(type.toLowerCase())
		) {
			lines[i] = `${indent}${colons}${type}[${escapeLabel(title)}]`;
		}
	}
	const last = lines.length - (lines.at(-1)?.trim() === '' ? 1 : 0);
	for (const block of open) {
		notes.push({
			line: block.line,
			column: 1,
			severity: 'error',
			message: `Unexpected \`:::${block.type}\` never closed, expected a \`:::\` line after its content: the rest of the page (lines ${block.line + 1}-${last}) is inside it`,
		});
	}
}
