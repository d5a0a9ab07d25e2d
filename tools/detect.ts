import { dialectLabels, type Dialect } from './dialect.ts';
import { literalLines, maskInlineCode } from './syntax/code-lines.ts';
import type { GuidebookFiles } from '../tree/walk-files.ts';
import type { Surroundings } from './surroundings.ts';
import { join, relative, sep } from 'node:path';
import { isInside } from '../core/path-inside.ts';
import { pathInContent } from './tool-site.ts';

/** `dialect` in the config: one dialect, or `auto` to detect it from the tree. */
export type DialectSetting = Dialect | 'auto';

/** The dialect a tree is read in, and why. */
export interface TreeDialect {
	name: Dialect;
	/** Set by the config's `dialect` rather than detected. */
	forced: boolean;
	/** What detection found, as shown to users (`.gitlab-ci.yml`, `[[_TOC_]] on 12 pages`); empty when forced or nothing was found. */
	signals: string[];
	/** When forced: another site generator whose config builds the root (an `mkdocs.yml` whose `docs_dir` holds it), as the user may not mean the config's. */
	contrary?: Array<{ name: string; dialect: Dialect }>;
}

/** Page contents that only one dialect writes; each page that has one counts once. */
const pageSignals: Array<{ dialect: Dialect; label: string; test: RegExp }> = [
	{ dialect: 'gitlab', label: '`[[_TOC_]]`', test: /^ {0,3}\[\[_TOC_\]\][ \t]*$/m },
	{ dialect: 'mkdocs', label: '`!!!`/`???` admonitions', test: /^[ \t]*(?:!!!|\?\?\?\+?)[ \t]*[\w-]+(?:[ \t]+[\w-]+)*(?:[ \t]+".*")?[ \t]*$/m },
	{ dialect: 'mkdocs', label: '`=== "…"` content tabs', test: /^[ \t]*===(?:\+|\+!|!\+|!)? +".*" *$/m },
	{ dialect: 'mkdocs', label: '`--8<--` snippets', test: /^[ \t]*-+8<-+(?:[ \t]+(?:"[^"\n]+"|'[^'\n]+'))?[ \t]*$/m },
	{ dialect: 'docusaurus', label: '`:::` admonitions', test: /^[ \t]*:::(?:note|tip|info|warning|danger|caution|important|success)\b/m },
	{ dialect: 'docusaurus', label: '`sidebar_position`', test: /^---\r?\n(?:.*\r?\n)*?sidebar_(?:position|label):/ },
	{ dialect: 'hugo', label: 'shortcodes', test: /\{\{[<%][ \t]*\/?[ \t]*[\w.-]+/ },
	{ dialect: 'hugo', label: '`+++` frontmatter', test: /^\+\+\+\r?\n/ },
];

/** What every page signal needs somewhere in the page's text; a page without any has none of them. */
const signalMarks = /\[\[_TOC_\]\]|!!!|\?\?\?|===|8<|:::|sidebar_|\{\{[<%]|\+\+\+/;

/** Order that breaks ties: site generators before forges, since a forge may host any of them. */
const precedence: Dialect[] = ['mkdocs', 'hugo', 'docusaurus', 'gitlab', 'github'];

/**
 * The dialect a tree is written in, from its surroundings (`mkdocs.yml`, Hugo and Docusaurus
 * configs, `.gitlab-ci.yml`), its files (`_index.md`, `_category_.json`) and its pages' syntax.
 * A config file weighs 100 (a forge's 50), a telling file 50, each page with a dialect's syntax 1;
 * the heaviest dialect wins, and GitHub is the default when nothing is found.
 */
export function detectDialect(setting: DialectSetting, surroundings: Surroundings, files: GuidebookFiles, texts: ReadonlyMap<string, string>, root = ''): TreeDialect {
	if (setting !== 'auto') {
		const contrary = buildersOf(surroundings, root).filter((builder) => builder.dialect !== setting);
		return { name: setting, forced: true, signals: [], ...(contrary.length > 0 && { contrary }) };
	}
	const scores = new Map<Dialect, { score: number; signals: string[] }>();
	const add = (dialect: Dialect, weight: number, signal: string) => {
		const entry = scores.get(dialect) ?? { score: 0, signals: [] };
		entry.score += weight;
		entry.signals.push(signal);
		scores.set(dialect, entry);
	};
	for (const file of surroundings.files) add(file.dialect, file.weight, `\`${file.name}\``);
	const sectionPages = files.pages.filter((path) => /(?:^|\/)_index\.md$/i.test(path)).length;
	if (sectionPages > 0) add('hugo', 50, `${count(sectionPages, '`_index.md`', '`_index.md`')}`);
	const categories = files.assets.filter((path) => /(?:^|\/)_category_\.(?:json|ya?ml)$/.test(path)).length;
	if (categories > 0) add('docusaurus', 50, count(categories, '`_category_` file', '`_category_` files'));
	// Syntax quoted in code (a guide showing `!!! note`) is not syntax the page uses. Taking the code
	// out costs a pass over the page: only for a page that holds a signal's marks at all.
	const prose = [...texts.values()].filter((text) => signalMarks.test(text)).map(withoutCode);
	for (const signal of pageSignals) {
		let pages = 0;
		for (const text of prose) if (signal.test.test(text)) pages++;
		if (pages > 0) add(signal.dialect, pages, `${signal.label} on ${count(pages, 'page', 'pages')}`);
	}
	let best: Dialect = 'github';
	let bestScore = 0;
	for (const dialect of precedence) {
		const score = scores.get(dialect)?.score ?? 0;
		if (score > bestScore) [best, bestScore] = [dialect, score];
	}
	return { name: best, forced: false, signals: scores.get(best)?.signals ?? [] };
}

/**
 * The site generators whose config builds `root`, not merely lies above it: an `mkdocs.yml` whose
 * `docs_dir` holds it, a Hugo site whose content does, a Docusaurus site whose docs folder does.
 * Each named by its config's path from the repository's top.
 */
function buildersOf(surroundings: Surroundings, root: string): Array<{ name: string; dialect: Dialect }> {
	const named = (file: string) => relative(surroundings.boundary, file).split(sep).join('/');
	const builders: Array<{ name: string; dialect: Dialect }> = [];
	if (surroundings.mkdocs) builders.push({ name: named(surroundings.mkdocs.file), dialect: 'mkdocs' });
	if (surroundings.hugo && pathInContent(surroundings.hugo, root) !== undefined) builders.push({ name: `${named(surroundings.hugo.dir) || '.'}/`, dialect: 'hugo' });
	const docusaurus = surroundings.docusaurus;
	if (docusaurus && isInside(root, join(docusaurus.dir, docusaurus.config.docsPath))) builders.push({ name: `${named(docusaurus.dir) || '.'}/`, dialect: 'docusaurus' });
	return builders;
}

/** "Reading docs/ as a GitLab tree (found `.gitlab-ci.yml`, `[[_TOC_]]` on 12 pages); set `dialect` to override". */
export function describeDialect(dialect: TreeDialect, rootLabel: string, tool?: 'mdBook'): string {
	const folder = rootLabel.endsWith('/') ? rootLabel : `${rootLabel}/`;
	// mdBook's Markdown is read as the dialect's; the tool is named for its links and title.
	const label = tool ? `${tool} (${dialectLabels[dialect.name]} Markdown)` : dialectLabels[dialect.name];
	const article = tool ? 'an' : 'a';
	if (dialect.forced) return `Reading ${folder} as ${article} ${label} tree (config \`dialect: ${dialect.name}\`)`;
	const why = dialect.signals.length > 0 ? `found ${dialect.signals.join(', ')}` : 'no other dialect found';
	return `Reading ${folder} as ${article} ${label} tree (${why}); set \`dialect\` to override`;
}

function withoutCode(text: string): string {
	const lines = text.split('\n');
	const literal = literalLines(lines, { frontmatter: false });
	return lines.map((line, i) => (literal[i] ? '' : maskInlineCode(line))).join('\n');
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
