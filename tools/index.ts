/**
 * The registry of documentation tools (Pandoc's `readers`: one entry per format, by name). Adding a
 * tool is a folder `tools/<name>/` whose `index.ts` exports its descriptor (`ToolDescriptor`,
 * `tool.ts`) and whose `reader.ts` the rest (`ToolReader`), and a line here; nothing else in
 * Waymark names it (`test/tools/no-tool-names.test.ts`). Every command imports the descriptors;
 * a tool's reader is imported by `loadTool`, for the tree's tool only (issue 56: `check` on a
 * plain tree loaded the twelve tools' 150 modules and their parsers to use one).
 */
import azureDevops from './azure-devops/index.ts';
import docusaurus from './docusaurus/index.ts';
import gitbook from './gitbook/index.ts';
import github from './github/index.ts';
import githubReader from './github/reader.ts';
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
import type { Tool, ToolData, ToolDescriptor, ToolReader } from './tool.ts';

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
export const tools: readonly ToolDescriptor[] = [
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
].sort((a, b) => a.precedence - b.precedence);

/** The config's `dialect:` values: `auto`, or a tool's name. */
export const toolNames = tools.map((tool) => tool.name) as [string, ...string[]];

/** The tool a tree is read as when nothing says otherwise: a forge's reading of its Markdown. */
export const defaultTool: ToolDescriptor = tools.find((tool) => tool.name === github.name)!;

/** The descriptor of `name` (a tree's `dialect.name`, which detection or the config chose from `toolNames`); the default tool's for any other. */
export function toolDescriptor(name: string): ToolDescriptor {
	return tools.find((tool) => tool.name === name) ?? defaultTool;
}

/** A descriptor and its reader as one `Tool`, its rewrite followed by the one for other tools' syntax. */
function assemble(descriptor: ToolDescriptor, reader: ToolReader): Tool {
	return withForeignSyntax({ ...descriptor, ...reader });
}

// The default tool comes loaded: a tree is read as it until its own is known, and a page parsed
// with no tool named is read as a forge shows it. Its reader is the forge's reading, which every
// page's parse loads anyway.
const loaded = new Map<string, Tool>([[defaultTool.name, assemble(defaultTool, githubReader)]]);

/**
 * The whole tool of `name` (its descriptor and its reader), its reader imported the first time.
 * Whatever reads a tree awaits it for the tree's tool (`tree/load-tree.ts`) before `toolNamed`.
 */
export async function loadTool(name: string): Promise<Tool> {
	const descriptor = toolDescriptor(name);
	const known = loaded.get(descriptor.name);
	if (known) return known;
	// Two loads of one tool at once (a build's checks beside its pages) share one import and
	// give one Tool object.
	let loading = loadings.get(descriptor.name);
	if (!loading) {
		loading = descriptor.load().then(({ default: reader }) => {
			const tool = assemble(descriptor, reader);
			loaded.set(descriptor.name, tool);
			return tool;
		});
		loadings.set(descriptor.name, loading);
	}
	return loading;
}

const loadings = new Map<string, Promise<Tool>>();

/** Every tool loaded: for code that may be handed a tree of any tool without reading it (the tests). */
export async function loadAllTools(): Promise<void> {
	await Promise.all(tools.map((tool) => loadTool(tool.name)));
}

/**
 * The tool of `name`, loaded by `loadTool` before (reading the tree does it for the tree's tool).
 * One never loaded is a mistake in Waymark's code, not in the tree: it throws.
 */
export function toolNamed(name: string): Tool {
	const descriptor = toolDescriptor(name);
	const tool = loaded.get(descriptor.name);
	if (!tool)
		throw new Error(
			`The tool \`${descriptor.name}\` was asked for before its reader was loaded: \`await loadTool('${descriptor.name}')\` first (tools/README.md).`,
		);
	return tool;
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
