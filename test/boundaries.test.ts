import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

// House style rule 6: src/ renders in Astro and the browser and never loads checks/ (Node-only)
// at runtime; types may cross. ESLint enforces the same on src/**; this test holds without it.

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const checksDir = join(repo, 'checks');
const scanned = /\.(?:[cm]?[jt]sx?|astro)$/;

/**
 * One `file:line:column: message` per import in `text` that loads a module under checks/ when the
 * file runs. `import type` and `export type` are erased; `import { type X }` is not: with
 * `verbatimModuleSyntax` (tsconfig strictest) Node and esbuild keep it as `import {} from …`,
 * which still runs the module.
 */
function findRuntimeImports(file: string, text: string): string[] {
	if (file.endsWith('.d.ts')) return [];
	const findings: string[] = [];
	for (const { code, line: firstLine } of scriptsOf(file, text)) {
		const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
		const report = (node: ts.Node, specifier: string, expected: string) => {
			if (!loadsChecks(file, specifier)) return;
			const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
			findings.push(
				`${relative(repo, file)}:${firstLine + line}:${character + 1}: Unexpected runtime import of \`${specifier}\`, expected ${expected} (checks/ is Node-only)`,
			);
		};
		const visit = (node: ts.Node): void => {
			if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
				const clause = node.importClause;
				const inlineTypesOnly =
					clause &&
					!clause.name &&
					clause.namedBindings &&
					ts.isNamedImports(clause.namedBindings) &&
					clause.namedBindings.elements.every((e) => e.isTypeOnly);
				if (!clause?.isTypeOnly) {
					report(
						node,
						node.moduleSpecifier.text,
						inlineTypesOnly
							? '`import type { … }` (`import { type X }` still loads the module)'
							: '`import type`',
					);
				}
			} else if (
				ts.isExportDeclaration(node) &&
				node.moduleSpecifier &&
				ts.isStringLiteral(node.moduleSpecifier)
			) {
				if (!node.isTypeOnly) report(node, node.moduleSpecifier.text, '`export type`');
			} else if (
				ts.isImportEqualsDeclaration(node) &&
				ts.isExternalModuleReference(node.moduleReference)
			) {
				const expression = node.moduleReference.expression;
				if (!node.isTypeOnly && ts.isStringLiteral(expression))
					report(node, expression.text, '`import type`');
			} else if (ts.isCallExpression(node) && isImportOrRequire(node.expression)) {
				const argument = node.arguments[0];
				if (argument && ts.isStringLiteralLike(argument))
					report(node, argument.text, 'no runtime import (read probe JSON or use `import type`)');
			}
			ts.forEachChild(node, visit);
		};
		visit(source);
	}
	return findings;
}

function isImportOrRequire(callee: ts.Expression): boolean {
	return (
		callee.kind === ts.SyntaxKind.ImportKeyword ||
		(ts.isIdentifier(callee) && callee.text === 'require')
	);
}

/** The script parts of a file with the line each starts on: all of it, or an `.astro` file's frontmatter and `<script>` bodies. */
function scriptsOf(file: string, text: string): Array<{ code: string; line: number }> {
	if (!file.endsWith('.astro')) return [{ code: text, line: 1 }];
	const parts: Array<{ code: string; line: number }> = [];
	const lineAt = (index: number) => text.slice(0, index).split('\n').length;
	const frontmatter = /^\s*---\r?\n([\s\S]*?)\r?\n---/.exec(text);
	if (frontmatter?.[1] !== undefined)
		parts.push({
			code: frontmatter[1],
			line: lineAt(frontmatter.index + frontmatter[0].indexOf('\n') + 1),
		});
	for (const match of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
		const body = match[1] ?? '';
		parts.push({ code: body, line: lineAt((match.index ?? 0) + match[0].indexOf('>') + 1) });
	}
	return parts;
}

/** Relative specifiers resolving under checks/, and the package's own name (its exports are checks/). */
function loadsChecks(file: string, specifier: string): boolean {
	if (specifier === 'waymark' || specifier.startsWith('waymark/')) return true;
	if (!specifier.startsWith('.') && !specifier.startsWith('/')) return false;
	const target = resolve(dirname(file), specifier);
	return target === checksDir || target.startsWith(`${checksDir}/`);
}

async function listFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { withFileTypes: true, recursive: true });
	return entries
		.filter((e) => e.isFile() && scanned.test(e.name))
		.map((e) => join(e.parentPath, e.name));
}

describe('src/ → checks/ boundary', () => {
	test('no file under src/ loads checks/ at runtime', async () => {
		const files = await listFiles(join(repo, 'src'));
		expect(files.length).toBeGreaterThan(0);
		const findings = (
			await Promise.all(
				files.map(async (file) => findRuntimeImports(file, await readFile(file, 'utf8'))),
			)
		).flat();
		expect(findings).toEqual([]);
	});

	const srcFile = join(repo, 'src/markdown/example.ts');
	test.each([
		['`import type`', "import type { Config } from '../../checks/config.ts';"],
		['`export type … from`', "export type { Finding } from '../../checks/finding.ts';"],
		['a type query in a type position', "let c: import('../../checks/config.ts').Config;"],
		['an import from src/', "import { routeForPath } from '../lib/routes.ts';"],
		['a package import', "import { z } from 'zod';"],
		['a folder merely named like checks', "import { a } from './checks/a.ts';"],
	])('accepts %s', (_name, code) => {
		expect(findRuntimeImports(srcFile, code)).toEqual([]);
	});

	test.each([
		['a value import', "import { loadConfig } from '../../checks/config.ts';", '`import type`'],
		['a default import', "import waymark from '../../checks/integration.ts';", '`import type`'],
		['a side-effect import', "import '../../checks/errors.ts';", '`import type`'],
		[
			'inline type specifiers only',
			"import { type Config } from '../../checks/config.ts';",
			'`import type { … }` (`import { type X }` still loads the module)',
		],
		['a re-export', "export { formatFinding } from '../../checks/finding.ts';", '`export type`'],
		[
			'a dynamic import',
			"const m = await import('../../checks/engine.ts');",
			'no runtime import (read probe JSON or use `import type`)',
		],
		['the package by name', "import { runChecks } from 'waymark';", '`import type`'],
	])('reports %s', (_name, code, expected) => {
		const specifier = /['"]([^'"]+)['"]/.exec(code)?.[1];
		expect(findRuntimeImports(srcFile, code)).toEqual([
			`src/markdown/example.ts:1:${code.search(/\b(?:import|export)\b/) + 1}: Unexpected runtime import of \`${specifier}\`, expected ${expected} (checks/ is Node-only)`,
		]);
	});

	test('reports imports in an .astro file at their line, in frontmatter and in client scripts', () => {
		const astro = [
			'---',
			"import type { Config } from '../../checks/config.ts';",
			"import { probe } from '../../checks/probes/probe-one.ts';",
			'---',
			'<p>hi</p>',
			'<script>',
			"\timport { loadConfig } from '../../checks/config.ts';",
			'</script>',
		].join('\n');
		expect(findRuntimeImports(join(repo, 'src/components/Example.astro'), astro)).toEqual([
			'src/components/Example.astro:3:1: Unexpected runtime import of `../../checks/probes/probe-one.ts`, expected `import type` (checks/ is Node-only)',
			'src/components/Example.astro:7:2: Unexpected runtime import of `../../checks/config.ts`, expected `import type` (checks/ is Node-only)',
		]);
	});
});
