import { readFile } from 'node:fs/promises';

/** What Waymark reads from `docusaurus.config.*`: the docs plugin's options and the static folders. */
export interface DocusaurusConfig {
	/** The docs plugin's `routeBasePath`, without slashes: `docs` by default, `''` for a docs-only site (`'/'`). */
	routeBasePath: string;
	/** The docs plugin's `path`, relative to the site folder. @default 'docs' */
	docsPath: string;
	/** `staticDirectories`, relative to the site folder. @default ['static'] */
	staticDirectories: string[];
	/** `numberPrefixParser: false`: file names keep their number prefixes. */
	numberPrefixes: boolean;
	/** The site's `title`, written as a string: the site title when Waymark's config sets none. */
	title?: string;
}

const defaults: DocusaurusConfig = {
	routeBasePath: 'docs',
	docsPath: 'docs',
	staticDirectories: ['static'],
	numberPrefixes: true,
};

/**
 * Reads a Docusaurus config as text, never running it (a tree under review may not run code): the
 * docs plugin's options are the object after `docs:` (the classic preset) or after
 * `'@docusaurus/plugin-content-docs'`; values written as string literals are taken, anything
 * computed keeps Docusaurus's default. `undefined` when the file cannot be read.
 */
export async function readDocusaurusConfig(file: string): Promise<DocusaurusConfig | undefined> {
	const text = await readFile(file, 'utf8').catch(() => undefined);
	return text === undefined ? undefined : parseDocusaurusConfig(text);
}

/** The same, from the config's text. */
export function parseDocusaurusConfig(text: string): DocusaurusConfig {
	const code = blankStringsAndComments(text);
	const config: DocusaurusConfig = {
		...defaults,
		staticDirectories: [...defaults.staticDirectories],
	};
	// `themeConfig.docs` is an object too: the plugin's options are the one that sets its keys.
	for (const start of docsOptionObjects(text, code)) {
		const values = topLevelValues(text, code, start);
		if (!['routeBasePath', 'path', 'numberPrefixParser'].some((key) => values.has(key))) continue;
		const base = values.get('routeBasePath');
		if (base?.kind === 'string') config.routeBasePath = base.value.replace(/^\/+|\/+$/g, '');
		const path = values.get('path');
		if (path?.kind === 'string' && path.value.trim() !== '')
			config.docsPath = path.value.replace(/^\.\/|\/+$/g, '');
		if (values.get('numberPrefixParser')?.kind === 'false') config.numberPrefixes = false;
		break;
	}
	const title = siteTitle(text, code);
	if (title) config.title = title;
	const statics = /\bstaticDirectories\s*:\s*\[([^\]]*)\]/.exec(code);
	if (statics) {
		const list =
			text.slice(statics.index, statics.index + statics[0].length).match(/(['"`])([^'"`]*)\1/g) ??
			[];
		config.staticDirectories = list
			.map((literal) => literal.slice(1, -1).replace(/^\.\/|\/+$/g, ''))
			.filter(Boolean);
	}
	return config;
}

/** Where the docs plugin's options may open: `docs: {` (classic preset), `['@docusaurus/plugin-content-docs', {` (the plugin). */
function docsOptionObjects(text: string, code: string): number[] {
	const starts = [...code.matchAll(/\bdocs\s*:\s*\{/g)].map(
		(match) => match.index + match[0].length - 1,
	);
	for (const match of text.matchAll(
		/(['"])(?:@docusaurus\/plugin-content-docs|@docusaurus\/content-docs|docusaurus-plugin-content-docs|content-docs)\1\s*,\s*\{/g,
	)) {
		// The quote survives in `code` only where the literal is code, not inside a comment.
		if (code[match.index] === match[1]) starts.push(match.index + match[0].length - 1);
	}
	return starts.sort((a, b) => a - b);
}

/** Keys only the site config has at its top (beside `title`), so a `navbar: { title }` is never taken for it. */
const siteKeys = [
	'url',
	'baseUrl',
	'presets',
	'themeConfig',
	'plugins',
	'themes',
	'onBrokenLinks',
	'favicon',
	'organizationName',
	'i18n',
];

/**
 * The config object's `title` (`module.exports = {…}`, `export default {…}`, `const config = {…}`,
 * a `return {…}` of a config function): the first object written after `=`, `default` or `return`
 * whose own keys hold a string `title` and another key of a site config.
 */
function siteTitle(text: string, code: string): string | undefined {
	for (const match of code.matchAll(/(?:=|\bdefault|\breturn)\s*\{/g)) {
		const values = topLevelValues(text, code, match.index + match[0].length - 1);
		const title = values.get('title');
		if (
			title?.kind === 'string' &&
			title.value.trim() !== '' &&
			siteKeys.some((key) => values.has(key))
		)
			return title.value.trim();
	}
	return undefined;
}

type Value = { kind: 'string'; value: string } | { kind: 'false' } | { kind: 'other' };

/** The keys directly inside the object opening at `start` (`{`), with their literal values. */
function topLevelValues(text: string, code: string, start: number): Map<string, Value> {
	const values = new Map<string, Value>();
	let depth = 0;
	for (let i = start; i < code.length; i++) {
		const c = code[i];
		if (c === '{' || c === '[' || c === '(') depth++;
		else if (c === '}' || c === ']' || c === ')') {
			depth--;
			if (depth === 0) break;
		} else if (depth === 1 && /[A-Za-z_$]/.test(c ?? '') && !/[\w$]/.test(code[i - 1] ?? '')) {
			const key = /^([A-Za-z_$][\w$]*)\s*:\s*/.exec(code.slice(i, i + 200));
			if (!key?.[1]) continue;
			const at = i + key[0].length;
			const literal = /^(['"`])/.exec(code.slice(at, at + 1))
				? /^(['"`])([^'"`$]*)\1/.exec(text.slice(at))
				: null;
			values.set(
				key[1],
				literal
					? { kind: 'string', value: literal[2] ?? '' }
					: code.startsWith('false', at)
						? { kind: 'false' }
						: { kind: 'other' },
			);
			i = at - 1;
		}
	}
	return values;
}

/** `text` with the insides of strings and comments replaced by spaces (quotes kept), so brackets and keys there are not read. */
function blankStringsAndComments(text: string): string {
	let out = '';
	let i = 0;
	while (i < text.length) {
		const c = text[i] ?? '';
		const next = text[i + 1];
		if (c === '/' && next === '/') {
			const end = text.indexOf('\n', i);
			const stop = end === -1 ? text.length : end;
			out += ' '.repeat(stop - i);
			i = stop;
		} else if (c === '/' && next === '*') {
			const end = text.indexOf('*/', i + 2);
			const stop = end === -1 ? text.length : end + 2;
			out += text.slice(i, stop).replace(/[^\n]/g, ' ');
			i = stop;
		} else if (c === '"' || c === "'" || c === '`') {
			let j = i + 1;
			while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
			out += c + text.slice(i + 1, j).replace(/[^\n]/g, ' ') + (j < text.length ? c : '');
			i = j + 1;
		} else {
			out += c;
			i++;
		}
	}
	return out;
}
