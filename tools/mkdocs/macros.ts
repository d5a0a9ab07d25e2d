import { own } from '../../core/own.ts';
import { createLocator } from '../../core/text-position.ts';
import { literalLines, maskInlineCode } from '../syntax/code-lines.ts';
import { evaluateJinja, pythonStr } from './jinja-expression.ts';
import { scanJinja, type JinjaToken } from './jinja-scan.ts';
import { LineEmitter, type OriginLines } from '../syntax/line-origins.ts';
import type { PastedLine } from '../syntax/pasted-lines.ts';
import type { MacrosSettings, MkdocsInputs } from './settings.ts';
import { budgetText, pulledBudget, pulledProblem, sharedBudget } from '../syntax/pulled-file.ts';
import type { SourceNote } from '../syntax/source-note.ts';
import { inUrlContext } from '../syntax/url-context.ts';

/** The page the macros render, as mkdocs-macros sees it: its path and its front matter. */
export interface MacrosPage {
	path: string;
	meta: Record<string, unknown>;
}

/** Variables the plugin computes while MkDocs builds (system, git, navigation): never known here. */
const buildTimeNames = new Set([
	'environment',
	'plugin',
	'git',
	'navigation',
	'files',
	'macros',
	'filters',
	'filters_builtin',
]);

/** Template tags that output nothing; their bodies (macro definitions, `{% set x %}…`) are left out. */
const silentBlocks: Record<string, string> = { macro: 'endmacro', set: 'endset' };

/** Deepest chain of includes before one is shown as a notice (Jinja itself would recurse until it fails). */
const maxIncludeDepth = 8;

/**
 * The page's Markdown as mkdocs-macros renders it, as far as that needs no code: variables from
 * `mkdocs.yml` (`extra:`, `config`, `include_yaml`) and the page's front matter, `{% include %}`
 * of templates, `{% set x = 'literal' %}`, `{% raw %}` and comments. Everything else (macro calls,
 * `if` and `for`, filters Waymark does not know) becomes a short notice and a finding; in code,
 * where a notice cannot stand, the tag stays as written and is reported. Nothing the tree holds is
 * ever run. `body` is the page without its front matter (MkDocs strips it before the plugin runs).
 */
export function renderMacros(
	body: OriginLines,
	settings: MacrosSettings,
	inputs: Pick<MkdocsInputs, 'include' | 'pageBudget'>,
	page: MacrosPage,
	notes: SourceNote[],
): OriginLines {
	const scope: Record<string, unknown> = {
		...settings.variables,
		page: {
			meta: page.meta,
			file: { src_path: page.path, src_uri: page.path },
			...(typeof page.meta['title'] === 'string' && { title: page.meta['title'] }),
		},
		...page.meta,
	};
	const emitter = new LineEmitter(body.origins[0] ?? 1);
	const template: Template = {
		text: body.lines.join('\n'),
		originOf: (line: number) => body.origins[line] ?? body.origins.at(-1) ?? 1,
		...(body.pasted && { placeOf: (line: number) => body.pasted?.[line] }),
		fixed: false,
	};
	renderTemplate(template, {
		settings,
		inputs,
		scope,
		emitter,
		notes,
		depth: 0,
		budget: {
			chars: inputs.pageBudget ?? pulledBudget(1),
			total: inputs.pageBudget ?? pulledBudget(1),
		},
	});
	return {
		lines: emitter.text.split('\n'),
		origins: emitter.origins,
		...(emitter.pasted && { pasted: [...emitter.pasted] }),
	};
}

interface Template {
	text: string;
	/** The page line a line of `text` (0-based) comes from. */
	originOf: (line: number) => number;
	/** An included template: all of it stands at the include's line and column. */
	fixed: false | { line: number; column: number };
	/** Where a line of `text` (0-based) was pasted from: an included template's own lines, or the page's pasted ones. */
	placeOf?: (line: number) => PastedLine | undefined;
}

interface RenderState {
	settings: MacrosSettings;
	inputs: Pick<MkdocsInputs, 'include'>;
	scope: Record<string, unknown>;
	emitter: LineEmitter;
	notes: SourceNote[];
	depth: number;
	/** Characters includes may still add to the page. */
	budget: { chars: number; total: number };
}

