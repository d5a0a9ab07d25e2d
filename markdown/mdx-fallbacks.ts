import type { Node as EsNode, Program } from 'estree';
import type { BlockContent, Nodes, Parents, PhrasingContent, Root } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx';
import { find, html } from 'property-information';
import { isComponent, topLevelNames, usedNames } from './mdx-scope.ts';
import { noticeNode } from './notice-nodes.ts';

/** One part of an MDX page the site shows as a notice instead of running it. */
export interface MdxFallback {
	kind: 'import' | 'export' | 'component' | 'element' | 'expression';
	line: number;
	column: number;
	/** The import's source, the component's or element's name, the expression's source excerpt. */
	name: string;
	/** Why, as the notice says it after the name: "is imported from `@site/…`, outside the guidebook root". */
	reason: string;
	/** The blocked import (taken out, and reported at its line) it uses, for a component, element or expression that uses one. */
	from?: string;
}

/** Components `pages/[...slug].astro` hands every MDX page (`<Content components={{ Status }} />`). */
export const pageComponents = ['Status'];

/**
 * How an MDX page is made safe to render.
 * - `compile` (a trusted tree: MDX compiles and runs): only what cannot work is replaced. An
 *   import in `blocked` is taken out (its names become `undefined`); a component the page neither
 *   imports, defines nor gets (`provided`), one from a blocked import or one from an `unrenderable`
 *   module renders its content under a notice naming it; so does an element whose attributes name
 *   such a thing; an expression naming something undefined becomes a notice.
 * - `inert` (an untrusted tree: nothing runs; the page renders as Markdown): every import and
 *   export goes, every component and every element with code in its attributes shows its content
 *   under a notice, every expression is a notice (a comment alone, `{/* x *\/}`, is nothing, as
 *   in MDX), and HTML elements keep their literal attributes.
 */
export interface MdxFallbackOptions {
	mode: 'compile' | 'inert';
	/** `compile`: imports that cannot be used, by source, with why ("outside the guidebook root"). */
	blocked?: ReadonlyMap<string, string>;
	/** `compile`: imports whose values the page may use but whose components the site does not render, with why. */
	unrenderable?: ReadonlyMap<string, string>;
	/** `compile`: components the page gets without importing them. */
	provided?: Iterable<string>;
}

/** Names an MDX page's expressions may use without defining them: MDX's `props`, what Astro's MDX exports, the runtime's globals. */
const mdxGlobals = new Set([
	'props',
	'frontmatter',
	'getHeadings',
	'url',
	'file',
	'Content',
	...Object.getOwnPropertyNames(globalThis),
]);

/** Components every MDX page gets from Astro (`@astrojs/mdx` postprocess). */
const astroProvided = ['Fragment'];

/**
 * Applies `options` to an MDX syntax tree (MDX's grammar, with `data.estree` on its code) in
 * place, and lists what it replaced, in document order. The checks list the same for the same
 * text, so every notice on the page is a finding at its line.
 */
