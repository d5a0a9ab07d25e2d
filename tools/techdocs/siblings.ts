import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { routeForPath } from '../../src/lib/routes.ts';
import type { RewrittenSource } from '../rewrite.ts';
import { sortNotes } from '../rewrite.ts';
import { literalLines, maskInlineCode } from '../syntax/code-lines.ts';
import type { SourceNote } from '../syntax/source-note.ts';
import type { TechdocsEntity } from './config.ts';

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

/**
 * The links of each page that climb out of the root (the entity's `docs_dir`) to nothing of the
 * repository: on Backstage each is a page of another entity's TechDocs (the reader serves them
 * side by side, `/docs/<namespace>/<kind>/<name>/`), which the repository cannot show. A link out
 * of the root to a file that exists is the repository's, and left to the forge's reading.
 */
export async function siblingLinks(root: string, texts: ReadonlyMap<string, string>): Promise<Record<string, string[]>> {
	const found: Record<string, string[]> = {};
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
			const out = climbingOut(path, href);
			if (out === undefined) continue;
			const file = join(root, path, '..', href.split(/[?#]/)[0]!);
			if (await stat(file).then(() => true, () => false)) continue;
			(found[path] ??= []).push(href);
		}
	}
	return found;
}

/** A sibling's URL in the portal: the page's own TechDocs URL, with the link read from it as MkDocs writes it (`x.md` as `x/`). */
export function portalHref(portal: string, entity: TechdocsEntity, fromPath: string, href: string): string {
	const base = `https://portal.invalid/docs/${entity.namespace}/${entity.kind}/${entity.name}${routeForPath(fromPath)}`;
	const [path = '', rest = ''] = /^([^?#]*)(.*)$/.exec(href)!.slice(1);
	const asUrl = path.replace(/(?:^|\/)(?:index|README)\.md$/i, (name) => (name.startsWith('/') ? '/' : '')).replace(/\.md$/i, '/');
	// MkDocs writes `x.md` as `x/`: from such a page's URL one more `..` climbs out of its own folder; a folder's index is its folder's URL.
	const url = new URL(`${/(?:^|\/)(?:index|readme)\.md$/i.test(fromPath) ? '' : '../'}${asUrl}`, base);
	return `${portal}${url.pathname}${rest}`;
}

/** The page with each link to another entity's TechDocs taken to the portal, or written as its text with a notice and a warning when no portal is configured. */
export function rewriteSiblingLinks(rewritten: RewrittenSource, fromPath: string, siblings: readonly string[] | undefined, entity: TechdocsEntity | undefined, portal: string | undefined): RewrittenSource {
	if (!siblings || siblings.length === 0) return rewritten;
	const targets = new Set(siblings);
	const notes: SourceNote[] = [];
	const lines = rewritten.text.split('\n');
	const literal = literalLines(lines);
	const name = (href: string) => /^(?:\.\.\/)+([^/#?]+)/.exec(climbingOut(fromPath, href) ?? '')?.[1] ?? href;
	const warn = (line: number, column: number, href: string) =>
		notes.push({ line: line + 1, column: column + 1, severity: 'warning', message: `Unexpected link \`${href}\` to another entity's TechDocs (\`${name(href)}\`), outside this entity's \`docs_dir\`, expected a page of this tree or a portal to link it in (\`app.baseUrl\` in the repository's \`app-config.yaml\`): Backstage serves it beside this entity's docs; Waymark shows its text and a notice` });
	for (let i = 0; i < lines.length; i++) {
		if (literal[i] || !lines[i]!.includes('../')) continue;
		const defined = definition.exec(lines[i]!);
		if (defined && targets.has(defined[2]!)) {
			if (portal && entity) lines[i] = `${defined[1]}${portalHref(portal, entity, fromPath, defined[2]!)}${defined[3]}`;
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
			if (portal && entity) shown += `[${text}](${portalHref(portal, entity, fromPath, href)})`;
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
