import type { Program } from 'estree';
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { createLocator } from '../../core/position.ts';
import { sourceColumnOf, sourceLineOf } from '../../tools/syntax/line-origins.ts';
import { pastedAt } from '../../tools/syntax/pasted-lines.ts';
import { isUrlAttribute } from '../../markdown/html-references.ts';
import type { PageModel } from '../../tree/parse-page.ts';
import type { UrlOccurrence } from './link-outcome.ts';

/** Schemes the external checker handles; everything else (relative, `#x`, `ftp:`) belongs elsewhere. */
const externalPattern = /^(?:https?:|mailto:|tel:|\/\/)/i;

function isExternalUrl(url: string): boolean {
	return externalPattern.test(url.trim());
}

/**
 * Every external URL a page links to, with its position: Markdown links, images, definitions,
 * raw-HTML URL attributes (`href`, `src`, each `srcset` candidate, … as the page model read them
 * with an HTML parser), and in `.mdx` pages the URL-valued props of JSX elements. URLs inside code
 * are never links.
 */
export function extractUrls(page: PageModel): UrlOccurrence[] {
	const jsx = page.path.toLowerCase().endsWith('.mdx') ? jsxUrls(page) : [];
	// Our parser is not MDX-aware: GFM autolinks a JSX prop's URL together with its `"}`. The MDX
	// parser read it exactly, so a link at the same place defers to it.
	const taken = new Set(jsx.map((o) => `${o.file}:${o.position.line}:${o.position.column}`));
	// On the file's lines and columns, as the MDX parser's are (the dialect's rewrite may move them);
	// on a line pasted from another file, that file's (`checks/included-files.ts`).
	const links = page.links
		.filter((link) => isExternalUrl(link.url))
		.map((link): UrlOccurrence => {
			const line = sourceLineOf(link.position.line, page.sourceLines);
			const pasted = pastedAt(link.position.line, page.pasted);
			if (pasted)
				return {
					url: link.url.trim(),
					file: pasted.file,
					position: {
						line: pasted.line,
						column: Math.max(1, link.position.column - pasted.shift),
					},
					including: { page: page.path, line },
				};
			return {
				url: link.url.trim(),
				file: page.path,
				position: { line, column: sourceColumnOf(link.position, page.sourceColumns) },
			};
		})
		.filter((link) => !taken.has(`${link.file}:${link.position.line}:${link.position.column}`));
	return dedupe(
		[...links, ...jsx].sort(
			(a, b) => a.position.line - b.position.line || a.position.column - b.position.column,
		),
	);
}

const mdx = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkMdx);

/**
 * URL props of JSX elements, read by MDX's own parser: on HTML elements (`<a>`, `<img>`) the URL
 * attributes, on components (`<Card link=…>`) any prop whose value is an absolute URL. A page MDX
 * cannot parse has none (the site build reports it).
 */
function jsxUrls(page: PageModel): UrlOccurrence[] {
	let tree: Root;
	try {
		tree = mdx.parse(page.text);
	} catch {
		return [];
	}
	const locate = createLocator(page.text);
	const found: UrlOccurrence[] = [];
	visit(tree, (node) => {
		if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
		const name = node.name ?? '';
		const intrinsic = /^[a-z]/.test(name);
		for (const attribute of node.attributes) {
			if (attribute.type !== 'mdxJsxAttribute') continue;
			const value = literalValue(attribute.value, attribute.position?.start.offset, page.text);
			if (!value) continue;
			const url = value.text.trim();
			const wanted = intrinsic
				? isUrlAttribute(name, attribute.name.toLowerCase())
				: /^(?:https?:)?\/\/|^(?:mailto|tel):/i.test(url);
			if (!wanted || !isExternalUrl(url)) continue;
			// On the file's lines and columns: an `.mdx` page's rewrite may add lines (tag lines set apart).
			const at = locate(value.offset + value.text.indexOf(url));
			found.push({
				url,
				file: page.path,
				position: {
					line: sourceLineOf(at.line, page.sourceLines),
					column: sourceColumnOf(at, page.sourceColumns),
				},
			});
		}
	});
	return found;
}

/** A prop's value when it is a string: `a="x"`, `a='x'`, `a={"x"}`, `a={'x'}` or a template without `${}`. */
type JsxAttributeValue = Extract<
	Extract<Root['children'][number], { type: 'mdxJsxFlowElement' }>['attributes'][number],
	{ type: 'mdxJsxAttribute' }
>['value'];

function literalValue(
	value: JsxAttributeValue,
	start: number | undefined,
	text: string,
): { text: string; offset: number } | undefined {
	if (typeof value === 'string') {
		if (start === undefined) return undefined;
		const equals = text.indexOf('=', start);
		const quote = text.slice(equals + 1).search(/["']/);
		return { text: value, offset: equals + 1 + quote + 1 };
	}
	// MDX parses the expression with acorn (ranges on): a string literal is the prop's value.
	const statement = (value?.data as { estree?: Program | null } | undefined)?.estree?.body[0];
	const expression = statement?.type === 'ExpressionStatement' ? statement.expression : undefined;
	if (expression?.type === 'Literal' && typeof expression.value === 'string' && expression.range)
		return { text: expression.value, offset: expression.range[0] + 1 };
	if (
		expression?.type === 'TemplateLiteral' &&
		expression.expressions.length === 0 &&
		expression.range
	)
		return { text: expression.quasis[0]?.value.cooked ?? '', offset: expression.range[0] + 1 };
	return undefined;
}

function dedupe(occurrences: UrlOccurrence[]): UrlOccurrence[] {
	const seen = new Set<string>();
	return occurrences.filter((o) => {
		const key = `${o.url}\0${o.file}:${o.position.line}:${o.position.column}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
