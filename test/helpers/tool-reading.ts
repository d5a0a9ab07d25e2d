import { toolNamed } from '../../tools/index.ts';
import type { ParseInputs, ToolReading } from '../../tools/reading.ts';
import type { RewrittenSource } from '../../tools/rewrite.ts';
import type { ToolData, ToolRead } from '../../tools/tool.ts';
import { collectGuidebookFiles } from '../../tree/walk-files.ts';

/** What a test says of the tree a page is read in: its tool, and what the tool read of the tree, by the names the tool's data has. */
export interface TestTree {
	dialect: string;
	/** The pages' inputs (MkDocs' or mdBook's readers). */
	mkdocs?: ParseInputs;
	mdbook?: ParseInputs;
	/** Hugo: the site's `params`, its content around the root, and whether it is docs.gitlab.com's. */
	params?: Record<string, unknown>;
	hugoContent?: { rootUrl: string; pages: ReadonlySet<string> };
	gitlabDocs?: boolean;
	/** Any other data of the tool's. */
	data?: ToolData;
}

/** The tool `tree.dialect` names, bound to data and inputs as a tree with these settings would give it (an mdBook's inputs make the tree an mdBook's). */
export function testReading(tree: TestTree): ToolReading {
	const name = tree.mdbook !== undefined ? 'mdbook' : tree.dialect;
	const hugo =
		name === 'hugo'
			? {
					headingIds: { kind: 'goldmark', type: 'github', attributes: true },
					links: {
						style: 'url',
						...(tree.hugoContent && {
							rootUrl: tree.hugoContent.rootUrl,
							contentPages: [...tree.hugoContent.pages],
						}),
					},
					definitionLists: true,
					...(tree.params && { params: tree.params }),
					...(tree.gitlabDocs && { gitlabDocs: true }),
				}
			: {};
	return toolNamed(name).bind({ ...hugo, ...tree.data }, tree.mkdocs ?? tree.mdbook);
}

/** A page's text as the tree's tool rewrites it (`ToolReading.rewrite`). */
export function rewriteAs(
	text: string,
	page: TestTree & {
		path: string;
		pages: ReadonlySet<string>;
		frontmatter?: Record<string, unknown>;
	},
): RewrittenSource {
	return testReading(page).rewrite(text, {
		path: page.path,
		pages: page.pages,
		...(page.frontmatter && { frontmatter: page.frontmatter }),
	});
}

/** What the tool `name` reads of a tree at `root` from its config as found (`found`), with the walk of the tree's own files. */
export async function toolRead(
	name: string,
	root: string,
	found: unknown,
	options: { boundary: string; pages?: string[] },
): Promise<ToolRead> {
	const tool = toolNamed(name);
	const listFiles = async (dir: string) => {
		const { pages, assets } = await collectGuidebookFiles(dir);
		return { pages, assets };
	};
	return tool.read
		? tool.read({
				root,
				boundary: options.boundary,
				found,
				files: { pages: options.pages ?? [], assets: [], folders: [] },
				texts: new Map(),
				evidence: [],
				listFiles,
			})
		: { data: {} };
}
