import { join, relative, sep } from 'node:path';
import { isInside } from '../../core/path-inside.ts';
import { readMkdocsSite } from '../mkdocs/config.ts';
import mkdocs from '../mkdocs/index.ts';
import { defineTool, type Tool, type ToolData } from '../tool.ts';
import {
	readCatalogEntities,
	readEntity,
	readPortal,
	techdocsMarkdown,
	type TechdocsEntity,
	type TechdocsSite,
} from './config.ts';
import { rewritePymdownInline } from './inline.ts';
import { rewriteSiblingLinks, siblingLinks, type SiblingLink } from './siblings.ts';

/** What Waymark keeps of a TechDocs site beyond MkDocs': its entity, the portal, and each page's links to other entities' docs. */
interface TechdocsData {
	[key: string]: unknown;
	entity?: TechdocsEntity;
	portal?: string;
	/** Links of each page that leave `docs_dir` for another entity's TechDocs. */
	siblings?: Record<string, SiblingLink[]>;
}

const configNames = ['mkdocs.yml', 'mkdocs.yaml'];
const slashed = (path: string): string => path.split(sep).join('/');
/** MkDocs' module: TechDocs builds an MkDocs site, and Waymark reads it so, with what `techdocs-core` adds. */
const base = mkdocs as unknown as Tool<TechdocsData, TechdocsSite>;
const techdocsFields = (data: TechdocsData): ToolData => ({
	...(data.entity && { entity: data.entity }),
	...(data.portal && { portal: data.portal }),
	...(data.siblings && { siblings: data.siblings }),
});

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
export default defineTool<TechdocsData, TechdocsSite>({
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
	async read(context) {
		const read = await base.read!(context);
		const site = context.found;
		const siblings = await siblingLinks(
			context.root,
			context.texts,
			site?.entity,
			site?.entities ?? [],
			site?.rootInRepo ?? '',
		);
		const data: TechdocsData = {
			...read.data,
			...(site?.entity && { entity: site.entity }),
			...(site?.portal && { portal: site.portal }),
			...(Object.keys(siblings).length > 0 && { siblings }),
		};
		const siteName = site?.entity?.title ?? site?.entity?.name ?? read.siteName;
		return { ...read, data, ...(siteName && { siteName }) };
	},
	pull(context, data) {
		const pulled = base.pull?.(context, data);
		return pulled && { ...pulled, data: { ...data, ...pulled.data } };
	},
	shownData: (data) => ({
		...(base.shownData ? base.shownData(data) : data),
		...techdocsFields(data),
	}),
	bind(data, inputs) {
		const reading = base.bind(data, inputs);
		return {
			...reading,
			name: 'techdocs',
			rewrite: (text, page) =>
				rewritePymdownInline(
					rewriteSiblingLinks(
						reading.rewrite(text, page),
						data?.siblings?.[page.path],
						data?.portal,
					),
				),
			digest: {
				mkdocs: reading.digest,
				...(data ? techdocsFields({ ...data, siblings: {} }) : {}),
			},
		};
	},
});
