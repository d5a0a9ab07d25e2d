/// <reference types="mdast-util-directive" />
import type { Heading, Root } from 'mdast';
import type { Node as UnistNode } from 'unist';
import { toString } from 'mdast-util-to-string';
import { parseMarkdown } from './parse-markdown.ts';
import type { MarkdownParser } from '../core/environment.ts';
import { blankDeepLines, markersOnOneLine, nestingDepth, pruneNesting } from './nesting.ts';
import { toml } from '../core/toml.ts';
import { Document as YamlDocument, LineCounter, parseDocument, type Document } from 'yaml';
import type { fromHtml } from 'hast-util-from-html';
import { lazyModule } from '../core/lazy-module.ts';
import { readRawHtml } from '../markdown/html-references.ts';
import { restoreDirectives } from '../markdown/remark-restore-directives.ts';
import { walkMdast } from '../markdown/walk-mdast.ts';
import { findBreadcrumbLine, type BreadcrumbLine } from '../markdown/breadcrumb-line.ts';
import { toolNamed } from '../tools/index.ts';
import type { OwnFrontmatter, ParseInputs, ToolReading } from '../tools/reading.ts';
import type { ToolData } from '../tools/tool.ts';
import type { SourceNote } from '../tools/syntax/source-note.ts';
import {
	findHeaderBlock,
	headerBlockFacts,
	type HeaderBlockFacts,
} from '../markdown/header-block.ts';
import { firstH1, headingTitle, titleFromPath } from '../markdown/page-title.ts';
import { movedColumns, rewrittenColumnOf, type ColumnMove } from '../tools/syntax/line-origins.ts';
import type { PastedRun } from '../tools/syntax/pasted-lines.ts';
import { createLocator, type Position } from '../core/position.ts';
import type { PageNav } from '../tools/page-nav.ts';
import { errorLine } from '../core/error-line.ts';
import { locateYamlErrors } from '../core/yaml-errors.ts';

/** One guidebook page, parsed once and shared by every rule, the link checker and the probes. */
export interface PageModel {
	/** Relative to the root, `/`-separated. */
	path: string;
	route: string;
	/** The Markdown as parsed: the file's text with its tool's own syntax rewritten (`ToolReading.rewrite`), line for line but where the tool pulls in other files. */
	text: string;
	/** The file's line of each line of `text` (1-based), when snippets or includes added lines; positions are on `text`'s lines, findings on the file's. */
	sourceLines?: number[];
	/** Lines of `text` pasted from other files (snippets, includes): a finding there is reported at the included file's line, naming this page. */
	pasted?: PastedRun[];
	/** Lines of `text` that are the file's moved left, with the characters removed (`movedColumns`): findings there get the file's column. */
	sourceColumns?: ColumnMove[];
	/** Read by the checks only; a build empties it after them (`release-syntax.ts`). */
	tree: Root;
	title: string;
	frontmatter?: Frontmatter;
	headings: Array<{ depth: number; text: string; slug: string; position: Position }>;
	/** Every fragment that lands on this page: heading slugs, explicit ids, HTML `id`/`name`. */
	anchors: Set<string>;
	links: PageLink[];
	definitions: Array<{ identifier: string; url: string; position: Position }>;
	references: Array<{
		identifier: string;
		label: string;
		kind: 'link' | 'image';
		position: Position;
	}>;
	codeBlocks: Array<{
		lang: string;
		meta: string;
		value: string;
		position: Position;
		/** line of the block's first content line */ contentLine: number;
	}>;
	inlineCode: Array<{ value: string; position: Position }>;
	directives: Array<{
		name: string;
		kind: 'text' | 'leaf';
		attributes: Record<string, string>;
		position: Position;
	}>;
	headerBlock?: HeaderBlockFacts;
	breadcrumbLine?: BreadcrumbLine;
	/**
	 * Why the site publishes a short notice instead of rendering this page (too large, nested too
	 * deeply); `readable-files` reports it. What could be read of the page is still checked.
	 */
	notice?: string;
	/** Dialect syntax that renders differently from its forge or not at all; the `dialect-syntax` rule reports it. */
	dialectNotes: SourceNote[];
	/** GitLab: heading ids as GitLab before 17.0 spelt them (repeated hyphens merged), each with today's id. */
	legacyAnchors?: Map<string, string>;
	/** Order, label and visibility in navigation, from the tree's tool. */
	nav?: PageNav;
	/** What steps after the parse worked out of the page alone (`pageFact`), kept with it between runs (`page-cache.ts`). */
	facts?: PageFacts;
	/** Files the page's text pulled in (MkDocs snippets and includes, files mdBook links include) and the places looked in for them first, from the root: a change to one changes the page. */
	pulled?: string[];
	/** mdBook: the tab title its `{{#title}}` gives (in the page or a file it includes), which its read text no longer holds: part of what the page is made from. */
	tabTitle?: string;
}

