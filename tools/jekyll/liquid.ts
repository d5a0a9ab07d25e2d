import { own } from '../../core/own.ts';
/**
 * Liquid as a Jekyll page uses it in its text: `{{ site.x }}`, `{{ page.x }}` and `{{ include.x }}`
 * with the filters that only shape a value (`relative_url`, `append`, `default`), evaluated from
 * the site's config and the page's front matter; anything else is `undefined`, which the rewrite
 * shows as a notice.
 */

/** What a page's Liquid reads: the config's values, the page's front matter, an include's parameters. */
export interface LiquidScope {
	site: Readonly<Record<string, string>>;
	page: Readonly<Record<string, unknown>>;
	include?: Readonly<Record<string, string>>;
}

/** Parts of an expression split at `|` and `,` outside quotes. */
function splitOutsideQuotes(text: string, separator: string): string[] {
	const parts: string[] = [];
	let quote: string | undefined;
	let current = '';
	for (const char of text) {
		if (quote) {
			if (char === quote) quote = undefined;
		} else if (char === '"' || char === "'") quote = char;
		else if (char === separator) {
			parts.push(current);
			current = '';
			continue;
		}
		current += char;
	}
	parts.push(current);
	return parts;
}

const literal = /^(["'])(.*)\1$/s;

/** A value as written: a quoted string, a number, or a variable of the scope. */
function valueOf(written: string, scope: LiquidScope): string | undefined {
	const text = written.trim();
	const quoted = literal.exec(text);
	if (quoted) return quoted[2];
	if (/^-?\d+(?:\.\d+)?$/.test(text)) return text;
	const path = /^(site|page|include|jekyll)\.([\w.-]+)$/.exec(text);
	if (!path) return undefined;
	const [, object, key] = path as unknown as [string, string, string];
	// The site's own addresses: its pages are served from the site's top here.
	if (object === 'site' && (key === 'baseurl' || key === 'url')) return '';
	if (object === 'site') return own(scope.site, key);
	if (object === 'include') return own(scope.include, key);
	if (object === 'page') {
		let value: unknown = scope.page;
		for (const part of key.split('.'))
			value =
				value && typeof value === 'object'
					? own(value as Record<string, unknown>, part)
					: undefined;
		return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
			? String(value)
			: undefined;
	}
	return undefined;
}

/** The arguments of a filter (`append: "x"`, `replace: "a", "b"`), evaluated. */
function argumentsOf(written: string | undefined, scope: LiquidScope): Array<string | undefined> {
	return written === undefined
		? []
		: splitOutsideQuotes(written, ',').map((argument) => valueOf(argument, scope));
}

/** `{{ … }}`'s inside evaluated, or `undefined` when it reads anything the page cannot know here. */
export function evaluateLiquid(expression: string, scope: LiquidScope): string | undefined {
	const [head, ...filters] = splitOutsideQuotes(expression, '|');
	let value = valueOf(head ?? '', scope);
	for (const filter of filters) {
		const colon = filter.indexOf(':');
		const name = (colon === -1 ? filter : filter.slice(0, colon)).trim();
		const args = argumentsOf(colon === -1 ? undefined : filter.slice(colon + 1), scope);
		if (name === 'default') {
			if (value === undefined || value === '' || value === 'false') value = args[0];
			continue;
		}
		if (value === undefined) return undefined;
		const [first, second] = args;
		switch (name) {
			case 'relative_url':
			case 'absolute_url':
				value = /^[a-z][a-z\d+.-]*:|^\/|^#/i.test(value) ? value : `/${value}`;
				break;
			case 'append':
				if (first === undefined) return undefined;
				value += first;
				break;
			case 'prepend':
				if (first === undefined) return undefined;
				value = first + value;
				break;
			case 'upcase':
				value = value.toUpperCase();
				break;
			case 'downcase':
				value = value.toLowerCase();
				break;
			case 'capitalize':
				value = value.charAt(0).toUpperCase() + value.slice(1);
				break;
			case 'strip':
				value = value.trim();
				break;
			case 'escape':
			case 'xml_escape':
			case 'markdownify':
			case 'smartify':
			case 'uri_escape':
			case 'url_encode':
			case 'cgi_escape':
				break;
			case 'remove':
				if (first === undefined) return undefined;
				value = value.split(first).join('');
				break;
			case 'replace':
				if (first === undefined || second === undefined) return undefined;
				value = value.split(first).join(second);
				break;
			default:
				return undefined;
		}
	}
	return value;
}

/** An include's parameters (`{% include note.html content="Drain first" level=2 %}`), quoted or variables. */
export function includeParameters(written: string, scope: LiquidScope): Record<string, string> {
	const found: Record<string, string> = {};
	for (const match of written.matchAll(/([\w-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"']+)/g)) {
		const value = valueOf(match[2]!, scope);
		if (value !== undefined) found[match[1]!] = value;
	}
	return found;
}
