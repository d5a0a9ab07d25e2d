import type { Nodes } from 'mdast';
import type { Position } from '../../../core/position.ts';
import { parseMdx } from '../../../tree/mdx-syntax.ts';

/** Something in an `.mdx` page that runs as code when MDX compiles the page. */
export interface MdxConstruct {
	position: Position;
	/** What it is, as it reads after "Unexpected ", e.g. "MDX import `import {x} from 'y'`". */
	what: string;
}

/** The opening of a construct's source, for messages: one line, at most 60 characters. */
function excerpt(source: string): string {
	const line = source.trim().split('\n')[0] ?? '';
	return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

/**
 * Every MDX construct that would run as code: imports and exports, `{expressions}`, expression
 * and spread attributes, and components (`<Status />`, `<Chart />`; lowercase tags are HTML).
 * Parsed with MDX's own grammar (acorn parses the JavaScript; nothing is evaluated). A page MDX
 * cannot parse yields one construct: the syntax error.
 */
export function findMdxConstructs(text: string): MdxConstruct[] {
	const parsed = parseMdx(text);
	if ('error' in parsed) return [{ position: { line: parsed.error.line, column: parsed.error.column }, what: `MDX syntax error (${parsed.error.message})` }];
	const { tree } = parsed;
	const found: MdxConstruct[] = [];
	const stack: Nodes[] = [tree];
	for (let node = stack.pop(); node; node = stack.pop()) {
		const position = { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
		const source = node.position ? text.slice(node.position.start.offset, node.position.end.offset) : '';
		switch (node.type) {
			case 'mdxjsEsm':
				found.push({ position, what: `MDX ${/^\s*import\b/.test(node.value) ? 'import' : 'export'} \`${excerpt(node.value)}\`` });
				break;
			case 'mdxFlowExpression':
			case 'mdxTextExpression':
				found.push({ position, what: `MDX expression \`${excerpt(source)}\`` });
				break;
			case 'mdxJsxFlowElement':
			case 'mdxJsxTextElement': {
				const isComponent = node.name !== null && /^[A-Z]|[.]/.test(node.name);
				const hasCode = node.attributes.some((a) => a.type === 'mdxJsxExpressionAttribute' || (a.value !== null && typeof a.value === 'object'));
				if (isComponent) found.push({ position, what: `MDX component \`<${node.name}>\`` });
				else if (hasCode) found.push({ position, what: `expression in the attributes of \`<${node.name ?? ''}>\`` });
				break;
			}
		}
		if ('children' in node) for (const child of [...node.children].reverse()) stack.push(child);
	}
	return found.sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);
}