export function applyMdxFallbacks(tree: Root, options: MdxFallbackOptions): MdxFallback[] {
	const fallbacks: MdxFallback[] = [];
	const unavailable = new Map<string, Problem>();
	const notComponents = new Map<string, Problem>();
	const components = new Set([...astroProvided, ...(options.provided ?? [])]);
	const defined = new Set<string>();
	tree.children = tree.children.filter((node) => {
		if (node.type !== 'mdxjsEsm') return true;
		const program = node.data?.estree;
		if (options.mode === 'inert') {
			const base = node.position?.start.offset ?? 0;
			const statements =
				program?.body.map((statement) => ({
					statement,
					text: statement.range
						? node.value.slice(statement.range[0] - base, statement.range[1] - base)
						: node.value,
				})) ?? [];
			for (const { statement, text } of statements.length > 0
				? statements
				: [{ statement: undefined, text: node.value }]) {
				const kind = statement
					? statement.type === 'ImportDeclaration'
						? 'import'
						: 'export'
					: /^\s*import\b/.test(text)
						? 'import'
						: 'export';
				fallbacks.push({
					kind,
					...startOf(node, statement),
					name: excerpt(text),
					reason: 'is not run in a build under review',
				});
			}
			return false;
		}
		if (!program) return true;
		program.body = program.body.flatMap((statement) => {
			const source =
				'source' in statement && statement.source ? String(statement.source.value) : undefined;
			const valuesOnly = source === undefined ? undefined : options.unrenderable?.get(source);
			if (valuesOnly !== undefined && statement.type === 'ImportDeclaration') {
				for (const specifier of statement.specifiers)
					notComponents.set(specifier.local.name, {
						reason: `is imported from \`${source}\`, ${valuesOnly}`,
					});
			}
			const reason = source === undefined ? undefined : options.blocked?.get(source);
			if (reason === undefined) return [statement];
			fallbacks.push({ kind: 'import', ...startOf(node, statement), name: source ?? '', reason });
			if (statement.type !== 'ImportDeclaration' || statement.specifiers.length === 0) return [];
			for (const specifier of statement.specifiers)
				unavailable.set(specifier.local.name, {
					reason: `is imported from \`${source}\`, ${reason}`,
					from: source ?? '',
				});
			// Its names stay declared, as `undefined`: code elsewhere on the page that reads one does not stop the page.
			return [
				{
					type: 'VariableDeclaration',
					kind: 'const',
					declarations: statement.specifiers.map((s) => ({
						type: 'VariableDeclarator',
						id: { type: 'Identifier', name: s.local.name },
						init: { type: 'Identifier', name: 'undefined' },
					})),
				},
			];
		});
		for (const name of topLevelNames(program)) {
			if (unavailable.has(name)) continue;
			defined.add(name);
			components.add(name);
		}
		return program.body.length > 0;
	});
	// A page that exports `components` may hand any name to itself: only what it imports is judged.
	const anyComponent = defined.has('components');
	const problem = (name: string, component: boolean): Problem | undefined => {
		if (options.mode === 'inert') return undefined;
		if (unavailable.has(name)) return unavailable.get(name);
		if (component && notComponents.has(name)) return notComponents.get(name);
		if (
			component ? anyComponent || components.has(name) : defined.has(name) || mdxGlobals.has(name)
		)
			return undefined;
		return {
			reason: component
				? 'is neither imported nor defined on the page'
				: 'is not defined on the page',
		};
	};
	transformChildren(tree, { options, fallbacks, problem });
	return fallbacks;
}

/** Why a name cannot be used, and the blocked import it comes from. */
interface Problem {
	reason: string;
	from?: string;
}

const notRun: Problem = { reason: 'is not run in a build under review' };

interface Walk {
	options: MdxFallbackOptions;
	fallbacks: MdxFallback[];
	/** Why `name` cannot be used here (`compile`), or `undefined`. */
	problem: (name: string, component: boolean) => Problem | undefined;
}

function transformChildren(parent: Parents, walk: Walk): void {
	const children: Nodes[] = [];
	for (const child of (parent.children as Nodes[]).flatMap(unravel))
		children.push(...transformNode(child, walk));
	(parent as { children: Nodes[] }).children = children;
}

/**
 * MDX's own step (`remark-mark-and-unravel`, which runs before any plugin when MDX compiles): a
 * paragraph of nothing but JSX and expressions (and white space) is those, as blocks. `<details>`
 * on its own line is a block, not a paragraph holding it.
 */
function unravel(node: Nodes): Nodes[] {
	if (node.type !== 'paragraph') return [node];
	const code: PhrasingContent[] = node.children.filter(
		(child) => child.type === 'mdxJsxTextElement' || child.type === 'mdxTextExpression',
	);
	const onlyCode =
		code.length > 0 &&
		node.children.every(
			(child) => code.includes(child) || (child.type === 'text' && child.value.trim() === ''),
		);
	if (!onlyCode) return [node];
	for (const child of code)
		(child as { type: string }).type =
			child.type === 'mdxJsxTextElement' ? 'mdxJsxFlowElement' : 'mdxFlowExpression';
	return code;
}

function transformNode(node: Nodes, walk: Walk): Nodes[] {
	const inert = walk.options.mode === 'inert';
	if (node.type === 'mdxFlowExpression' || node.type === 'mdxTextExpression') {
		const program = node.data?.estree;
		// `{/* note */}` renders nothing in MDX.
		if (program && program.body.length === 0) return inert ? [] : [node];
		const problem = inert ? notRun : firstProblem(program, walk);
		if (problem === undefined) return [node];
		const name = `{${excerpt(node.value)}}`;
		walk.fallbacks.push({ kind: 'expression', ...startOf(node), name, ...problem });
		return [
			noticeNode(
				['MDX expression ', { code: name }, ` not shown: it ${problem.reason}.`],
				node.type === 'mdxFlowExpression',
			),
		];
	}
	if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement')
		return transformElement(node, walk);
	if ('children' in node) transformChildren(node, walk);
	return [node];
}