/** Facts of one page by name; a name holds everything else its value depends on (`markdown-lint:<its settings>`). */
export type PageFacts = Record<string, unknown>;

/**
 * `compute()`'s value for this page, worked out once: a fact of the page's text and parse context
 * alone (and of what its `name` says), kept with the page in the page cache, so a later run with
 * the page unchanged needs neither the value computed again nor the syntax tree it reads.
 */
export function pageFact<T>(page: PageModel, name: string, compute: () => T): T {
	const facts = (page.facts ??= {});
	if (Object.hasOwn(facts, name)) return facts[name] as T;
	const value = compute();
	facts[name] = value;
	return value;
}

/** `pageFact` for a fact worked out asynchronously: the value is kept once it is there, never the promise. */
export async function pageFactAsync<T>(
	page: PageModel,
	name: string,
	compute: () => Promise<T>,
): Promise<T> {
	const facts = (page.facts ??= {});
	if (Object.hasOwn(facts, name)) return facts[name] as T;
	const value = await compute();
	facts[name] = value;
	return value;
}

/** What parsing a page needs to know of its tree. */
export interface ParseContext {
	/** The tree's tool, bound to what it read of the tree (`tools/reading.ts`); else the tool `dialect` names, bound to `toolData` and `inputs`. */
	tool?: ToolReading;
	/** The tree's tool by name. @default the default tool (a forge's reading) */
	dialect?: string;
	/** What the tool read of the tree, when `tool` is not given. */
	toolData?: ToolData;
	/** What the tool's pages pull files in through (snippets, includes), when `tool` is not given. */
	inputs?: ParseInputs;
	/** Every page of the tree (Hugo's `ref` looks pages up). */
	pages?: ReadonlySet<string>;
	/** Front matter keys of the tree's tool (`Frontmatter.toolKeys`), once the tree has decided them. */
	toolKeys?: ReadonlySet<string>;
	/** Deepest block quote and list nesting before the page is published as a notice (`checks.maxNestingDepth`). @default 32 */
	maxNestingDepth?: number;
	/** `remark` only when the command layer was asked for it (`WAYMARK_PARSER=remark`). @default 'native' */
	parser?: MarkdownParser;
}

/** The tool a page is read with. */
function readingOf(
	context: Pick<ParseContext, 'tool' | 'dialect' | 'toolData' | 'inputs'>,
): ToolReading {
	return context.tool ?? toolNamed(context.dialect ?? '').bind(context.toolData, context.inputs);
}

interface PageLink {
	url: string;
	kind: 'link' | 'image' | 'definition' | 'html';
	position: Position;
	text: string;
}

export interface Frontmatter {
	/** Parsed value, when the YAML is valid. */
	data?: Record<string, unknown>;
	/** YAML syntax errors, positioned in the Markdown file. */
	errors: Array<{ message: string; position: Position }>;
	/** The block as written, which `frontmatterDocument` reads again for key positions: plain data, so a page keeps between runs. */
	source: { syntax: 'yaml' | 'toml' | 'json'; text: string };
	/** Line in the Markdown file where the YAML text starts (the line after `---`). */
	firstLine: number;
	/** Keys that belong to the tree's tool, never judged as Waymark's (`tree/tool-frontmatter.ts`). */
	toolKeys?: ReadonlySet<string>;
}

// parse5 is loaded only for a page whose raw HTML carries attributes (few do).
const htmlParser = lazyModule<{ fromHtml: typeof fromHtml }>('hast-util-from-html');
const parseHtml: typeof fromHtml = (...args) => htmlParser().fromHtml(...args);

const startOf = (node: UnistNode): Position => ({
	line: node.position?.start.line ?? 1,
	column: node.position?.start.column ?? 1,
});

/** Deepest block quote and list nesting a page may have before it is published as a notice (`checks.maxNestingDepth`). */
const defaultMaxNestingDepth = 32;

