/**
 * Which labels the series of a PromQL expression carry, as far as the expression itself says:
 * `sum by (instance) (…)` keeps exactly `instance`, `sum without (pod) (…)` keeps whatever the
 * inner series carry except `pod`, a plain selector keeps labels only the scraped series know.
 * Read with Prometheus's own grammar (`@prometheus-io/lezer-promql`, what its UI parses with),
 * so an expression is read as Prometheus reads it; one it cannot parse says nothing.
 */
import type * as LezerPromql from '@prometheus-io/lezer-promql';
import { lazyModule } from '../core/lazy-module.ts';

// The grammar loads with the first alert rule read: a tree that names no alert never needs it.
const promql = lazyModule<typeof LezerPromql>('@prometheus-io/lezer-promql');

type SyntaxNode = ReturnType<typeof LezerPromql.parser.parse>['topNode'];

/**
 * `exact`: the series carry these labels and no others. `open`: they carry labels the expression
 * does not name (a selector's series), but none of `dropped`.
 */
export type KeptLabels =
	{ kind: 'exact'; labels: ReadonlySet<string> } | { kind: 'open'; dropped: ReadonlySet<string> };

const open = (dropped: Iterable<string> = []): KeptLabels => ({
	kind: 'open',
	dropped: new Set(dropped),
});
const exact = (labels: Iterable<string>): KeptLabels => ({
	kind: 'exact',
	labels: new Set(labels),
});
const unknown = open();

/** Whether series of this shape can carry `label`: false only when the expression says they cannot. */
export function mayCarry(kept: KeptLabels, label: string): boolean {
	return kept.kind === 'exact' ? kept.labels.has(label) : !kept.dropped.has(label);
}

/** Longer expressions are not read (the parser's time grows faster than their length); real rules are far shorter. */
const maxExpressionLength = 20_000;

/** The labels `expr`'s series keep; `open` (nothing known) when it does not parse or is too long to read. */
export function keptLabels(expr: string): KeptLabels {
	if (expr.length > maxExpressionLength) return unknown;
	const tree = promql().parser.parse(expr);
	let broken = false;
	tree.iterate({
		enter(node) {
			if (node.type.isError) broken = true;
			return !broken;
		},
	});
	const top = tree.topNode.firstChild;
	if (broken || !top) return unknown;
	try {
		return labelsOf(top, expr);
	} catch (error) {
		// Nesting deeper than the stack (a rule file is the tree's input): nothing known, never a crash.
		if (error instanceof RangeError) return unknown;
		throw error;
	}
}

const children = (node: SyntaxNode): SyntaxNode[] => {
	const found: SyntaxNode[] = [];
	for (let child = node.firstChild; child; child = child.nextSibling) found.push(child);
	return found;
};

/** The label names of a `GroupingLabels` node, as written. */
function groupingNames(grouping: SyntaxNode | undefined, expr: string): string[] {
	if (!grouping) return [];
	return grouping.getChildren('LabelName').map((n) => expr.slice(n.from, n.to));
}

/** A string literal's value (PromQL strings: `"…"`, `'…'`, or backquoted). */
function stringValue(node: SyntaxNode | undefined, expr: string): string | undefined {
	if (node?.name !== 'StringLiteral') return undefined;
	const raw = expr.slice(node.from, node.to);
	if (raw.startsWith('`')) return raw.slice(1, -1);
	try {
		return JSON.parse(
			raw.startsWith("'") ? `"${raw.slice(1, -1).replace(/"/g, '\\"')}"` : raw,
		) as string;
	} catch {
		return undefined;
	}
}

/** Expressions (not literals or keywords) among a call's arguments. */
const isValue = (node: SyntaxNode): boolean =>
	!['StringLiteral', 'NumberDurationLiteral'].includes(node.name);

function labelsOf(node: SyntaxNode, expr: string): KeptLabels {
	switch (node.name) {
		case 'ParenExpr':
		case 'OffsetExpr':
		case 'SubqueryExpr':
		case 'MatrixSelector':
		case 'StepInvariantExpr':
		case 'UnaryExpr': {
			const inner = children(node).find((c) => c.name !== 'UnaryOp' && isValue(c));
			return inner ? labelsOf(inner, expr) : exact([]);
		}
		case 'NumberDurationLiteral':
		case 'StringLiteral':
			return exact([]);
		case 'VectorSelector':
			return unknown;
		case 'AggregateExpr':
			return aggregate(node, expr);
		case 'FunctionCall':
			return call(node, expr);
		case 'BinaryExpr':
			return binary(node, expr);
		default:
			return unknown;
	}
}

