import type { RewrittenSource } from '../rewrite.ts';
import { literalLines } from '../syntax/code-lines.ts';

/**
 * The inline syntax of the pymdown extensions `techdocs-core` enables and the site's Markdown has
 * no form of, written as the HTML they give: `pymdownx.mark` (`==text==`), `pymdownx.caret`
 * (`^^insert^^`, `^superscript^`), `pymdownx.tilde` (`~subscript~`; `~~delete~~` is the site's
 * strikethrough already), `pymdownx.critic` (`{++ ++}`, `{-- --}`, `{~~ ~> ~~}`, `{== ==}`,
 * `{>> <<}`) and the common `pymdownx.smartsymbols`. Code spans and code blocks are left alone.
 */
const replacements: Array<[RegExp, string | ((...groups: string[]) => string)]> = [
	[/\{\+\+([\s\S]*?)\+\+\}/g, '<ins>$1</ins>'],
	[/\{--([\s\S]*?)--\}/g, '<del>$1</del>'],
	[/\{~~([\s\S]*?)~>([\s\S]*?)~~\}/g, '<del>$1</del><ins>$2</ins>'],
	[/\{==([\s\S]*?)==\}/g, '<mark>$1</mark>'],
	[/\{>>([\s\S]*?)<<\}/g, '<small>($1)</small>'],
	[/(?<![=\w])==(?=\S)([^=\n]*?\S)==(?![=\w])/g, '<mark>$1</mark>'],
	[/(?<![\^\w])\^\^(?=\S)([^^\n]*?\S)\^\^(?![\^\w])/g, '<ins>$1</ins>'],
	[/(?<![\^[])\^(?=\S)((?:\\ |[^\s^])+?)\^(?!\^)/g, '<sup>$1</sup>'],
	[/(?<!~)~(?=[^\s~/])((?:\\ |[^\s~])+?)~(?!~)/g, '<sub>$1</sub>'],
	[/\(tm\)/gi, '™'],
	[/\(c\)/gi, '©'],
	[/\(r\)/gi, '®'],
	[/\+\/-/g, '±'],
	[/(?<![<-])<-->(?!>)/g, '↔'],
	[/(?<![-<])-->(?!>)/g, '→'],
	[/(?<!<)<--(?![->])/g, '←'],
	[/=\/=/g, '≠'],
];

const quick = /==|\^|~|\{[-+~=>]|\((?:tm|c|r)\)|\+\/-|-->|<--|=\/=/i;

export function rewritePymdownInline(rewritten: RewrittenSource): RewrittenSource {
	if (!quick.test(rewritten.text)) return rewritten;
	const lines = rewritten.text.split('\n');
	const literal = literalLines(lines);
	let changed = false;
	let inComment = false;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i]!;
		// An HTML comment's lines are the comment's: its closing `-->` is no arrow.
		const wasInComment = inComment;
		if (!literal[i]) for (const mark of line.matchAll(/<!--|-->/g)) inComment = mark[0] === '<!--';
		if (wasInComment || inComment || line.includes('<!--')) continue;
		if (
			literal[i] ||
			!quick.test(line) ||
			/^ {4}|^\t/.test(line) ||
			/^\s*(?:!!!|\?\?\?|===|:::)/.test(line)
		)
			continue;
		// Outside code spans and HTML tags and link URLs, which keep every character.
		// Each part stops at the next opener of its kind, so an opener never closed is not scanned from again and again.
		const parts = line.split(/(`+[^`]*`+|<[^<>]*>|\]\((?:[^()\s\]]|\([^()\s\]]*\))*\))/);
		const next = parts
			.map((part, k) =>
				k % 2 === 1
					? part
					: replacements.reduce((text, [pattern, to]) => text.replace(pattern, to as string), part),
			)
			.join('');
		if (next !== line) {
			lines[i] = next;
			changed = true;
		}
	}
	return changed ? { ...rewritten, text: lines.join('\n') } : rewritten;
}
