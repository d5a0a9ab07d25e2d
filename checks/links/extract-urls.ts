import type { Html } from 'mdast';
import { visit } from 'unist-util-visit';
import { createLocator } from '../../core/position.ts';
import type { PageModel } from '../../tree/parse-page.ts';
import type { UrlOccurrence } from './link-outcome.ts';

/** Schemes the external checker handles; everything else (relative, `#x`, `ftp:`) belongs elsewhere. */
const externalPattern = /^(?:https?:|mailto:|tel:|\/\/)/i;

// `name="v"`, `name='v'`, and MDX's `name={"v"}` / `name={'v'}` / name={`v`}.
const attributePattern =
	/([A-Za-z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{\s*(?:"([^"]*)"|'([^']*)'|`([^`$]*)`)\s*\})/g;
const urlAttributes = new Set(['href', 'src', 'poster', 'cite', 'action', 'data', 'xlink:href']);

function isExternalUrl(url: string): boolean {
	return externalPattern.test(url.trim());
}

/**
 * Every external URL a page links to, with its position: Markdown links, images, definitions,
 * raw-HTML `href`/`src`/`srcset`, and (in `.mdx` pages) JSX props whose value looks like a URL.
 * URLs inside code are never links.
 */
export function extractUrls(page: PageModel): UrlOccurrence[] {
	const found: UrlOccurrence[] = [];
	const locate = createLocator(page.text);
	const scan = (text: string, startOffset: number): void => {
		for (const m of text.matchAll(attributePattern)) {
			const name = (m[1] ?? '').toLowerCase();
			const valueIndex = m.slice(2).findIndex((v) => v !== undefined);
			const value = m[valueIndex + 2] ?? '';
			const valueOffset = startOffset + (m.index ?? 0) + m[0].indexOf(value, (m[1] ?? '').length);
			const candidates =
				name === 'srcset' || name === 'imagesrcset' ? srcsetUrls(value) : [{ url: value, at: 0 }];
			for (const { url, at } of candidates) {
				const trimmed = url.trim();
				if (!isExternalUrl(trimmed)) continue;
				if (
					!urlAttributes.has(name) &&
					!name.endsWith('srcset') &&
					!/^(?:https?:)?\/\//i.test(trimmed) &&
					!/^(?:mailto|tel):/i.test(trimmed)
				)
					continue;
				found.push({ url: trimmed, file: page.path, position: locate(valueOffset + at) });
			}
		}
	};
	if (page.path.toLowerCase().endsWith('.mdx')) {
		scan(maskCode(page), 0);
	} else {
		visit(page.tree, 'html', (node: Html) => {
			const offset = node.position?.start.offset;
			if (offset !== undefined) scan(node.value, offset);
		});
	}
	// Our parser is not MDX-aware: GFM autolinks a JSX prop's URL together with its `"}`. The
	// attribute scan above read it exactly, so a link at the same place defers to it.
	const taken = new Set(found.map((o) => `${o.position.line}:${o.position.column}`));
	const markdown = page.links
		.filter(
			(link) =>
				link.kind !== 'html' &&
				isExternalUrl(link.url) &&
				!taken.has(`${link.position.line}:${link.position.column}`),
		)
		.map((link) => ({ url: link.url.trim(), file: page.path, position: link.position }));
	return dedupe(
		[...markdown, ...found].sort(
			(a, b) => a.position.line - b.position.line || a.position.column - b.position.column,
		),
	);
}

function srcsetUrls(value: string): Array<{ url: string; at: number }> {
	const out: Array<{ url: string; at: number }> = [];
	let at = 0;
	for (const part of value.split(',')) {
		const lead = part.length - part.trimStart().length;
		const url = part.trim().split(/\s+/)[0] ?? '';
		if (url) out.push({ url, at: at + lead });
		at += part.length + 1;
	}
	return out;
}

/** The page text with code blocks and inline code blanked (same length, so offsets still hold). */
function maskCode(page: PageModel): string {
	const chars = page.text.split('');
	visit(page.tree, (node) => {
		if (node.type !== 'code' && node.type !== 'inlineCode') return;
		const start = node.position?.start.offset ?? 0;
		const end = node.position?.end.offset ?? start;
		for (let i = start; i < end; i++) if (chars[i] !== '\n') chars[i] = ' ';
	});
	return chars.join('');
}

function dedupe(occurrences: UrlOccurrence[]): UrlOccurrence[] {
	const seen = new Set<string>();
	return occurrences.filter((o) => {
		const key = `${o.url}\0${o.position.line}:${o.position.column}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
