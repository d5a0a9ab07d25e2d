/**
 * The registry of documentation tools (Pandoc's `readers`: one entry per format, by name). Adding a
 * tool is a folder `tools/<name>/` whose `index.ts` exports a `Tool` (`tool.ts`), and a line here;
 * nothing else in Waymark names it (`test/tools/no-tool-names.test.ts`).
 */
import azureDevops from './azure-devops/index.ts';
import docusaurus from './docusaurus/index.ts';
import gitbook from './gitbook/index.ts';
import github from './github/index.ts';
import gitlab from './gitlab/index.ts';
import hugo from './hugo/index.ts';
import jekyll from './jekyll/index.ts';
import mdbook from './mdbook/index.ts';
import myst from './myst/index.ts';
import techdocs from './techdocs/index.ts';
import mkdocs from './mkdocs/index.ts';
import type { ToolReading } from './reading.ts';
import vitepress from './vitepress/index.ts';
import { rewriteForeignSyntax } from './syntax/foreign-syntax.ts';
import type { Tool, ToolData } from './tool.ts';

/**
 * A tool whose rewrite is followed by the one for syntax of tools Waymark does not read, or of the
 * six on a tree of another (`syntax/foreign-syntax.ts`): shown as the site renders it, or as a
 * notice and a warning, never as text; what the tool renders itself is left to it.
 */
function withForeignSyntax(tool: Tool): Tool {
	return {
		...tool,
		bind(data, inputs) {
			const reading = tool.bind(data, inputs);
			const owns = new Set(reading.rendersItself ?? []);
			return {
				...reading,
				rewrite: (text, page) =>
					rewriteForeignSyntax(reading.rewrite(text, page), {
						label: tool.label,
						owns,
						mdx: /\.mdx$/i.test(page.path),
					}),
			};
		},
	};
}

/** Every tool Waymark reads, by precedence: of two tools detected with equal weight, the first. */
export const tools: readonly Tool[] = [
	techdocs,
	mkdocs,
	myst,
	hugo,
	docusaurus,
	vitepress,
	mdbook,
	gitbook,
	jekyll,
	azureDevops,
	gitlab,
	github,
]
	.sort((a, b) => a.precedence - b.precedence)
	.map(withForeignSyntax);

/** The config's `dialect:` values: `auto`, or a tool's name. */
export const toolNames = tools.map((tool) => tool.name) as [string, ...string[]];

/** The tool a tree is read as when nothing says otherwise: a forge's reading of its Markdown. */
export const defaultTool: Tool = tools.find((tool) => tool.name === github.name)!;

/** The tool of `name` (a tree's `dialect.name`, which detection or the config chose from `toolNames`). */
export function toolNamed(name: string): Tool {
	return tools.find((tool) => tool.name === name) ?? defaultTool;
}

const readings = new WeakMap<
	object,
	{ name: string; data: ToolData | undefined; reading: ToolReading }
>();

/**
 * The pure half of a tree's tool, bound to what it read of the tree (`toolData`), once per tree
 * and data: what the checks, the site and every later step ask instead of naming a tool.
 */
export function treeReading(tree: {
	dialect: { name: string };
	toolData?: ToolData | undefined;
}): ToolReading {
	const known = readings.get(tree);
	if (known && known.name === tree.dialect.name && known.data === tree.toolData)
		return known.reading;
	const reading = toolNamed(tree.dialect.name).bind(tree.toolData);
	readings.set(tree, { name: tree.dialect.name, data: tree.toolData, reading });
	return reading;
}