function transformElement(node: MdxJsxFlowElement | MdxJsxTextElement, walk: Walk): Nodes[] {
	const inert = walk.options.mode === 'inert';
	transformChildren(node, walk);
	const flow = node.type === 'mdxJsxFlowElement';
	// `<>…</>`: only its content.
	if (node.name === null) return inert ? node.children : [node];
	const component = isComponent(node.name);
	const problem = component
		? inert
			? notRun
			: walk.problem(node.name.split('.')[0] ?? node.name, true)
		: attributeProblem(node, walk);
	if (problem !== undefined) {
		walk.fallbacks.push({
			kind: component ? 'component' : 'element',
			...startOf(node),
			name: node.name,
			...problem,
		});
		const what = component ? `Component \`<${node.name}>\`` : `\`<${node.name}>\``;
		if (node.children.length === 0)
			return [noticeNode([`${what} is not shown: it ${problem.reason}.`], flow)];
		const notice = noticeNode(
			[`${what} is not shown: it ${problem.reason}. Its content is shown without it.`],
			flow,
		);
		return [wrapper(flow, ['wm-mdx-fallback'], [notice, ...node.children])];
	}
	if (!inert) return [node];
	// An HTML element with literal attributes only: the element itself, for the sanitiser to judge.
	const properties: Record<string, string | true> = {};
	for (const attribute of node.attributes)
		if (
			attribute.type === 'mdxJsxAttribute' &&
			(attribute.value === null || typeof attribute.value === 'string')
		)
			properties[find(html, attribute.name).property] = attribute.value ?? true;
	return [wrapper(flow, [], node.children, node.name, properties)];
}

/** Why an element's attributes cannot be used: `inert`, any code in them; `compile`, a name they use that is not there. */
function attributeProblem(
	node: MdxJsxFlowElement | MdxJsxTextElement,
	walk: Walk,
): Problem | undefined {
	for (const attribute of node.attributes) {
		const program =
			attribute.type === 'mdxJsxExpressionAttribute'
				? attribute.data?.estree
				: typeof attribute.value === 'object' && attribute.value
					? attribute.value.data?.estree
					: undefined;
		const code =
			attribute.type === 'mdxJsxExpressionAttribute' ||
			(typeof attribute.value === 'object' && attribute.value !== null);
		if (!code) continue;
		if (walk.options.mode === 'inert')
			return { reason: 'has code in its attributes, which is not run in a build under review' };
		const problem = firstProblem(program ?? undefined, walk);
		if (problem !== undefined)
			return { ...problem, reason: `has an attribute that ${problem.reason}` };
	}
	return undefined;
}

/** The first name `program` uses that is not there, with why: "names `nope`, which is not defined on the page". */
function firstProblem(program: Program | undefined | null, walk: Walk): Problem | undefined {
	if (!program) return undefined;
	for (const { name, component } of usedNames(program)) {
		const problem = walk.problem(name, component);
		if (problem !== undefined)
			return { ...problem, reason: `names \`${name}\`, which ${problem.reason}` };
	}
	return undefined;
}

/** A block or inline element holding `children`: Markdown nodes the site's steps know, shown as `tagName`. */
function wrapper(
	flow: boolean,
	className: string[],
	children: Nodes[],
	tagName = flow ? 'div' : 'span',
	properties: Record<string, unknown> = {},
): Nodes {
	const data = {
		hName: tagName,
		hProperties: { ...properties, ...(className.length > 0 && { className }) },
	};
	return flow
		? { type: 'blockquote', data, children: children as BlockContent[] }
		: { type: 'emphasis', data, children: children as PhrasingContent[] };
}

function startOf(node: Nodes, statement?: EsNode): { line: number; column: number } {
	const at = (statement as { loc?: { start: { line: number; column: number } } } | undefined)?.loc
		?.start;
	if (at) return { line: at.line, column: at.column + 1 };
	return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

/** The opening of some code, for a notice: one line, at most 60 characters. */
function excerpt(source: string): string {
	const line = source.trim().split('\n')[0] ?? '';
	return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}