/** A page the site shows as a notice; only its place in the tree is known. */
export function noticePage(
	path: string,
	notice: string,
	context: Pick<ParseContext, 'tool' | 'dialect' | 'toolData' | 'inputs'> = {},
): PageModel {
	const tool = readingOf(context);
	return { ...parsePage(path, '', { tool }), title: fallbackTitle(path, tool), notice };
}

export function parsePage(path: string, fileText: string, context: ParseContext = {}): PageModel {
	const tool = readingOf(context);
	const maxNestingDepth = context.maxNestingDepth ?? defaultMaxNestingDepth;
	const tooDeep = (levels: string): string =>
		`page nested ${levels} deep (block quotes and lists), more than \`checks.maxNestingDepth\` (${maxNestingDepth})`;
	const { text, notes, origins, columns, tabTitle, pulled, pasted } = tool.rewrite(fileText, {
		path,
		pages: context.pages ?? new Set(),
	});
	// A one-line bomb (`- - - … x`) would overflow the parser's stack. Its lines are blanked and the
	// rest is parsed, so the page's title, headings and links are still checked; the site shows a
	// notice in its place.
	const moved = movedColumns(fileText, text, origins, columns);
	// The rewrite's notes name the file's columns; every finding gets a moved line's columns back
	// (`checks/run-rule.ts` `onFileLines`), so a note goes on the rewritten line's like any other position.
	if (moved)
		for (const note of notes) note.column = rewrittenColumnOf(note.line, note.column, moved);
	const onOneLine = markersOnOneLine(text);
	let tree: Root;
	try {
		tree = parseMarkdown(
			onOneLine > maxNestingDepth ? blankDeepLines(text, maxNestingDepth) : text,
			context.parser,
			{ indentedCode: tool.markdown.indentedCode, definitionLists: tool.markdown.definitionLists },
		);
	} catch (error) {
		if (error instanceof RangeError)
			return noticePage(path, tooDeep('too many levels to parse'), { tool });
		throw error;
	}
	const depth = nestingDepth(tree);
	if (depth > maxNestingDepth) pruneNesting(tree, maxNestingDepth);
	// As on the site: only Waymark's own directives stay directives (`db:5432` is text).
	restoreDirectives(tree, text);
	// Before heading ids: what the tool does to the syntax tree (an icon shortcode adds nothing to an id).
	if (tool.afterParse) notes.push(...tool.afterParse(tree));
	const slugger = tool.headingSlugger({ source: text, path });
	const headingIds = new Map<Heading, string>();
	const mdx = /\.mdx$/i.test(path);
	const page: PageModel = {
		path,
		route: tool.routeForPath(path),
		text,
		tree,
		title: '',
		headings: [],
		anchors: new Set(),
		links: [],
		definitions: [],
		references: [],
		codeBlocks: [],
		inlineCode: [],
		directives: [],
		dialectNotes: notes,
		...(origins && { sourceLines: origins }),
		...(moved && { sourceColumns: moved }),
		...(pasted && { pasted }),
		...(Math.max(onOneLine, depth) > maxNestingDepth && {
			notice: tooDeep(`${Math.max(onOneLine, depth)} levels`),
		}),
		...(pulled && pulled.length > 0 && { pulled: [...pulled].sort() }),
		...(tabTitle !== undefined && { tabTitle }),
	};
	walkMdast(tree, (node) => {
		switch (node.type) {
			case 'yaml':
				page.frontmatter = parseFrontmatter(node.value, startOf(node).line + 1);
				break;
			case 'toml':
				page.frontmatter = parseTomlFrontmatter(node.value, startOf(node).line + 1);
				break;
			case 'heading': {
				const { id: slug, text: headingText } = slugger.next(node);
				headingIds.set(node, slug);
				const legacy = tool.formerId?.(slug);
				if (legacy) (page.legacyAnchors ??= new Map()).set(legacy, slug);
				page.headings.push({
					depth: node.depth,
					text: headingText,
					slug,
					position: startOf(node),
				});
				if (slug !== '') page.anchors.add(slug);
				break;
			}
			case 'html': {
				const found = readRawHtml(node.value, parseHtml);
				for (const anchor of found.anchors) page.anchors.add(anchor.id);
				// Line starts found once per block: a table of thousands of linked rows is one block.
				const locate = found.links.length > 0 ? createLocator(node.value) : undefined;
				for (const link of found.links) {
					for (const { url, at } of link.urls) {
						// In MDX, `src={logo}` is code, not a URL.
						if (mdx && /^\{[\s\S]*\}$/.test(url)) continue;
						if (locate)
							page.links.push({
								url,
								kind: 'html',
								position: positionInNode(node, link.valueStart + at, locate),
								text: '',
							});
					}
				}
				break;
			}
			case 'link':
			case 'image':
				page.links.push({
					url: node.url,
					kind: node.type,
					position: startOf(node),
					text: node.type === 'link' ? toString(node) : (node.alt ?? ''),
				});
				break;
			case 'definition': {
				const def = node;
				page.definitions.push({
					identifier: def.identifier,
					url: def.url,
					position: startOf(node),
				});
				page.links.push({
					url: def.url,
					kind: 'definition',
					position: startOf(node),
					text: def.label ?? def.identifier,
				});
				break;
			}
			case 'linkReference':
			case 'imageReference': {
				const ref = node;
				page.references.push({
					identifier: ref.identifier,
					label: ref.label ?? ref.identifier,
					kind: node.type === 'linkReference' ? 'link' : 'image',
					position: startOf(node),
				});
				break;
			}
			case 'code': {
				const code = node;
				page.codeBlocks.push({
					lang: code.lang ?? '',
					meta: code.meta ?? '',
					value: code.value,
					position: startOf(node),
					contentLine: startOf(node).line + 1,
				});
				break;
			}
			case 'inlineCode':
				page.inlineCode.push({ value: node.value, position: startOf(node) });
				break;
			case 'textDirective':
			case 'leafDirective': {
				const directive = node;
				const attributes = Object.fromEntries(
					Object.entries(directive.attributes ?? {}).filter(
						(e): e is [string, string] => typeof e[1] === 'string',
					),
				);
				page.directives.push({
					name: directive.name,
					kind: node.type === 'textDirective' ? 'text' : 'leaf',
					attributes,
					position: startOf(node),
				});
				break;
			}
		}
	});
	const own = tool.frontmatter?.(fileText);
	if (own) page.frontmatter = parseOwnFrontmatter(own);
	if (page.frontmatter && context.toolKeys) page.frontmatter.toolKeys = context.toolKeys;
	for (const id of tool.anchors?.(tree, {
		text,
		headingId: (heading) => headingIds.get(heading),
		anchors: page.anchors,
	}) ?? [])
		page.anchors.add(id);
	const headerBlock = findHeaderBlock(tree);
	if (headerBlock) page.headerBlock = headerBlockFacts(headerBlock);
	const breadcrumbLine = findBreadcrumbLine(tree);
	if (breadcrumbLine) page.breadcrumbLine = breadcrumbLine;
	const fmTitle = page.frontmatter?.data?.['title'];
	const h1 = firstH1(tree);
	page.title =
		(typeof fmTitle === 'string' && fmTitle) ||
		(h1 && headingTitle(h1, tool.headingTitle)) ||
		fallbackTitle(path, tool);
	return page;
}

