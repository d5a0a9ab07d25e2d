/**
 * MyST's roles and substitutions inside a line of text, as the site shows them: `{ref}`,
 * `{numref}`, `{eq}` and `{any}` as links to the label (`[text](#label)`, which the tool's link
 * rules take to the page that holds it), `{doc}` and `{download}` as links to the file, `{kbd}`,
 * `{sub}`, `{sup}`, `{abbr}` as their HTML, literal roles as code, `{term}` as its text;
 * `{{ name }}` as the project's substitution. `{eval}` and roles that need an engine or a domain
 * Waymark does not have show a notice or their text as code, and say so. Code spans are left as
 * written.
 */
import type { RewritePage } from '../../markdown/site-tool.ts';
import { escapeLabel } from '../mkdocs/admonitions.ts';
import { inUrlContext } from '../syntax/url-context.ts';
import { labelIdentifier } from './ids.ts';
import { normalisePath, relativeTo } from './paths.ts';
import type { MystContext } from './context.ts';
import { own } from '../../core/own.ts';
import { notice } from '../syntax/notice.ts';

interface InlineNote {
	column: number;
	message: string;
}

const literalRoles = new Set([
	'code',
	'literal',
	'samp',
	'file',
	'command',
	'program',
	'envvar',
	'option',
	'makevar',
	'mailheader',
	'regexp',
	'math',
	'dfn',
	'mimetype',
	'newsgroup',
]);
const htmlRoles: Record<string, string> = {
	kbd: 'kbd',
	sub: 'sub',
	subscript: 'sub',
	sup: 'sup',
	superscript: 'sup',
	del: 'del',
	u: 'u',
	underline: 'u',
	small: 'small',
};
const textRoles = new Set([
	'term',
	'index',
	'guilabel',
	'menuselection',
	'emphasis',
	'strong',
	'title-reference',
	't',
	'smallcaps',
	'sc',
	'span',
	'pep',
	'rfc',
]);
const refRoles = new Set([
	'ref',
	'numref',
	'eq',
	'any',
	'std:ref',
	'myst:ref',
	'external+ref',
	'prf:ref',
	'numref:ref',
]);
/** Roles that ask an execution engine or a plugin for their content. */
const engineRoles = new Set([
	'eval',
	'sub-ref',
	'glue',
	'glue:',
	'glue:text',
	'glue:md',
	'glue:any',
	'glue:figure',
	'glue:math',
	'button',
	'cite',
	'cite:p',
	'cite:t',
	'cite:ps',
	'cite:ts',
	'footcite',
	'icon',
	'fa',
	'octicon',
	'bdg',
	'badge',
	'bdg-primary',
	'bdg-secondary',
	'bdg-success',
	'bdg-info',
	'bdg-warning',
	'bdg-danger',
	'bdg-link-primary',
]);

