import { posix } from 'node:path';

/** What a code snippet import (`<<< path#region{lines lang attrs} [title]`) names, as VitePress' `parseSnippetPath` reads it. */
export interface SnippetImport {
	file: string;
	region?: string;
	/** The language in the braces, else the file's extension (alphanumeric only); `''` without either. */
	lang: string;
	/** The title in brackets, else the file's name: a code group's tab. */
	title: string;
}

const linesSpec = /^\d+(?:[,-]\d+)*$/;

/** `<<< `'s text after the marker, peeled right to left (title, braces, region), so the path may hold spaces and dots. */
export function parseSnippetImport(written: string): SnippetImport {
	let rest = written.trim();
	let title = '';
	const titled = /\s*\[(.+)\]$/.exec(rest);
	if (titled) {
		title = titled[1]!;
		rest = rest.slice(0, titled.index).trimEnd();
	}
	let lang = '';
	const brace = rest.lastIndexOf('{');
	if (rest.endsWith('}') && brace > 0) {
		lang = langOfMeta(rest.slice(brace + 1, -1).trim());
		rest = rest.slice(0, brace).trimEnd();
	}
	const region = /#([\w.-]+)$/.exec(rest);
	if (region) rest = rest.slice(0, region.index);
	const file = rest.trim();
	const name = file.split(/[\\/]/).pop() ?? '';
	return {
		file,
		...(region && { region: region[1]! }),
		lang: lang || (/\.([a-zA-Z0-9]+)$/.exec(name)?.[1] ?? ''),
		title: title || name,
	};
}

/** The language in a snippet's braces: after the highlighted lines (`1,2,4-6 ts`), before other attributes. */
function langOfMeta(meta: string): string {
	if (/^[\d\s,-]+$/.test(meta) && linesSpec.test(meta.replace(/\s+/g, ''))) return '';
	const words = meta.split(/\s+/).filter(Boolean);
	if (words[0] !== undefined && linesSpec.test(words[0])) words.shift();
	return words[0] ?? '';
}

/** What an include (`<!--@include: path#region{start,end}-->`) names, as VitePress' `processIncludes` reads it. */
export interface IncludeSpec {
	file: string;
	region?: string;
	/** `{3,}`, `{,10}`, `{1,10}`: lines from 1, both ends included; as written, for messages. */
	range?: { start?: number; end?: number; written: string };
}

export function parseInclude(written: string): IncludeSpec {
	let rest = written;
	const range = /\{(\d*),(\d*)\}$/.exec(rest);
	if (range) rest = rest.slice(0, range.index);
	const region = /#([^\s{]+)$/.exec(rest);
	if (region) rest = rest.slice(0, region.index);
	return {
		file: rest,
		...(region && { region: region[1]! }),
		...(range && {
			range: {
				...(range[1] && { start: Number(range[1]) }),
				...(range[2] && { end: Number(range[2]) }),
				written: range[0],
			},
		}),
	};
}

/**
 * A path a page (or an included file, `from`) writes, from the root: `@/x` and `@x` from the
 * source root (`srcDir`, `source` from the root: `''`, `src/` or `../`), anything else from the
 * writing file's folder. A path leading out of the root keeps its `..`; an absolute one stays one.
 */
export function pulledPathOf(written: string, from: string, source: string): string {
	if (written.startsWith('@'))
		return posix.normalize(
			posix.join(source || '.', written.slice(/^@[\\/]/.test(written) ? 2 : 1)),
		);
	if (written.startsWith('/')) return posix.normalize(written);
	return posix.normalize(posix.join(posix.dirname(from), written));
}

/** The source root (`srcDir`) as a path from the root, for `pulledPathOf`: the root's own folder, one in it, or one above it. */
export function sourceFromRoot(place: { rootInSrc: string; srcInRoot: string }): string {
	if (place.srcInRoot !== '') return place.srcInRoot;
	const depth = place.rootInSrc.split('/').filter(Boolean).length;
	return '../'.repeat(depth);
}