/** A page without a title of its own: its file name as words; a folder page (`README`, `index`, Hugo's `_index`) its folder's. */
function fallbackTitle(path: string, tool: ToolReading): string {
	return titleFromPath(path, tool) ?? 'Home';
}

/** TOML frontmatter (`+++`, Hugo) as a `Frontmatter`; key positions fall back to its first line. */
function parseTomlFrontmatter(value: string, firstLine: number): Frontmatter {
	const frontmatter: Frontmatter = {
		errors: [],
		source: { syntax: 'toml', text: value },
		firstLine,
	};
	try {
		frontmatter.data = toml().parse(value);
	} catch (error) {
		const line = error instanceof toml().TomlError ? error.line : 1;
		const column = error instanceof toml().TomlError ? error.column : 1;
		frontmatter.errors.push({
			message: `TOML: ${errorLine(error)}`,
			position: { line: firstLine + line - 1, column },
		});
	}
	return frontmatter;
}

/**
 * Front matter the parser does not see as such (Hugo's JSON front matter, `{ … }` opening the page)
 * as a `Frontmatter`: the values are JSON's, the key positions YAML's reading of the same text
 * (JSON is YAML's flow syntax).
 */
function parseOwnFrontmatter(json: OwnFrontmatter): Frontmatter {
	const frontmatter: Frontmatter = {
		errors: [],
		source: { syntax: 'json', text: json.source },
		firstLine: json.firstLine,
	};
	if (json.data) frontmatter.data = json.data;
	else
		frontmatter.errors.push({
			message: `JSON: ${json.error ?? 'unreadable'}`,
			position: { line: json.firstLine, column: 1 },
		});
	return frontmatter;
}