function aggregate(node: SyntaxNode, expr: string): KeptLabels {
	const op = expr.slice(node.firstChild?.from ?? 0, node.firstChild?.to ?? 0);
	const modifier = node.getChild('AggregateModifier');
	const body = children(node.getChild('FunctionCallBody') ?? node).filter(isValue);
	const inner = body.at(-1);
	const innerKept = inner ? labelsOf(inner, expr) : exact([]);
	// topk, bottomk, limitk, limit_ratio choose series: they keep theirs whole.
	if (['topk', 'bottomk', 'limitk', 'limit_ratio'].includes(op)) return innerKept;
	const extra: string[] = [];
	if (op === 'count_values') {
		const label = stringValue(node.getChild('FunctionCallBody')?.firstChild ?? undefined, expr);
		if (label === undefined) return unknown;
		extra.push(label);
	}
	const grouping = groupingNames(modifier?.getChild('GroupingLabels') ?? undefined, expr);
	if (modifier?.getChild('Without')) {
		if (innerKept.kind === 'exact')
			return exact([...innerKept.labels].filter((l) => !grouping.includes(l)).concat(extra));
		return open([...innerKept.dropped, ...grouping].filter((l) => !extra.includes(l)));
	}
	return exact([...grouping, ...extra]);
}

function call(node: SyntaxNode, expr: string): KeptLabels {
	const name = expr.slice(node.firstChild?.from ?? 0, node.firstChild?.to ?? 0);
	const args = children(node.getChild('FunctionCallBody') ?? node);
	const first = args.find(isValue);
	switch (name) {
		case 'vector':
		case 'time':
		case 'scalar':
		case 'pi':
			return exact([]);
		case 'absent':
		case 'absent_over_time': {
			// One series, with the labels its selector's equality matchers name.
			const selector = first?.name === 'MatrixSelector' ? first.firstChild : first;
			if (selector?.name !== 'VectorSelector') return exact([]);
			const matchers =
				selector.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? [];
			return exact(
				matchers
					.filter((m) => m.getChild('MatchOp')?.getChild('EqlSingle'))
					.map((m) => m.getChild('LabelName'))
					.filter((n): n is SyntaxNode => n !== null)
					.map((n) => expr.slice(n.from, n.to)),
			);
		}
		case 'label_replace':
		case 'label_join': {
			const kept = first ? labelsOf(first, expr) : unknown;
			const target = stringValue(args[1], expr);
			if (target === undefined) return unknown;
			return kept.kind === 'exact'
				? exact([...kept.labels, target])
				: open([...kept.dropped].filter((l) => l !== target));
		}
		default:
			// Every other function keeps the labels of its vector argument (less the metric name).
			return first ? labelsOf(first, expr) : exact([]);
	}
}

function binary(node: SyntaxNode, expr: string): KeptLabels {
	const operands = children(node).filter(isExpression);
	const [left, right] = [operands[0], operands[1]];
	if (!left || !right) return unknown;
	// A number on one side: the other side's series, as they are.
	if (isScalar(left)) return labelsOf(right, expr);
	const l = labelsOf(left, expr);
	if (isScalar(right)) return l;
	const r = labelsOf(right, expr);
	const op = children(node).find(
		(c) => !isExpression(c) && !['MatchingModifierClause', 'BoolModifier'].includes(c.name),
	)?.name;
	if (op === 'Or') {
		if (l.kind === 'exact' && r.kind === 'exact') return exact([...l.labels, ...r.labels]);
		const dropped = [
			...(l.kind === 'open' ? l.dropped : []),
			...(r.kind === 'open' ? r.dropped : []),
		];
		return open(dropped.filter((x) => !mayCarry(l, x) && !mayCarry(r, x)));
	}
	const matching = node.getChild('MatchingModifierClause');
	if (!matching || op === 'And' || op === 'Unless') return l;
	const groups = matching.getChildren('GroupingLabels');
	const on = groupingNames(groups[0], expr);
	const include = groupingNames(groups[1], expr);
	if (matching.getChild('GroupLeft')) return withLabels(l, include);
	if (matching.getChild('GroupRight')) return withLabels(r, include);
	// One-to-one: `on(…)` keeps only those labels, `ignoring(…)` the left side's less those.
	if (matching.getChild('On')) return exact(on.filter((x) => mayCarry(l, x)));
	return l.kind === 'exact'
		? exact([...l.labels].filter((x) => !on.includes(x)))
		: open([...l.dropped, ...on]);
}

function withLabels(kept: KeptLabels, added: string[]): KeptLabels {
	return kept.kind === 'exact'
		? exact([...kept.labels, ...added])
		: open([...kept.dropped].filter((l) => !added.includes(l)));
}

/** Nodes that are operands (expressions) rather than operator tokens or modifiers. */
function isExpression(node: SyntaxNode): boolean {
	return /Expr$|Selector$|Literal$|^FunctionCall$/.test(node.name);
}

/** A number, a scalar function or a parenthesised one: the side of a binary expression whose labels never matter. */
function isScalar(node: SyntaxNode): boolean {
	if (node.name === 'NumberDurationLiteral') return true;
	if (node.name === 'ParenExpr' || node.name === 'UnaryExpr') {
		const inner = children(node).find(isExpression);
		return inner ? isScalar(inner) : false;
	}
	return false;
}