function renderTemplate(template: Template, state: RenderState): void {
	const { text } = template;
	const locate = createLocator(text);
	const lineOf = (offset: number) => locate(offset).line - 1;
	const lines = text.split('\n');
	const fenced = literalLines(lines, { frontmatter: false });
	const masked = new Map<number, string>();
	const inCode = (offset: number) => {
		const line = lineOf(offset);
		if (fenced[line]) return true;
		let mask = masked.get(line);
		if (mask === undefined) masked.set(line, (mask = maskInlineCode(lines[line] ?? '')));
		const column = locate(offset).column - 1;
		return mask[column] !== (lines[line] ?? '')[column];
	};
	const where = (offset: number) => {
		if (template.fixed) return template.fixed;
		const at = locate(offset);
		return { line: template.originOf(at.line - 1), column: at.column };
	};
	const copy = (start: number, end: number) => {
		const first = lineOf(start);
		const placeOf = template.placeOf;
		state.emitter.emit(
			text.slice(start, end),
			(n) => (template.fixed ? template.fixed.line : template.originOf(first + n)),
			placeOf && ((n) => placeOf(first + n)),
		);
	};
	/** The lines a tag spanned beyond the `written` line breaks of what replaced it, kept as blank lines. */
	const pad = (token: JinjaToken, written: number) => {
		const first = lineOf(token.start);
		let n = written;
		const spanned = countNewlines(text.slice(token.start, token.end));
		if (spanned > written)
			state.emitter.emit('\n'.repeat(spanned - written), () =>
				template.fixed ? template.fixed.line : template.originOf(first + ++n),
			);
	};
	/** Output standing where a tag was: the lines the tag spanned are kept. */
	const replace = (token: JinjaToken, output: string) => {
		state.emitter.insert(output, where(token.start).line);
		pad(token, countNewlines(output));
	};
	const note = (token: JinjaToken, message: string, severity: SourceNote['severity'] = 'warning') =>
		state.notes.push({
			...where(token.start),
			message,
			severity,
			// An included template's notes stand at the page's include.
			...(template.fixed && { atInclude: true as const }),
		});
	let silent: { start: string; end: string; depth: number } | undefined;

	for (const token of scanJinja(text, state.settings.delimiters)) {
		if (silent) {
			if (token.kind === 'block') {
				const keyword = keywordOf(token.inner);
				if (keyword === silent.start && !(silent.start === 'set' && token.inner.includes('=')))
					silent.depth++;
				else if (keyword === silent.end && --silent.depth === 0) silent = undefined;
			}
			replace(token, '');
			continue;
		}
		switch (token.kind) {
			case 'text':
				copy(token.start, token.end);
				break;
			case 'comment':
				replace(token, '');
				break;
			case 'raw':
				replace({ ...token, end: token.contentStart }, '');
				copy(token.contentStart, token.contentEnd);
				replace({ ...token, start: token.contentEnd }, '');
				break;
			case 'unclosed': {
				const open = state.settings.delimiters[token.what][0];
				const close = state.settings.delimiters[token.what][1];
				note(
					token,
					`Unexpected \`${open}\` never closed, expected \`${close}\` after it: MkDocs shows a template error instead of this page, Waymark shows the text as written`,
					'error',
				);
				copy(token.start, token.end);
				break;
			}
			case 'variable':
				renderVariable(token, inCode(token.start));
				break;
			case 'block':
				renderBlock(token, inCode(token.start));
				break;
		}
	}

	function renderVariable(token: Extract<JinjaToken, { kind: 'variable' }>, code: boolean): void {
		const result = evaluateJinja(token.inner, state.scope);
		if (
			'value' in result &&
			(typeof result.value !== 'object' || result.value === null || result.value instanceof Date)
		) {
			replace(token, pythonStr(result.value));
			return;
		}
		const shown = tagText(token.inner, state.settings.delimiters.variable);
		const environment =
			'undefinedName' in result
				? state.settings.fromEnvironment.find(
						(path) => result.undefinedName === path || result.undefinedName.startsWith(`${path}.`),
					)
				: undefined;
		const root = 'undefinedName' in result ? (result.undefinedName.split(/[.[]/)[0] ?? '') : '';
		let message: string;
		let notice: string;
		if ('value' in result) {
			message = `Unexpected ${shown}, expected a variable holding text: it holds a ${Array.isArray(result.value) ? 'list' : 'mapping'}`;
			notice = `${code ? '' : 'the value of '}${codeSpan(token.inner)} is not shown here`;
		} else if (environment) {
			message = `Unexpected ${shown}, expected a value in \`mkdocs.yml\`: \`${environment}\` comes from an environment variable (\`!ENV\`), which Waymark never reads for a page`;
			notice = `${codeSpan(token.inner)} is set when the site is built`;
		} else if ('undefinedName' in result && buildTimeNames.has(root)) {
			message = `Unexpected ${shown}, expected a variable from \`mkdocs.yml\`: \`${root}\` is computed by the macros plugin while MkDocs builds`;
			notice = `${codeSpan(token.inner)} is set when the site is built`;
		} else if ('undefinedName' in result) {
			message = `Unexpected undefined variable ${shown}, expected \`${result.undefinedName}\` under \`extra:\` in \`mkdocs.yml\`, in an \`include_yaml\` file or in the page's front matter`;
			notice = `${codeSpan(token.inner)} is not defined`;
		} else {
			message = `Unexpected MkDocs macro ${shown}, expected a variable: Waymark never runs the site's macros and shows a notice in its place`;
			notice = `the macro ${codeSpan(token.inner)} is not run here`;
		}
		show(token, code, message, notice);
	}

	function renderBlock(token: Extract<JinjaToken, { kind: 'block' }>, code: boolean): void {
		const keyword = keywordOf(token.inner);
		const shown = tagText(token.inner, state.settings.delimiters.block);
		if (keyword === 'include') {
			renderInclude(token, code, shown);
			return;
		}
		if (keyword === 'import' || keyword === 'from') {
			replace(token, '');
			return;
		}
		if (keyword === 'set') {
			const assignment = /^set\s+([A-Za-z_]\w*)\s*=\s*([^]*)$/.exec(token.inner);
			if (assignment?.[1] !== undefined) {
				const result = evaluateJinja(assignment[2] ?? '', state.scope);
				if ('value' in result) state.scope[assignment[1]] = result.value;
				else delete state.scope[assignment[1]];
				replace(token, '');
				return;
			}
		}
		const end = keyword ? own(silentBlocks, keyword) : undefined;
		if (keyword && end) {
			silent = { start: keyword, end, depth: 1 };
			replace(token, '');
			return;
		}
		const notice = blockNotice(keyword ?? '', token.inner.slice((keyword ?? '').length).trim());
		// A conditional or a loop is reported once, where it opens; its other tags are only shown.
		const message =
			notice.kind === 'other'
				? `Unexpected template tag ${shown}, expected Markdown: Waymark does not run it and shows a notice in its place`
				: notice.kind === 'opens'
					? `Unexpected template logic ${shown}, expected Markdown: Waymark does not evaluate it and shows every part, each marked with when it applies`
					: undefined;
		show(token, code, message, notice.text);
	}

	function renderInclude(
		token: Extract<JinjaToken, { kind: 'block' }>,
		code: boolean,
		shown: string,
	): void {
		const include =
			/^include\s+(["'])(.*?)\1(\s+ignore\s+missing)?(?:\s+(?:with|without)\s+context)?$/.exec(
				token.inner,
			);
		if (!include) {
			show(
				token,
				code,
				`Unexpected ${shown}, expected \`include\` of a template named by a quoted string`,
				`${codeSpan(token.inner)} is not shown here`,
			);
			return;
		}
		const name = include[2] ?? '';
		let read =
			state.depth >= maxIncludeDepth
				? { problem: `more than ${maxIncludeDepth} includes deep` }
				: state.inputs.include(name);
		if ('text' in read && read.text.length > state.budget.chars)
			read = {
				problem: `past the ${budgetText(state.budget.total)} of templates one page may include (${sharedBudget})`,
			};
		if ('text' in read) {
			state.budget.chars -= read.text.length;
			const at = where(token.start);
			const file = read.file ?? name;
			const lines = read.text.split('\n');
			renderTemplate(
				{
					text: read.text,
					originOf: () => at.line,
					fixed: at,
					placeOf: (line) => ({ file, line: line + 1, text: lines[line] ?? '' }),
				},
				{ ...state, depth: state.depth + 1 },
			);
			pad(token, 0);
			return;
		}
		if (include[3] && read.problem === 'not found') {
			replace(token, '');
			return;
		}
		const { severity, advice } = pulledProblem(
			read.problem,
			'a file inside the root under the macros `include_dir`',
			'MkDocs',
		);
		show(
			token,
			code,
			`Unexpected ${shown}: the template is ${read.problem}; ${advice}`,
			`the template ${codeSpan(name)} is not shown here`,
			severity,
		);
	}

	/** The notice in prose (nothing inside a link's destination); in code, the tag as written. A tag without `message` is not reported. */
	function show(
		token: JinjaToken,
		code: boolean,
		message: string | undefined,
		notice: string,
		severity: SourceNote['severity'] = 'warning',
	): void {
		if (message)
			note(token, code ? `${message} (in code, it is shown as written)` : message, severity);
		if (code) copy(token.start, token.end);
		else if (inUrlContext(text, token.start)) replace(token, '');
		else replace(token, ownParagraph(token, `*(MkDocs macros: ${notice})*`));
	}

	/** A notice for a tag alone on its line stands apart from the lines around it, as a paragraph of its own. */
	function ownParagraph(token: JinjaToken, notice: string): string {
		const lineStart = text.lastIndexOf('\n', token.start - 1) + 1;
		const lineEnd = text.indexOf('\n', token.end);
		const before = text.slice(lineStart, token.start);
		if (
			before.trim() !== '' ||
			text.slice(token.end, lineEnd === -1 ? undefined : lineEnd).trim() !== ''
		)
			return notice;
		const previousBlank =
			lineStart === 0 ||
			text.slice(text.lastIndexOf('\n', lineStart - 2) + 1, lineStart - 1).trim() === '';
		const nextBlank =
			lineEnd === -1 ||
			text
				.slice(lineEnd + 1, (text.indexOf('\n', lineEnd + 1) + 1 || text.length + 1) - 1)
				.trim() === '';
		return `${previousBlank ? '' : `\n${before}`}${notice}${nextBlank ? '' : '\n'}`;
	}
}

/** How a tag that is not evaluated reads in the page: branches say when they apply. */
function blockNotice(
	keyword: string,
	rest: string,
): { kind: 'opens' | 'continues' | 'other'; text: string } {
	switch (keyword) {
		case 'if':
			return { kind: 'opens', text: `the part below applies if ${codeSpan(rest)}` };
		case 'elif':
			return { kind: 'continues', text: `the part below applies instead if ${codeSpan(rest)}` };
		case 'else':
			return { kind: 'continues', text: 'the part below applies otherwise' };
		case 'endif':
			return { kind: 'continues', text: 'end of the conditional part' };
		case 'for':
			return { kind: 'opens', text: `the part below repeats for ${codeSpan(rest)}` };
		case 'endfor':
			return { kind: 'continues', text: 'end of the repeated part' };
		default:
			return { kind: 'other', text: `${codeSpan(`${keyword} ${rest}`.trim())} is not run here` };
	}
}

const keywordOf = (inner: string): string | undefined => /^[A-Za-z_]\w*/.exec(inner)?.[0];

function tagText(inner: string, [open, close]: [string, string]): string {
	return codeSpan(`${open} ${inner} ${close}`);
}

/** `text` as an inline code span, its fence longer than any run of backticks inside. */
function codeSpan(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
	const fence = '`'.repeat(longest + 1);
	const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
	return `${fence}${pad}${flat}${pad}${fence}`;
}

const countNewlines = (value: string): number => value.split('\n').length - 1;