function parseFrontmatter(value: string, firstLine: number): Frontmatter {
	const lineCounter = new LineCounter();
	const document = parseDocument(value, { lineCounter, prettyErrors: false });
	const errors = locateYamlErrors(value, document.errors).map(({ error, position }) => ({
		message: errorLine(error),
		position: { line: firstLine + position.line - 1, column: position.column },
	}));
	const frontmatter: Frontmatter = { errors, source: { syntax: 'yaml', text: value }, firstLine };
	documents.set(frontmatter, { document, lineCounter });
	if (errors.length > 0) return frontmatter;
	let data: unknown;
	try {
		data = document.toJS();
	} catch (error) {
		// `yaml` refuses alias bombs (`&a [*a, *a, …]` nested) here rather than expand them.
		errors.push({ message: (error as Error).message, position: { line: firstLine, column: 1 } });
		return frontmatter;
	}
	frontmatter.data =
		data && typeof data === 'object' && !Array.isArray(data)
			? (data as Record<string, unknown>)
			: {};
	return frontmatter;
}

/** The frontmatter keys that name related pages, as in the header block. */
export const relationKeys = ['upstream', 'downstream', 'related'] as const;

/** `upstream`/`downstream`/`related` targets from frontmatter (a string or a list): links into other pages. */
export function relationHrefs(data: Record<string, unknown> | undefined): string[] {
	return relationKeys.flatMap((key) => {
		const value = data?.[key];
		const list: unknown[] = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
		return list.filter((href): href is string => typeof href === 'string');
	});
}

const documents = new WeakMap<Frontmatter, { document: Document; lineCounter: LineCounter }>();

/**
 * The frontmatter as a YAML document, for a key's position: TOML's values (with no positions of
 * their own, so keys fall back to the block's first line), JSON read as YAML's flow syntax.
 * Read again from `source` for a page the page cache kept, once per run.
 */
export function frontmatterDocument(frontmatter: Frontmatter): {
	document: Document;
	lineCounter: LineCounter;
} {
	let found = documents.get(frontmatter);
	if (!found) {
		const lineCounter = new LineCounter();
		const { syntax, text } = frontmatter.source;
		const document =
			syntax === 'toml'
				? new YamlDocument(frontmatter.data ?? {})
				: parseDocument(text, {
						lineCounter,
						prettyErrors: false,
						...(syntax === 'json' && { uniqueKeys: false }),
					});
		documents.set(frontmatter, (found = { document, lineCounter }));
	}
	return found;
}

/** Markdown-file position of a frontmatter key path (e.g. `['probes', 0, 'http']`), for findings. */
export function positionOfKey(frontmatter: Frontmatter, path: Array<string | number>): Position {
	const { document, lineCounter } = frontmatterDocument(frontmatter);
	const node = document.getIn(path, true) as { range?: [number, number, number] } | undefined;
	const pair =
		path.length > 0
			? (document.getIn(path.slice(0, -1), true) as
					| { items?: Array<{ key?: { value?: unknown; range?: [number] }; value?: unknown }> }
					| undefined)
			: undefined;
	const keyNode = pair?.items?.find((item) => item.key?.value === path.at(-1))?.key;
	const offset = keyNode?.range?.[0] ?? node?.range?.[0];
	if (offset === undefined) return { line: frontmatter.firstLine - 1, column: 1 };
	const pos = lineCounter.linePos(offset);
	return { line: frontmatter.firstLine + pos.line - 1, column: pos.col };
}

/** Page position of `offset` in a node's `value`, `locate` reading that value (exact unless a container prefix such as `> ` precedes a later line). */
function positionInNode(
	node: UnistNode & { value: string },
	offset: number,
	locate: (offset: number) => Position,
): Position {
	const start = startOf(node);
	const at = locate(offset);
	return at.line === 1
		? { line: start.line, column: start.column + at.column - 1 }
		: { line: start.line + at.line - 1, column: at.column };
}
