import { RootHasNoPages, raise } from '../core/errors.ts';
import type { GuidebookTree } from './load-tree.ts';

/** What a file of a kind is, when its kind is a near miss for a Markdown page. */
const kindNotes: Record<string, string> = {
	'.html.md.erb': 'Middleman templates are not Markdown pages',
	'.md.erb': 'ERB templates are not Markdown pages',
	'.html.erb': 'ERB templates are not Markdown pages',
	'.erb': 'ERB templates are not Markdown pages',
	'.haml': 'Haml templates are not Markdown pages',
	'.slim': 'Slim templates are not Markdown pages',
	'.markdown': 'rename them to `.md`',
	'.mdown': 'rename them to `.md`',
	'.mkd': 'rename them to `.md`',
	'.rst': 'reStructuredText is not Markdown',
	'.adoc': 'AsciiDoc is not Markdown',
	'.asciidoc': 'AsciiDoc is not Markdown',
	'.org': 'Org mode is not Markdown',
	'.ipynb': 'notebooks are not Markdown pages',
};

const templateExtensions = /\.(?:erb|haml|slim)$/i;

/** `.png`, or for a template the extensions it renders through: `index.html.md.erb` → `.html.md.erb`. */
function kindOf(path: string): string {
	const name = (path.split('/').pop() ?? path).toLowerCase();
	if (templateExtensions.test(name))
		return /(?:\.(?:html|md|markdown|css|js|xml|txt))*\.(?:erb|haml|slim)$/.exec(name)?.[0] ?? name;
	const dot = name.lastIndexOf('.');
	return dot > 0 ? name.slice(dot) : 'extension-less';
}

/**
 * What a root without a readable page holds, as it reads after "found": `48 \`.html.md.erb\`
 * files (Middleman templates are not Markdown pages) and 3 \`.png\` files`; `''` for an empty
 * folder. Counts every file the walk saw that is not a page, and the pages it could not read.
 */
export function describeFound(tree: Pick<GuidebookTree, 'files' | 'unreadable'>): string {
	const counts = new Map<string, number>();
	const others = [...tree.files.assets, ...tree.files.templates];
	for (const path of others) counts.set(kindOf(path), (counts.get(kindOf(path)) ?? 0) + 1);
	const kinds = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
	const parts = kinds.slice(0, 4).map(([kind, count]) => {
		const what =
			kind === 'extension-less'
				? `${count} file${count === 1 ? '' : 's'} without an extension`
				: `${count} \`${kind}\` file${count === 1 ? '' : 's'}`;
		return kindNotes[kind] ? `${what} (${kindNotes[kind]})` : what;
	});
	const rest = kinds.slice(4).reduce((sum, [, count]) => sum + count, 0);
	if (rest > 0) parts.push(`${rest} other file${rest === 1 ? '' : 's'}`);
	const unreadable = tree.unreadable.length;
	if (unreadable > 0) {
		const first = tree.unreadable[0];
		parts.unshift(
			`${unreadable} page${unreadable === 1 ? '' : 's'} it cannot read${first ? ` (\`${first.path}\`: ${first.reason})` : ''}`,
		);
	}
	const problems = tree.files.problems.length;
	if (problems > 0)
		parts.push(
			`${problems} entr${problems === 1 ? 'y' : 'ies'} it left out (see \`waymark check\`)`,
		);
	const folders = tree.files.folders.length - 1;
	if (parts.length === 0 && folders > 0)
		return `no files, only ${folders} empty folder${folders === 1 ? '' : 's'}`;
	return parts.length <= 1
		? (parts[0] ?? '')
		: `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** `RootHasNoPages` unless the tree has a page to publish; `shownAs` is the root as the user wrote it. */
export function assertHasPages(
	tree: Pick<GuidebookTree, 'files' | 'unreadable' | 'pages'>,
	shownAs: string,
): void {
	if (tree.pages.size > 0) return;
	throw raise(RootHasNoPages, shownAs, describeFound(tree));
}
