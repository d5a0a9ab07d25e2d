import { splitExplicitId } from '../../markdown/anchors.ts';
import { atxHeading } from '../syntax/atx-heading.ts';
import { frontmatterLineCount, literalLines } from '../syntax/code-lines.ts';
import { docutilsId, labelIdentifier, mystHtmlId, type MystEngine } from './ids.ts';
import { globPattern, normalisePath, relativeTo } from './paths.ts';
import type { LabelTarget, MystContext } from './context.ts';
import { rewriteMyst, type FoundTargets } from './rewrite.ts';
import { dictionary, own } from '../../core/own.ts';

/** Whether `path` (from the config's folder) or a folder it is in matches one of `globs`. */
export function excludedBy(globs: readonly string[], path: string): boolean {
	if (globs.length === 0) return false;
	const patterns = globs.map(globPattern);
	const parts = path.split('/');
	for (let i = 1; i <= parts.length; i++) {
		const prefix = parts.slice(0, i).join('/');
		if (patterns.some((pattern) => pattern.test(prefix))) return true;
	}
	return false;
}

/** A heading's Markdown as the text its id is made of: links as their text, emphasis and code marks, and HTML, left out. */
function headingPlainText(markdown: string): string {
	return markdown
		.replace(/<[^>]*>/g, '')
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/[*_`~]+/g, (marks, offset: number, whole: string) =>
			/\w/.test(whole[offset - 1] ?? '') &&
			/\w/.test(whole[offset + marks.length] ?? '') &&
			marks[0] === '_'
				? marks
				: '',
		)
		.replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1')
		.trim();
}

/**
 * Every target of the project, as MyST gathers them before it resolves a reference: each page's
 * `(label)=` targets and `:name:` options (their identifier → page, id and the title a reference
 * shows), then its headings' own ids (implicit targets, after the labels); and each page's title
 * (its front matter's `title`, else its first heading).
 */
export function projectTargets(
	engine: MystEngine,
	texts: ReadonlyMap<string, string>,
	pages: ReadonlySet<string>,
): { labels: Record<string, LabelTarget[]>; titles: Record<string, string> } {
	const explicit = dictionary<LabelTarget[]>();
	const implicit = dictionary<LabelTarget[]>();
	const titles = dictionary<string>();
	const bare: MystContext = { engine, labels: {}, titles: {}, substitutions: {} };
	const headingId = engine === 'mystmd' ? mystHtmlId : docutilsId;
	for (const path of [...pages].sort()) {
		const text = texts.get(path);
		if (text === undefined) continue;
		const found: FoundTargets = { labels: [] };
		const rewritten = rewriteMyst(text, { path, pages }, bare, found).text;
		const lines = rewritten.split('\n');
		const literal = literalLines(lines);
		const frontmatter = lines.slice(1, Math.max(1, frontmatterLineCount(lines) - 1));
		const titled = frontmatter
			.map((line) => /^title:[ \t]*(["']?)(.+?)\1[ \t]*$/.exec(line)?.[2])
			.find(Boolean);
		if (titled) titles[path] = titled;
		for (const { label, id, title } of found.labels)
			(explicit[labelIdentifier(label)] ??= []).push({
				path,
				id,
				...(title && { title: headingPlainText(splitExplicitId(title).text) }),
			});
		lines.forEach((line, i) => {
			// An empty heading titles nothing.
			const heading = literal[i] ? undefined : atxHeading(line);
			if (!heading?.text) return;
			const { text: written, id: set } = splitExplicitId(heading.text);
			const shown = headingPlainText(written);
			titles[path] ??= shown;
			const id = set ?? headingId(shown);
			if (id === '') return;
			(implicit[id] ??= []).push({ path, id, title: shown, implicit: true });
			// A label's target written as the heading's own id: its title is the heading's.
			if (set)
				for (const targets of Object.values(explicit))
					for (const target of targets)
						if (target.path === path && target.id === set) target.title ??= shown;
		});
	}
	const labels = Object.assign(dictionary<LabelTarget[]>(), explicit);
	for (const [id, targets] of Object.entries(implicit))
		labels[id] = [...(labels[id] ?? []), ...targets];
	return { labels, titles };
}

/** Where a label's targets lead from `fromPath`: the one on that page, else the first. */
function labelHref(fromPath: string, targets: readonly LabelTarget[]): string {
	const target = targets.find((candidate) => candidate.path === fromPath) ?? targets[0]!;
	return target.path === fromPath
		? `#${target.id}`
		: `${relativeTo(fromPath, target.path)}#${target.id}`;
}

const decode = (text: string): string => {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
};

/**
 * A link as MyST resolves it: `#label` (and `[](#heading-id)`) the label's target on whichever
 * page holds it, the page's own first; a bare name that is a label and no file (`[text](label)`,
 * MyST-Parser's reference); a page named without its extension (`[text](other)`) or by its built
 * name (`other.html`) the page's Markdown file. Anything else as written.
 */
export function mystLinkHref(
	fromPath: string,
	href: string,
	context: MystContext,
	tree: { pages: ReadonlySet<string>; assets: ReadonlySet<string> },
): string {
	// MyST reads a few schemes as URLs (`myst_url_schemes`); `backup:restore` is a label.
	if (/^(?:https?|mailto|ftp|ftps|tel|file|data|irc|xmpp|ssh|git|s3|gs):|^\/\//i.test(href))
		return href;
	const hashAt = href.indexOf('#');
	const path = hashAt === -1 ? href : href.slice(0, hashAt);
	const hash = hashAt === -1 ? '' : href.slice(hashAt);
	const labelled = (name: string) =>
		own(context.labels, labelIdentifier(name)) ?? own(context.labels, name);
	if (path === '') {
		const targets = hash.length > 1 ? labelled(decode(hash.slice(1))) : undefined;
		return targets ? labelHref(fromPath, targets) : href;
	}
	const folder = fromPath.slice(0, fromPath.lastIndexOf('/') + 1);
	const resolved = normalisePath(path.startsWith('/') ? path : folder + decode(path));
	if (tree.pages.has(resolved) || tree.assets.has(resolved)) return href;
	if (hash === '' && !path.includes('/')) {
		const targets = labelled(decode(path));
		if (targets) return labelHref(fromPath, targets);
	}
	if (/^[a-z][a-z\d+.-]*:/i.test(path)) return href;
	const stem = resolved.replace(/\.html?$/, '');
	const page = [`${stem}.md`, `${stem}/index.md`].find((candidate) => tree.pages.has(candidate));
	if (page && (stem !== resolved || !/\.\w+$/.test(resolved)))
		return `${path.startsWith('/') ? `/${page}` : relativeTo(fromPath, page)}${hash}`;
	return href;
}
