import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { toolNames } from '../../tools/index.ts';

/**
 * What Waymark knows of one documentation tool lives in `tools/<name>/` (issue 53). Everywhere else
 * asks the tree's tool (`tools/tool.ts`, `tools/reading.ts`) and names none: code that compares a
 * tool's name (`dialect === 'hugo'`, `case 'mkdocs':`), keys data by it, imports a tool's folder or
 * names a function after a tool is how the knowledge spread over twenty files before. Prose may name
 * tools (a rule's description, a message, a comment); code may not.
 */
const root = join(import.meta.dirname, '../..');
// The product's folders, as `npm run lint` lists them (`package.json`), but `tools/` itself.
const productFolders = [
	'cli',
	'config',
	'core',
	'markdown',
	'tree',
	'network',
	'diagrams',
	'alerts',
	'checks',
	'preview',
	'server',
	'export',
	'setup',
	'integration',
	'src',
	'bin',
];

/**
 * GitHub and GitLab are forges as well as readings of Markdown: a file may name one for what it is
 * besides a documentation tool, never to ask how a tree is read. Each such name, by file.
 */
const forgeHosting: Record<string, readonly string[]> = {
	// The CI service `waymark init` writes a workflow for.
	'setup/ci-workflows.ts': [
		"'github'",
		"'gitlab'",
		'githubWorkflow',
		'gitlabWorkflow',
		'githubString',
	],
	'setup/workflow-install.ts': ["'github'"],
	'setup/init-project.ts': ['githubWorkflow', 'gitlabWorkflow'],
	// The Pages of the forge the workflow deploys to (`init --deploy pages`).
	'cli/commands/init.ts': ["'github'"],
	// The forge an "edit this page" link opens.
	'markdown/forge-links.ts': ["'github'", "'gitlab'", 'github', 'gitlab'],
	// The report format of GitHub Actions (`--format github`).
	'checks/report/github.ts': ['github'],
	'checks/report/index.ts': ['github'],
	'checks/report/names.ts': ["'github'"],
	// Shiki's colour themes and the github-slugger library.
	'markdown/code-colours.ts': ['githubDark', 'githubLight'],
	'markdown/anchors.ts': ['GithubSlugger'],
};

function* productFiles(dir: string): Generator<string> {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) yield* productFiles(path);
		else if (/\.(?:ts|mts|mjs|astro)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
			yield path;
	}
}

const toolWord = new RegExp(`(?:^|[^a-z])(${toolNames.join('|')})(?:$|[^a-z])`, 'i');
// Names in code are camelCase or snake_case: `hugoConfigDir`, `isMkdocs`, `MDBOOK_ROOT`.
const identifierWords = (name: string): string[] =>
	name
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.toLowerCase()
		.split(/[\s_$]+/);

/** Whether words of an identifier name a tool: a run of them for a name of several (`azure-devops` in `isAzureDevopsTree`). */
function namesInWords(words: readonly string[], names: ReadonlySet<string>): boolean {
	return [...names].some((name) => {
		const parts = name.split('-');
		return words.some((_, i) => words.slice(i, i + parts.length).join('-') === name);
	});
}

/** Where a TypeScript text names a tool in code: a string that is a tool's name, a tool's folder imported, an identifier named for one. */
export function toolNamesInCode(
	text: string,
	fileName = 'file.ts',
): Array<{ line: number; found: string }> {
	const names = new Set(toolNames.map((name) => name.toLowerCase()));
	const source = ts.createSourceFile(
		fileName,
		text,
		ts.ScriptTarget.Latest,
		true,
		ts.ScriptKind.TS,
	);
	const found: Array<{ line: number; found: string }> = [];
	const at = (node: ts.Node, what: string) =>
		found.push({
			line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
			found: what,
		});
	const visit = (node: ts.Node): void => {
		if (ts.isStringLiteralLike(node)) {
			const value = node.text;
			if (names.has(value.toLowerCase())) at(node, `'${value}'`);
			else if (
				(ts.isImportDeclaration(node.parent) ||
					ts.isExportDeclaration(node.parent) ||
					ts.isCallExpression(node.parent)) &&
				/(?:^|\/)tools\/[^/]+\//.test(value) &&
				toolWord.test(value.replace(/^.*tools\//, ''))
			)
				at(node, `import of ${value}`);
		} else if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
			if (namesInWords(identifierWords(node.text), names)) at(node, node.text);
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return found;
}

/** The code of a file: an `.astro` file's script between its `---` fences and its template's expressions read as one script. */
function codeOf(path: string): string {
	const text = readFileSync(path, 'utf8');
	if (!path.endsWith('.astro')) return text;
	const fence = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
	const script = fence?.[1] ?? '';
	const template = text.slice(fence?.[0].length ?? 0);
	const expressions = [...template.matchAll(/\{([^{}]*)\}/g)]
		.map((match) => `(${match[1]});`)
		.join('\n');
	return `${script}\n${expressions}`;
}

describe('tools are named only in tools/', () => {
	test('no product file outside tools/ compares, imports or names a documentation tool in its code', () => {
		const offences = productFolders
			.flatMap((folder) => [...productFiles(join(root, folder))])
			.map((path) => relative(root, path).split('\\').join('/'))
			.flatMap((path) =>
				toolNamesInCode(codeOf(join(root, path)), path)
					.filter((at) => !forgeHosting[path]?.includes(at.found))
					.map((at) => `${path}:${at.line}: ${at.found}`),
			);
		expect(offences).toEqual([]);
	});

	// The guard must see each way a switch on a tool's name is written, for every tool the registry holds.
	test.each(toolNames)('finds %s named in code, and not in prose', (name) => {
		// A name of several words (`azure-devops`) is written in code as `azureDevops`, `AzureDevops`, `azure_devops`.
		const camel = name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
		const Name = camel[0]!.toUpperCase() + camel.slice(1);
		const cases = [
			`if (tree.dialect.name === '${name}') run();`,
			`switch (dialect) { case "${name}": break; }`,
			`const style = { ${camel}: 1 }[dialect];`,
			`import { x } from '../tools/${name}/routes.ts';`,
			`export { x } from './tools/${name}/index.ts';`,
			`const m = await import('../tools/${name}/links.ts');`,
			`const is${Name}Tree = true;`,
			`const ${name.replace(/-/g, '_')}_root = 1;`,
			'const dialect = `' + name + '`;',
		];
		for (const code of cases) expect(toolNamesInCode(code), code).not.toEqual([]);
		const prose = [
			`// On a ${Name} tree the index is the folder's page.`,
			`const help = 'Reads ${Name} and other trees';`,
			`/** ${name} */ const x = tool.name;`,
			`import { tools } from '../tools/index.ts';`,
		];
		for (const code of prose) expect(toolNamesInCode(code), code).toEqual([]);
	});
});

test('tools/README.md names every file of tools/', () => {
	const readme = readFileSync(join(root, 'tools/README.md'), 'utf8');
	const unnamed = [...productFiles(join(root, 'tools'))]
		.map((path) => relative(join(root, 'tools'), path).split('\\').join('/'))
		.filter(
			(path) =>
				!new RegExp(
					`(?:^|[\\s(/,])${path.split('/').pop()!.replace(/\./g, '\\.')}(?:$|[\\s),:;])`,
					'm',
				).test(readme),
		);
	expect(unnamed).toEqual([]);
});
