import type { Node as EsNode, Program } from 'estree';
import { createVisitors } from 'estree-util-scope';
import { visit } from 'estree-util-visit';

/**
 * What the code of an MDX page names, read with MDX's own scope rules (`estree-util-scope`, which
 * `@mdx-js/mdx` uses): a parameter or a local is never taken for a name of the page.
 */

/** The names `program` reads that it does not define itself, in order; components (capitalised JSX names, the root of `<a.b>`) marked. */
export function usedNames(program: Program): Array<{ name: string; component: boolean }> {
	const scope = createVisitors();
	const used: Array<{ name: string; component: boolean }> = [];
	const definedHere = (name: string) => scope.scopes.some((s) => s.defined.includes(name));
	visit(program, {
		enter(node, key, _index, ancestors) {
			scope.enter(node);
			const parent = ancestors.at(-1) as (EsNode & Record<string, unknown>) | undefined;
			if (node.type === 'Identifier' && isReference(parent, key) && !definedHere(node.name))
				used.push({ name: node.name, component: false });
			if (node.type === 'JSXOpeningElement') {
				let name = node.name;
				while (name.type === 'JSXMemberExpression') name = name.object;
				if (
					name.type === 'JSXIdentifier' &&
					(node.name.type === 'JSXMemberExpression' || isComponent(name.name)) &&
					!definedHere(name.name)
				)
					used.push({ name: name.name, component: true });
			}
		},
		leave: (node) => scope.exit(node),
	});
	return used;
}

/** Whether an `Identifier` at `key` of `parent` reads a variable (not a property name, a label or a key). */
function isReference(
	parent: (EsNode & Record<string, unknown>) | undefined,
	key: string | undefined,
): boolean {
	if (!parent) return true;
	switch (parent.type) {
		case 'MemberExpression':
			return key !== 'property' || parent.computed === true;
		case 'Property':
		case 'PropertyDefinition':
		case 'MethodDefinition':
			return key !== 'key' || parent.computed === true;
		case 'LabeledStatement':
		case 'BreakStatement':
		case 'ContinueStatement':
		case 'MetaProperty':
			return false;
		default:
			return true;
	}
}

/** Every name declared at the top of the page's ESM: imports, `export const`, functions, classes. */
export function topLevelNames(program: Program): string[] {
	const scope = createVisitors();
	for (const statement of program.body) {
		const declaration =
			statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration'
				? statement.declaration
				: statement;
		if (declaration) scope.enter(declaration as EsNode);
		// Function scopes opened by `enter` are closed again: only the top-level names are wanted.
		if (declaration && declaration.type === 'FunctionDeclaration')
			scope.exit(declaration as EsNode);
	}
	return scope.scopes[0].defined;
}

/** MDX's rule: a name starting with a lowercase letter is an HTML element, any other (or `a.b`) a component. */
export function isComponent(name: string): boolean {
	return name.includes('.') || !/^[a-z]/.test(name);
}