const roleStart = /^\{([A-Za-z][\w:+.-]*)\}(`+)/;
const code = (text: string): string => {
	const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
	const fence = '`'.repeat(longest + 1);
	return longest > 0 ? `${fence} ${text} ${fence}` : `\`${text}\``;
};
const html = (text: string): string =>
	text.replace(
		/[&<>"]/g,
		(char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char]!,
	);

/** `text <target>` or `target`: what a role shows and what it names. */
function titledTarget(content: string): { text?: string; target: string } {
	const titled = /^([\s\S]*?)\s*<([^<>]+)>$/.exec(content);
	return titled && titled[1]!.trim() !== ''
		? { text: titled[1]!.trim(), target: titled[2]!.trim() }
		: { target: (titled?.[2] ?? content).trim() };
}

export function rewriteRoles(
	line: string,
	page: RewritePage,
	context: MystContext,
): { text: string; notes: InlineNote[] } {
	if (!line.includes('{') || (!line.includes('`') && !line.includes('{{')))
		return { text: line, notes: [] };
	const notes: InlineNote[] = [];
	let result = '';
	let i = 0;
	while (i < line.length) {
		const char = line[i];
		if (char === '{') {
			const role = roleStart.exec(line.slice(i));
			if (role) {
				const ticks = role[2]!;
				const from = i + role[0].length;
				const close = findRun(line, from, ticks.length);
				if (close !== -1) {
					const content = line.slice(from, close).replace(/^ (.*) $/, '$1');
					result += renderRole(role[1]!, content, i, page, context, notes);
					i = close + ticks.length;
					continue;
				}
			}
			const substitution = /^\{\{[ \t]*([A-Za-z_][\w.-]*)[ \t]*\}\}/.exec(line.slice(i));
			if (substitution) {
				const value = own(context.substitutions, substitution[1]!);
				if (value !== undefined) result += value;
				else {
					// Inside a URL no notice can stand: the URL reads without it, from the site's top.
					const inUrl = inUrlContext(line, i);
					notes.push({
						column: i,
						message: `Unexpected MyST substitution \`${substitution[0]}\`, expected Markdown or a name the project's substitutions define as text (\`myst_substitutions\`, \`project.substitutions\`): Waymark shows ${inUrl ? 'the URL without it' : 'a notice in its place'}`,
					});
					if (!inUrl) result += notice(`Substitution “${substitution[1]}”`);
				}
				i += substitution[0].length;
				continue;
			}
		}
		if (char === '`') {
			// A code span is left as written; a run never closed is text.
			let run = 1;
			while (line[i + run] === '`') run++;
			const close = findRun(line, i + run, run);
			const end = close === -1 ? i + run : close + run;
			result += line.slice(i, end);
			i = end;
			continue;
		}
		result += char;
		i++;
	}
	return { text: result, notes };
}

/** Where the next run of exactly `length` backticks starts at or after `from`, or -1. */
function findRun(line: string, from: number, length: number): number {
	for (let i = from; i < line.length; i++) {
		if (line[i] !== '`') continue;
		let run = 1;
		while (line[i + run] === '`') run++;
		if (run === length) return i;
		i += run - 1;
	}
	return -1;
}

function renderRole(
	written: string,
	content: string,
	column: number,
	page: RewritePage,
	context: MystContext,
	notes: InlineNote[],
): string {
	const name = written.toLowerCase();
	const warn = (message: string) => notes.push({ column, message });
	if (refRoles.has(name)) {
		const { text, target } = titledTarget(content);
		const known = own(context.labels, labelIdentifier(target))?.[0];
		const project = known ? undefined : /^([\w.-]+):(.+)$/.exec(target);
		if (project && context.intersphinx?.includes(project[1]!)) {
			warn(
				`Unexpected reference \`{${written}}\` to \`${target}\`, a label of the project \`${project[1]}\` (\`intersphinx_mapping\`), expected Markdown or a label of this tree: Waymark cannot look up another project's labels and shows its text`,
			);
			return `*${escapeLabel(text ?? project[2]!)}*`;
		}
		const shown = text?.replace(/%s|\{number\}/g, '').trim() || known?.title || target;
		return `[${escapeLabel(shown)}](<#${target}>)`;
	}
	if (name === 'doc' || name === 'std:doc') {
		const { text, target } = titledTarget(content);
		const folder = page.path.slice(0, page.path.lastIndexOf('/') + 1);
		const base = normalisePath(target.startsWith('/') ? target.slice(1) : folder + target).replace(
			/\.(?:rst|md|ipynb|txt)$/,
			'',
		);
		const path =
			[`${base}.md`, base].find((candidate) => page.pages.has(candidate)) ?? `${base}.md`;
		return `[${escapeLabel(text ?? own(context.titles, path) ?? target)}](<${target.startsWith('/') ? `/${path}` : relativeTo(page.path, path)}>)`;
	}
	if (name === 'download') {
		const { text, target } = titledTarget(content);
		return `[${escapeLabel(text ?? target)}](<${target}>)`;
	}
	const tag = own(htmlRoles, name);
	if (tag) return `<${tag}>${html(content)}</${tag}>`;
	if (name === 'abbr') {
		const abbr = /^(.*?)\s*\((.*)\)$/.exec(content);
		return abbr ? `<abbr title="${html(abbr[2]!)}">${html(abbr[1]!)}</abbr>` : html(content);
	}
	if (literalRoles.has(name)) return code(content);
	if (textRoles.has(name))
		return escapeLabel(titledTarget(content).text ?? titledTarget(content).target);
	if (name === 'eval' || engineRoles.has(name)) {
		warn(
			`Unexpected MyST role \`{${written}}\`, expected Markdown or a role Waymark renders: it needs ${name === 'eval' || name.startsWith('glue') ? 'an execution engine (a kernel)' : 'a plugin'} Waymark does not run; Waymark shows a notice in its place`,
		);
		return notice(`Role “${written}” \`${content}\``.replace(/`/g, ''));
	}
	// A role of a Sphinx domain or extension (`{py:class}`, `{external:py:func}`): its text as code, as a reader still needs it.
	warn(
		`Unexpected MyST role \`{${written}}\`, expected Markdown or a role Waymark renders (\`{ref}\`, \`{doc}\`, \`{numref}\`, \`{term}\`, \`{kbd}\`, …): Waymark shows its text as code`,
	);
	return code(titledTarget(content).text ?? titledTarget(content).target);
}
