import { resolveForgeHref, type RootPlace } from '../../markdown/forge-links.ts';

/** What a lookup needs of a set of paths. */
interface Paths {
	has(path: string): boolean;
}

/**
 * mdBook publishes each chapter `a/b.md` as `a/b.html` and a folder's `README.md` (its `index`
 * preprocessor, which takes any case of the name) or `index.md` as `a/index.html`, and books link
 * chapters by those names as often as by the Markdown file's (`writing_a_module.html`,
 * `modules/index.html`): both work on the book. A link to such a name that is not a file of the
 * tree is rewritten to the chapter's Markdown file, so the forge's reading, the checks and the site
 * all see the page it reaches on the book. Anything else comes back as written: an external URL, a
 * real `.html` file of the tree, a name no chapter has, `README.html` (the preprocessor publishes
 * none), `.HTML` (mdBook writes `.html`, and a case-sensitive host serves only that).
 */
export function mdbookChapterHref(
	fromPath: string,
	href: string,
	files: { pages: Paths; assets: Paths },
	place?: RootPlace,
): string {
	const match = /^([^?#]*\.html)([?#].*)?$/.exec(href);
	const written = match?.[1];
	if (written === undefined || /^[a-z][a-z\d+.-]*:|^\/\//i.test(written)) return href;
	const path = resolveForgeHref(fromPath, written, place).find(
		(target) => target.where === 'tree',
	)?.path;
	if (path === undefined || files.assets.has(path) || files.pages.has(path)) return href;
	const stem = path.slice(0, -'.html'.length);
	const folder = stem.slice(0, stem.lastIndexOf('/') + 1);
	const name = stem.slice(folder.length);
	if (/^readme$/i.test(name)) return href;
	const chapters =
		name === 'index'
			? ['README.md', 'readme.md', 'Readme.md', 'index.md'].map((file) => `${folder}${file}`)
			: [`${stem}.md`];
	const chapter = chapters.find((candidate) => files.pages.has(candidate));
	if (chapter === undefined) return href;
	// The written name's last segment alone changes: its folder part, encoding and all, stays.
	const lastSegment = written.lastIndexOf('/') + 1;
	const rewritten =
		chapter === `${stem}.md`
			? `${written.slice(0, -'.html'.length)}.md`
			: `${written.slice(0, lastSegment)}${chapter.slice(folder.length)}`;
	return rewritten + (match?.[2] ?? '');
}
