import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import type { ContentLoaderData } from '../../integration/content-loader.ts';
import { virtualContentPlugin } from '../../integration/virtual-content.ts';

// Astro evaluates the content config through Vite's module runner, in the build's process: the
// virtual module must hand over the loader the build made, not load the loader's modules again,
// and still make one where that loader is not there.
const data = (root: string): ContentLoaderData => ({
	root,
	pages: ['a.md'],
	dialect: 'github',
	notices: {},
	frontmatter: {},
	mdx: 'markdown',
	limits: { maxPageBytes: 1_000_000, maxNestingDepth: 100 },
	parser: 'native',
	html: { dir: join(root, 'html') },
	linkDigests: {},
	pictureKeys: {},
	pulledKeys: {},
	decoded: {},
	pulledFiles: [],
	pullMarkers: [],
});

const dirs: string[] = [];
afterAll(async () => {
	for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** The virtual module's code, as Astro's module runner would get it, run as a module of its own. */
async function evaluate(
	plugin: ReturnType<typeof virtualContentPlugin>,
): Promise<{ loader: { name: string } }> {
	const load = plugin.load as (id: string) => string | undefined;
	const code = load('\0virtual:waymark/content');
	expect(code).toBeTypeOf('string');
	const dir = await mkdtemp(join(tmpdir(), 'waymark-virtual-content-'));
	dirs.push(dir);
	await writeFile(join(dir, 'content.mjs'), code as string);
	return import(pathToFileURL(join(dir, 'content.mjs')).href) as Promise<{
		loader: { name: string };
	}>;
}

const registry = () =>
	(globalThis as { [key: symbol]: Map<string, unknown> | undefined })[
		Symbol.for('waymark.contentLoaders')
	];

test('hands over the loader the build made', async () => {
	const plugin = virtualContentPlugin(data('/tree/one'));
	const made = [...(registry()?.values() ?? [])];
	expect(made).toHaveLength(1);
	expect((await evaluate(plugin)).loader).toBe(made[0]);
});

test("makes the loader from its data where the build's is not there", async () => {
	const plugin = virtualContentPlugin(data('/tree/two'));
	registry()?.clear();
	const { loader } = await evaluate(plugin);
	expect(loader.name).toBe('waymark-guidebooks');
});

test("keeps only the latest build's loader, and its code changes with the data", () => {
	const load = (plugin: ReturnType<typeof virtualContentPlugin>) =>
		(plugin.load as (id: string) => string | undefined)('\0virtual:waymark/content');
	const first = load(virtualContentPlugin(data('/tree/three')));
	const second = load(virtualContentPlugin(data('/tree/four')));
	expect(registry()?.size).toBe(1);
	expect(second).not.toBe(first);
	expect(second).toContain('/tree/four');
});
