/**
 * `{% include %}` as Jekyll runs it: a file of `_includes/` alone on its line pasted in (three
 * deep), `{{ include.x }}` filled from its parameters, within the page's budget of included text.
 */
import { posix } from 'node:path';
import { literalLines } from '../syntax/code-lines.ts';
import { budgetText, sharedBudget } from '../syntax/pulled-file.ts';
import { own } from '../../core/own.ts';
import { notice } from '../syntax/notice.ts';
import type { Entry } from './entry.ts';
import { evaluateLiquid, includeParameters, type LiquidScope } from './liquid.ts';

/** What includes read of the site (`JekyllSite`). */
interface IncludeSite {
	/** `_includes/` files by name (`note.html`, `partials/x.md`). */
	includes: Readonly<Record<string, string>>;
	/** Most characters includes may add to one page, however they nest (`pulledBudget`). */
	includeBudget: number;
	/** The root's path in the site's source folder: an include's lines are placed in `_includes/` from the root. */
	rootInSite: string;
}

const includeAlone = /^(\s*)\{%-?\s*include\s+([^\s%]+)(.*?)-?%\}\s*$/;

/** Includes alone on their line pasted in (three deep at most), each line from the line that included it. */
export function withIncludes(
	lines: readonly string[],
	site: IncludeSite,
	scope: LiquidScope,
	path: string,
	warn: (entry: Entry, column: number, message: string) => void,
): Entry[] {
	const entries: Entry[] = [];
	const literal = literalLines(lines);
	// An include of an include of an include, each pasting its file many times, grows as a power:
	// what includes add to the page is bounded, and one past the bound is a notice.
	let budget = site.includeBudget;
	/** The page's lines already warned of: one warning each, however many includes behind it go past. */
	const warned = new Set<number>();
	/** The include's text, or undefined (a notice, and a warning at the page's line) past the page's budget; each of its lines costs its indentation too. */
	const take = (name: string, written: string, at: Entry, indent: string): string | undefined => {
		const cost = written.length + indent.length * written.split('\n').length;
		if (cost <= budget) {
			budget -= cost;
			return written;
		}
		if (!warned.has(at.origin)) {
			warned.add(at.origin);
			warn(
				at,
				at.text.indexOf('{%') + 1,
				`Unexpected \`{% include ${name} %}\` in \`${path}\` past ${budgetText(site.includeBudget)} of included files on one page (${sharedBudget}), expected fewer or smaller includes; Waymark shows a notice in its place`,
			);
		}
		at.text = `${/^\s*/.exec(at.text)![0]}${notice(`Include “${name}”`)}`;
		entries.push(at);
		return undefined;
	};
	const paste = (
		name: string,
		text: string,
		origin: number,
		inner: LiquidScope,
		depth: number,
		indent: string,
	) => {
		const pasted = text.replace(/\r?\n$/, '').split('\n');
		const file = includeFile(site.rootInSite, name);
		for (const [k, line] of pasted.entries()) {
			const include = depth < 3 ? includeAlone.exec(line) : null;
			const found = include ? own(site.includes, include[2]!) : undefined;
			const written =
				found === undefined
					? undefined
					: take(include![2]!, found, { text: indent + line, origin }, indent + include![1]!);
			if (include && found !== undefined) {
				if (written !== undefined)
					paste(
						include[2]!,
						written,
						origin,
						{ ...inner, include: includeParameters(include[3]!, inner) },
						depth + 1,
						indent + include[1]!,
					);
			} else
				entries.push({
					text: indent + fillIncludeValues(line, inner),
					origin,
					place: { file, line: k + 1, text: line },
				});
		}
	};
	lines.forEach((line, i) => {
		const include = literal[i] ? null : includeAlone.exec(line);
		if (!include) {
			entries.push({ text: line, origin: i + 1 });
			return;
		}
		const name = include[2]!;
		const found = own(site.includes, name);
		if (found === undefined) {
			const entry: Entry = { text: `${include[1]}${notice(`Include “${name}”`)}`, origin: i + 1 };
			warn(
				entry,
				line.indexOf('{%') + 1,
				`Unexpected \`{% include ${name} %}\` in \`${path}\`, expected Markdown, or a file \`_includes/${name}\` in the site's source folder for Jekyll to paste in; Waymark shows a notice in its place`,
			);
			entries.push(entry);
			return;
		}
		const written = take(name, found, { text: line, origin: i + 1 }, include[1]!);
		if (written === undefined) return;
		paste(
			name,
			written,
			i + 1,
			{ ...scope, include: includeParameters(include[3]!, scope) },
			1,
			include[1]!,
		);
	});
	return entries;
}

/** An `_includes/` file's path from the root (`../_includes/note.md` when the root is a folder of the site). */
function includeFile(rootInSite: string, name: string): string {
	return posix.relative(posix.join('/', rootInSite), posix.join('/_includes', name));
}

/** `{{ include.x }}` in an include's line, from its parameters (the rest is read with the page). */
function fillIncludeValues(line: string, scope: LiquidScope): string {
	if (!scope.include || !line.includes('include.')) return line;
	return line.replace(
		/\{\{-?\s*(include\.[^}]*?)\s*-?\}\}/g,
		(written, expression: string) => evaluateLiquid(expression, scope) ?? written,
	);
}
