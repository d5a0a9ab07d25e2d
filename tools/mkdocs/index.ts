import { dirname, join, relative, sep } from 'node:path';
import { isInside } from '../../core/path-inside.ts';
import { defineTool } from '../tool.ts';
import type { MkdocsData } from './reader.ts';
import type { MkdocsSite } from './config.ts';

/**
 * MkDocs' config, and ProperDocs' (the maintained fork of MkDocs 1.6, a drop-in replacement whose
 * config is `properdocs.yml`): in the order ProperDocs tries them (`properdocs/config/base.py`),
 * so a folder with both is read as the tool that would build it today.
 */
const mkdocsConfigNames = ['properdocs.yml', 'properdocs.yaml', 'mkdocs.yml', 'mkdocs.yaml'];

/** `mkdocs.yml` read, its reader (YAML and the extensions' settings) imported only where there is one. */
async function readSite(file: string): Promise<MkdocsSite | undefined> {
	const { readMkdocsSite } = await import('./config.ts');
	return readMkdocsSite(file);
}

const slashed = (path: string): string => path.split(sep).join('/');

/**
 * `site` when its `docs_dir` is the root or holds it, with the root's path inside `docs_dir`: MkDocs
 * builds every page under `docs_dir` (`mkdocs/structure/files.py` `get_files` walks
 * `config.docs_dir`), so a root inside it (`docs_dir: .`, Waymark reading `docs/`) has its pages.
 */
function siteForRoot(site: MkdocsSite | undefined, root: string): MkdocsSite | undefined {
	if (!site || !isInside(root, site.docsDir)) return undefined;
	const path = slashed(relative(site.docsDir, root));
	return { ...site, rootPath: path === '' ? '' : `${path}/` };
}

/**
 * MkDocs (and Material for MkDocs, ProperDocs): the `mkdocs.yml` whose `docs_dir` is the root or
 * holds it, `!!!` admonitions, `=== "…"` tabs and `--8<--` snippets. Pages are read with the
 * extensions and plugins the config enables (macros, snippets, includes, icons, attribute lists,
 * footnotes), their ids as Python-Markdown's `toc` spells them, their links as MkDocs resolves them.
 */
const tool = defineTool<MkdocsData, MkdocsSite>({
	name: 'mkdocs',
	label: 'MkDocs',
	precedence: 10,
	frontmatterKeys: [
		'title',
		'description',
		'template',
		'hide',
		'search',
		'tags',
		'icon',
		'subtitle',
		'social',
	],
	settingsFiles: [...mkdocsConfigNames, '.pages', '.pages.yml'],
	async lookAround(dir, look, found) {
		for (const name of mkdocsConfigNames) {
			if (!(await look.isFile(join(dir, name)))) continue;
			look.evidence({ tool: 'mkdocs', name, weight: 100 });
			found ??= siteForRoot(await readSite(join(dir, name)), look.root);
			// The tool reads the first of its names that a folder holds, never the next.
			break;
		}
		return found;
	},
	async lookFurther(look, found) {
		if (found) return found;
		// `mkdocs build -f hack/api-docs/mkdocs.yml` with `docs_dir: ../../docs`: a config beside no folder of the root's, whose docs_dir still holds it.
		for (const file of await look.configsBelow(mkdocsConfigNames)) {
			if (look.folders.includes(dirname(file))) continue;
			const site = siteForRoot(await readSite(file), look.root);
			if (!site) continue;
			look.evidence({ tool: 'mkdocs', name: slashed(relative(look.boundary, file)), weight: 100 });
			return site;
		}
		return undefined;
	},
	pageSignals: [
		{
			label: '`!!!`/`???` admonitions',
			test: /^[ \t]*(?:!!!|\?\?\?\+?)[ \t]*[\w-]+(?:[ \t]+[\w-]+)*(?:[ \t]+".*")?[ \t]*$/m,
		},
		{ label: '`=== "…"` content tabs', test: /^[ \t]*===(?:\+|\+!|!\+|!)? +".*" *$/m },
		{ label: '`--8<--` snippets', test: /^[ \t]*-+8<-+(?:[ \t]+(?:"[^"\n]+"|'[^'\n]+'))?[ \t]*$/m },
	],
	builds: (site, _root, boundary) => slashed(relative(boundary, site.file)),
	load: () => import('./reader.ts'),
});

export default tool;
