import mkdocs from '../mkdocs/reader.ts';
import { defineReader, type ToolData, type ToolReader } from '../tool.ts';
import type { TechdocsEntity, TechdocsSite } from './config.ts';
import { rewritePymdownInline } from './inline.ts';
import { rewriteSiblingLinks, siblingLinks, type SiblingLink } from './siblings.ts';

/** What Waymark keeps of a TechDocs site beyond MkDocs': its entity, the portal, and each page's links to other entities' docs. */
export interface TechdocsData {
	[key: string]: unknown;
	entity?: TechdocsEntity;
	portal?: string;
	/** Links of each page that leave `docs_dir` for another entity's TechDocs. */
	siblings?: Record<string, SiblingLink[]>;
}
/** MkDocs' reader: TechDocs builds an MkDocs site, and Waymark reads it so, with what `techdocs-core` adds. */
const base = mkdocs as unknown as ToolReader<TechdocsData, TechdocsSite>;
const techdocsFields = (data: TechdocsData): ToolData => ({
	...(data.entity && { entity: data.entity }),
	...(data.portal && { portal: data.portal }),
	...(data.siblings && { siblings: data.siblings }),
});

/** What the tool reads of a tree once detected (`tools/tool.ts` `ToolReader`): loaded for the tree's tool only. */
export default defineReader<TechdocsData, TechdocsSite>({
	...base,
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
