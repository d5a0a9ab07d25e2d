import { join, relative, sep } from 'node:path';
import { isInside } from '../../core/path-inside.ts';
import mkdocs from '../mkdocs/index.ts';
import { defineTool, type ToolDescriptor } from '../tool.ts';
import type { TechdocsSite } from './config.ts';
import type { TechdocsData } from './reader.ts';

const configNames = ['mkdocs.yml', 'mkdocs.yaml'];
/** MkDocs' descriptor: TechDocs builds an MkDocs site, its settings files and front matter keys MkDocs' (its `load`, TechDocs' own). */
const base = mkdocs as unknown as ToolDescriptor<TechdocsData, TechdocsSite>;
const slashed = (path: string): string => path.split(sep).join('/');

/**
 * Backstage TechDocs: an MkDocs site (`mkdocs.yml` whose `docs_dir` is the root or holds it) that
 * lists the `techdocs-core` plugin, usually beside the `catalog-info.yaml` of the entity it
 * documents (`backstage.io/techdocs-ref: dir:.`). Read as MkDocs reads it, with the Markdown
 * extensions the plugin enables (admonitions, details, tabs, emoji, snippets, `pymdownx.extra`'s
 * attribute lists, footnotes and definition lists, …); the entity's title (else its name) is the
 * site's title, as the portal shows it; a link that leaves `docs_dir` for another entity's docs
 * goes to the portal (`app.baseUrl`) when the repository configures one, else is its text with a
 * notice and a warning.
 */
const tool = defineTool<TechdocsData, TechdocsSite>({
	...base,
	name: 'techdocs',
	label: 'Backstage TechDocs',
	// Before MkDocs: the same `mkdocs.yml` says TechDocs when it lists the plugin.
	precedence: 9,
	pageSignals: [],
	async lookAround(dir, look, found) {
		if (found) return found;
		for (const name of configNames) {
			if (!(await look.isFile(join(dir, name)))) continue;
			// The config's readers (YAML, the catalog) only where there is a config to read.
			const [
				{ readMkdocsSite },
				{ readCatalogEntities, readEntity, readPortal, techdocsMarkdown },
			] = await Promise.all([import('../mkdocs/config.ts'), import('./config.ts')]);
			const site = await readMkdocsSite(join(dir, name));
			if (!site || !isInside(look.root, site.docsDir)) return undefined;
			const techdocs = await techdocsMarkdown(site);
			if (!techdocs) return undefined;
			look.evidence({ tool: 'techdocs', name: `${name} with techdocs-core`, weight: 100 });
			const entity = await readEntity(dir, look.boundary, look.isFile);
			if (entity) look.evidence({ tool: 'techdocs', name: entity.file, weight: 50 });
			const portal = await readPortal(look.boundary, look.isFile);
			const entities = await readCatalogEntities(
				await look.configsBelow(['catalog-info.yaml', 'catalog-info.yml']),
				look.boundary,
			);
			const rootPath = slashed(relative(site.docsDir, look.root));
			const rootInRepo = slashed(relative(look.boundary, look.root));
			return {
				...techdocs,
				rootPath: rootPath === '' ? '' : `${rootPath}/`,
				rootInRepo: rootInRepo === '' ? '' : `${rootInRepo}/`,
				entities,
				...(entity && { entity }),
				...(portal && { portal }),
			};
		}
		return undefined;
	},
	// A TechDocs site is the `mkdocs.yml` beside its entity, never one found elsewhere in the repository.
	lookFurther: (_look, found) => Promise.resolve(found),
	load: () => import('./reader.ts'),
});

export default tool;
