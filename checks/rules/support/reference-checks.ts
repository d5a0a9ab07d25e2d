/** `[text][label]` references a page leaves as text, and definitions no reference uses: the `internal-links` rule's reference checks. */
import { pageFact, type PageModel } from '../../../tree/parse-page.ts';
import { createLocator } from '../../../core/position.ts';
import { walkMdast } from '../../../markdown/walk-mdast.ts';
import type { Position } from '../../finding.ts';
import type { RuleContext, RuleReport } from '../define-rule.ts';
import { suggestAnchor } from './tree-suggestions.ts';

/** Which reference checks run. */
export interface ReferenceChecks {
	undefined: boolean;
	unused: boolean;
}

/**
 * `[#123][alice]`, `[PR #123][alice]`, `[!45][bob]`, `[GH-7][carol]` on a page that defines no references: release
 * notes naming a change and its author, text by intent on every CommonMark tool (kubevirt's user
 * guide has 883). Where the page has definitions, an undefined label is still a typo there.
 */
function issueAndAuthor(text: string, definitionLabels: readonly string[]): boolean {
	return (
		definitionLabels.length === 0 &&
		/^(?:(?:PR|MR|pull request|issue|bug)\s*)?(?:#|!|GH-)?\d+$/i.test(text.trim())
	);
}

const normalise = (label: string): string => label.toLowerCase().replace(/\s+/g, ' ').trim();

/** `[text][label]` left as text means the label has no definition; unused definitions are warnings. */
export function checkReferences(ctx: RuleContext, page: PageModel, checks: ReferenceChecks): void {
	const defined = new Set(page.definitions.map((d) => normalise(d.identifier)));
	const used = new Set(page.references.map((r) => normalise(r.identifier)));
	const definitionLabels = page.definitions.map((d) => d.identifier);
	// Read from the page's text nodes alone: kept with the page between runs, so its syntax tree is not parsed again for it.
	if (checks.undefined)
		for (const report of pageFact(page, 'internal-links:undefined-references', () =>
			undefinedReferences(page, defined, definitionLabels),
		))
			ctx.report(report);
	for (const definition of page.definitions) {
		// `[//]: # "note"` is the Markdown comment idiom, a definition nobody means to use.
		if (!checks.unused || used.has(normalise(definition.identifier)) || definition.url === '#')
			continue;
		ctx.report({
			file: page.path,
			position: definition.position,
			severity: 'warning',
			message: `Unexpected unused definition \`[${definition.identifier}]\`, expected a reference to it or no definition`,
		});
	}
}

function undefinedReferences(
	page: PageModel,
	defined: Set<string>,
	definitionLabels: string[],
): RuleReport[] {
	const reports: RuleReport[] = [];
	walkMdast(page.tree, (node) => {
		if (node.type !== 'text' || !node.position || !node.value.includes('][')) return;
		for (const match of node.value.matchAll(/\[([^\]\n]*)\]\[([^\]\n]*)\]/g)) {
			const written = (match[2] || match[1] || '').trim();
			const label = normalise(written);
			if (
				label === '' ||
				defined.has(label) ||
				isSubscript(node.value, match.index, match[1] ?? '') ||
				issueAndAuthor(match[1] ?? '', definitionLabels)
			)
				continue;
			const position = offsetPosition(node.position.start, node.value, match.index);
			const suggestion =
				definitionLabels.length > 0 ? suggestAnchor(label, definitionLabels) : undefined;
			const expected =
				definitionLabels.length > 0
					? `one of ${definitionLabels
							.slice(0, 8)
							.map((l) => `\`[${l}]\``)
							.join(', ')}`
					: 'a definition such as `[label]: path.md`';
			reports.push({
				file: page.path,
				position,
				message: `Unexpected reference to undefined definition \`[${written}]\`, expected ${expected}${suggestion ? `; did you mean \`[${suggestion}]\`` : ''}`,
			});
		}
	});
	return reports;
}

/**
 * `work["payload"]["class"]`, `rows[0][1]`: index chains in prose, which forges print as text and
 * nobody means as a reference. A reference's text follows a space or punctuation and is words,
 * not a quoted key or a number.
 */
function isSubscript(text: string, index: number, first: string): boolean {
	return /[\w\])]/.test(text[index - 1] ?? '') || /^\s*(?:"[^"]*"|'[^']*'|\d+)\s*$/.test(first);
}

/** Where `offset` of a node's value lies in the page, counted from the node's start. */
function offsetPosition(start: Position, value: string, offset: number): Position {
	const at = createLocator(value)(offset);
	return at.line === 1
		? { line: start.line, column: start.column + at.column - 1 }
		: { line: start.line + at.line - 1, column: at.column };
}
