import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { routeForPath } from '../../markdown/routes.ts';
import type { RewrittenSource } from '../rewrite.ts';
import { sortNotes } from '../rewrite.ts';
import { literalLines, maskInlineCode } from '../syntax/code-lines.ts';
import type { SourceNote } from '../syntax/source-note.ts';
import type { CatalogEntity, TechdocsEntity } from './config.ts';
import { dictionary } from '../../core/own.ts';

/** An inline link's or a reference definition's URL: `[text](href)`, `[label]: href`. */
const inlineLink = /(?<!!)\[((?:[^[\]\\]|\\.)*)\]\(\s*<?([^\s<>()]+)>?(?:\s+"[^"]*")?\s*\)/g;
const definition = /^([ \t]{0,3}\[[^\]]+\]:[ \t]*)<?([^\s<>]+)>?(.*)$/;

/** Where `href`, written in the page `fromPath` (from the root), leads when it climbs above the root: its path from the root's parent upward (`../other/x.md`), else `undefined`. */
export function climbingOut(fromPath: string, href: string): string | undefined {
	if (/^[a-z][a-z\d+.-]*:|^\/|^#/i.test(href)) return undefined;
	const path = href.split(/[?#]/)[0]!;
	const parts = fromPath.split('/').slice(0, -1);
	let above = 0;
	for (const part of path.split('/')) {
		if (part === '..') {
			if (parts.length > 0) parts.pop();
			else above++;
		} else if (part !== '.' && part !== '') parts.push(part);
	}
	return above > 0 ? `${'../'.repeat(above)}${parts.join('/')}` : undefined;
}

/** A link to another entity's docs: the entity, and the URL of the page on the portal under that entity's docs (`ops/restart/#now`). */
export interface SiblingLink {
	href: string;
	entity: CatalogEntity;
	rest: string;
}

/** A path of the entity's docs as the portal serves it: `x.md` as `x/`, an index as its folder. */
const asUrlPath = (path: string): string =>
	path
		.replace(/(?:^|\/)(?:index|README)\.md$/i, (name) => (name.startsWith('/') ? '/' : ''))
		.replace(/\.md$/i, '/');

function normalise(path: string): string {
	const parts: string[] = [];
	for (const part of path.split('/')) {
		if (part === '..') parts.pop();
		else if (part !== '.' && part !== '') parts.push(part);
	}
	return parts.join('/');
}

/**
 * Where a link that climbs out of the root (the entity's `docs_dir`) leads in the catalog: another
 * entity's docs, read as the reader serves them side by side (`/docs/<namespace>/<kind>/<name>/`,
 * so `../ledger/` from the top page is the entity `ledger`'s), or as a path of the repository into
 * the folder of another entity's `catalog-info.yaml` (`../../ledger/docs/ops.md`, its `docs/`
 * left out). A link to anything else stays a link of the repository, judged as MkDocs' are.
 */
export function siblingOf(
	fromPath: string,
	href: string,
	own: TechdocsEntity,
	entities: readonly CatalogEntity[],
	rootInRepo: string,
): SiblingLink | undefined {
	if (climbingOut(fromPath, href) === undefined) return undefined;
	const [path = '', suffix = ''] = /^([^?#]*)(.*)$/.exec(href)!.slice(1);
	const others = entities.filter((entity) => entity.name !== own.name);
	const base = `https://portal.invalid/docs/${own.namespace}/${own.kind}/${own.name}${routeForPath(fromPath)}`;
	// MkDocs writes `x.md` as `x/`: from such a page's URL one more `..` climbs out of its own folder; a folder's index is its folder's URL.
	const url = new URL(
		`${/(?:^|\/)(?:index|readme)\.md$/i.test(fromPath) ? '' : '../'}${asUrlPath(path)}`,
		base,
	).pathname;
	const served = /^\/docs\/[^/]+\/[^/]+\/([^/]+)\/(.*)$/.exec(url);
	const byUrl = served && others.find((entity) => entity.name === decodedOrAsWritten(served[1]!));
	if (byUrl) return { href, entity: byUrl, rest: `${served[2]}${suffix}` };
	const repoPath = normalise(
		`${rootInRepo}${fromPath.slice(0, fromPath.lastIndexOf('/') + 1)}${path}`,
	);
	const byFolder = others
		.filter(
			(entity) =>
				entity.dir !== '' && (repoPath === entity.dir || repoPath.startsWith(`${entity.dir}/`)),
		)
		.sort((a, b) => b.dir.length - a.dir.length)[0];
	if (byFolder)
		return {
			href,
			entity: byFolder,
			rest: `${asUrlPath(repoPath.slice(byFolder.dir.length).replace(/^\/(?:docs\/)?/, ''))}${suffix}`,
		};
	return undefined;
}

/** The links of each page to other entities' docs (`siblingOf`); a link to a file the repository holds is the repository's. */
export async function siblingLinks(
	root: string,
	texts: ReadonlyMap<string, string>,
	own: TechdocsEntity | undefined,
	entities: readonly CatalogEntity[],
	rootInRepo: string,
): Promise<Record<string, SiblingLink[]>> {
	const found = dictionary<SiblingLink[]>();
	if (!own || entities.length < 2) return found;
	for (const [path, text] of texts) {
		if (!text.includes('../')) continue;
		const hrefs = new Set<string>();
		const lines = text.split('\n');
		const literal = literalLines(lines);
		lines.forEach((line, i) => {
			if (literal[i] || !line.includes('../')) return;
			for (const match of maskInlineCode(line).matchAll(inlineLink)) hrefs.add(match[2]!);
			const defined = definition.exec(line);
			if (defined) hrefs.add(defined[2]!);
		});
		for (const href of hrefs) {
			const sibling = siblingOf(path, href, own, entities, rootInRepo);
			if (!sibling) continue;
			if (
				await stat(join(root, path, '..', href.split(/[?#]/)[0]!)).then(
					() => true,
					() => false,
				)
			)
				continue;
			(found[path] ??= []).push(sibling);
		}
	}
	return found;
}

/** A sibling's page on the portal. */
export const portalHref = (portal: string, sibling: SiblingLink): string =>
	`${portal}/docs/${sibling.entity.namespace}/${sibling.entity.kind}/${sibling.entity.name}/${sibling.rest}`;

/** The page with each link to another entity's TechDocs taken to the portal, or written as its text with a notice and a warning when no portal is configured. */
export function rewriteSiblingLinks(
	rewritten: RewrittenSource,
	siblings: readonly SiblingLink[] | undefined,
	portal: string | undefined,
): RewrittenSource {
	if (!siblings || siblings.length === 0) return rewritten;
	const targets = new Map(siblings.map((sibling) => [sibling.href, sibling]));
	const notes: SourceNote[] = [];
	const lines = rewritten.text.split('\n');
	const literal = literalLines(lines);
	const name = (href: string) => targets.get(href)!.entity.name;
	const warn = (line: number, column: number, href: string) =>
		notes.push({
			line: line + 1,
			column: column + 1,
			severity: 'warning',
			message: `Unexpected link \`${href}\` to another entity's TechDocs (\`${name(href)}\`), outside this entity's \`docs_dir\`, expected a page of this tree or a portal to link it in (\`app.baseUrl\` in the repository's \`app-config.yaml\`): Backstage serves it beside this entity's docs; Waymark shows its text and a notice`,
		});
	for (let i = 0; i < lines.length; i++) {
		if (literal[i] || !lines[i]!.includes('../')) continue;
		const defined = definition.exec(lines[i]!);
		if (defined && targets.has(defined[2]!)) {
			if (portal)
				lines[i] = `${defined[1]}${portalHref(portal, targets.get(defined[2]!)!)}${defined[3]}`;
			else {
				warn(i, defined[1]!.length, defined[2]!);
				lines[i] = `${defined[1]}#${defined[3]}`;
			}
			continue;
		}
		// Matched outside code spans, replaced in the line as written.
		const line = lines[i]!;
		let shown = '';
		let last = 0;
		for (const match of maskInlineCode(line).matchAll(inlineLink)) {
			const href = match[2]!;
			if (!targets.has(href)) continue;
			const text = line.slice(match.index + 1, match.index + 1 + match[1]!.length);
			shown += line.slice(last, match.index);
			if (portal) shown += `[${text}](${portalHref(portal, targets.get(href)!)})`;
			else {
				warn(i, match.index, href);
				shown += `${text} *(link to the TechDocs of “${name(href)}” is not shown here)*`;
			}
			last = match.index + match[0].length;
		}
		lines[i] = shown + line.slice(last);
	}
	if (notes.length === 0 && lines.join('\n') === rewritten.text) return rewritten;
	return { ...rewritten, text: lines.join('\n'), notes: sortNotes([...rewritten.notes, ...notes]) };
}

/** `%`-escapes decoded; a malformed one (`%zz`, which a URL keeps as written) left as written. */
function decodedOrAsWritten(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}
