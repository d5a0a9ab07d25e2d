import { createRequire, isBuiltin } from 'node:module';
import { dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { bundledImageFormats } from '../tree/image-source.ts';
import { isInside } from '../core/path-inside.ts';

/** A module of this package: what the compiled pages' own runtime imports resolve from. */
const ownModule = fileURLToPath(import.meta.url);
/** Astro's own folder, wherever the install put it: compiled Markdown imports its runtime from there by path. */
const astroFolder = dirname(createRequire(ownModule).resolve('astro/package.json'));

// No extension and no query: no other plugin's filter (`.mdx$`, `?raw`) may take a stub for its own.
const stubPrefix = '\0waymark-missing-module-';

/**
 * The bundler's side of "content cannot crash the build", for a trusted tree whose `.mdx` pages
 * compile: an import made by a module of the tree (a page, or a component file beside it) that
 * does not resolve, or resolves outside the tree, becomes a stub module instead of failing the
 * bundle. Each of the stub's exports is a component that shows its content under a notice naming
 * the module. Pages rarely get this far (`remarkMdxGuard` takes out what it can judge first); this
 * is what holds for everything else: a component file's own imports, a module the bundler cannot
 * find where the page judged it could. Astro's modules, virtual modules, Node's built-ins and the
 * pictures the image guard let through (`image-guard.ts`) pass.
 */
export function treeImportsPlugin(root: string): Plugin {
	const top = resolve(root);
	const stubs = new Map<string, { source: string; importer: string }>();
	// Vite's root, the tree's store: inside the tree when the state folder is (a tree at the
	// project's top, `.waymark/` beside its pages). Vite and Astro import from there (`<store>/index.html`,
	// `<store>/package.json`): their imports (the content config, the build's logger) are the site's.
	let store: string | undefined;
	return {
		name: 'waymark:tree-imports',
		enforce: 'pre',
		configResolved(config) {
			store = config.root;
		},
		async resolveId(source, importer, options) {
			if (
				!importer ||
				!isInsideFile(fileOf(importer), top) ||
				(store && isInsideFile(fileOf(importer), store))
			)
				return null;
			// Astro's runtime (`astro/jsx-runtime` in a compiled `.mdx`) is `astro-runtime-imports.ts`'s to resolve.
			if (source === 'astro' || source.startsWith('astro/')) return null;
			if (
				source.startsWith('\0') ||
				/^(astro|virtual):/.test(source) ||
				isBuiltin(source) ||
				isInsideFile(fileOf(source), astroFolder)
			)
				return null;
			const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
			if (
				resolved &&
				(resolved.external ||
					isInsideFile(fileOf(resolved.id), top) ||
					bundledImageFormats.has(extname(fileOf(resolved.id)).toLowerCase()))
			)
				return resolved;
			const known = [...stubs].find(
				([, stub]) => stub.source === source && stub.importer === importer,
			)?.[0];
			if (known) return known;
			const id = `${stubPrefix}${stubs.size + 1}`;
			stubs.set(id, { source, importer });
			return id;
		},
		load(id) {
			const stub = stubs.get(id);
			if (!stub) return null;
			const { source, importer } = stub;
			const code = this.getModuleInfo(importer)?.code;
			let names: string[] = [];
			try {
				names = code ? importedNames(this.parse(code, { lang: 'js' }), source) : [];
			} catch {
				// An importer whose code does not parse here gets a default export only; the bundler reports it.
			}
			return stubModule(source, relative(top, fileOf(importer)), names);
		},
	};
}

/** The names a module imports (or re-exports) from `source`: `default`, `x` of `{ x as y }`. */
function importedNames(program: { body: unknown[] }, source: string): string[] {
	const names = new Set<string>();
	for (const statement of program.body as Array<{
		type: string;
		source?: { value?: unknown };
		specifiers?: Array<{ type: string; imported?: NameNode; local?: NameNode }>;
	}>) {
		if (statement.source?.value !== source) continue;
		for (const specifier of statement.specifiers ?? []) {
			if (specifier.type === 'ImportSpecifier' && specifier.imported)
				names.add(nameOf(specifier.imported));
			else if (specifier.type === 'ExportSpecifier' && specifier.local)
				names.add(nameOf(specifier.local));
		}
	}
	names.delete('default');
	return [...names];
}

type NameNode = { type: string; name?: string; value?: unknown };

function nameOf(node: NameNode): string {
	return node.type === 'Identifier' ? (node.name ?? '') : String(node.value);
}

/** A module whose default and named exports are one component: a notice naming `source`, then its content. */
function stubModule(source: string, importer: string, names: string[]): string {
	const notice = `Module ${source} is not shown: ${importer} imports it, and it ${isAbsolute(source) || source.startsWith('.') ? 'is not a file of the tree' : 'is not part of the site'}.`;
	return [
		`import { jsx } from 'astro/jsx-runtime';`,
		`import { __astro_tag_component__ } from 'astro/runtime/server/index.js';`,
		`function MissingModule(props) {`,
		`\treturn jsx('div', { class: 'wm-mdx-fallback', children: [jsx('p', { class: 'wm-mdx-notice', role: 'note', 'data-pagefind-ignore': '', children: ${JSON.stringify(notice)} }), props?.children] });`,
		`}`,
		`__astro_tag_component__(MissingModule, 'astro:jsx');`,
		`export default MissingModule;`,
		...(names.length > 0
			? [
					`export { ${names.map((name) => `MissingModule as ${JSON.stringify(name)}`).join(', ')} };`,
				]
			: []),
	].join('\n');
}

/** A module id's file: without Vite's query (`?astroPropagatedAssets`) or a leading `\0`. */
function fileOf(id: string): string {
	return id.replace(/^\0/, '').replace(/\?.*$/, '');
}

/** A module id names a file only when absolute (Vite's ids may be virtual or bare). */
function isInsideFile(id: string, folder: string): boolean {
	return isAbsolute(id) && isInside(id, folder);
}
