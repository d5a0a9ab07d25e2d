import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A `package.json` that is not JSON, where it goes wrong. */
export interface UnreadablePackageJson {
	file: string;
	line: number;
	column: number;
	reason: string;
}

/**
 * The first `package.json` the bundler would read for the tree's MDX modules that is not JSON
 * (a merge left unresolved, a comma too many): in the tree's folders or any folder above it.
 * Vite's resolver reads the nearest one of each module it resolves and fails the whole build on a
 * broken one; the tree's `.mdx` pages are then rendered as Markdown instead (`site-plan.ts`).
 */
export function unreadablePackageJson(
	root: string,
	treeFolders: readonly string[],
): UnreadablePackageJson | undefined {
	const folders = new Set(treeFolders.map((folder) => join(root, folder)));
	for (let folder = root; ; folder = dirname(folder)) {
		folders.add(folder);
		if (dirname(folder) === folder) break;
	}
	for (const folder of folders) {
		const file = join(folder, 'package.json');
		if (!existsSync(file)) continue;
		let text: string;
		try {
			text = readFileSync(file, 'utf8');
		} catch {
			continue;
		}
		try {
			JSON.parse(text);
		} catch (error) {
			return {
				file,
				...jsonErrorPlace(text, error),
				reason: (error instanceof Error ? error.message : String(error))
					.replace(/ \(line \d+ column \d+\)$/, '')
					.replace(/ in JSON at position \d+$/, ''),
			};
		}
	}
	return undefined;
}

/** Where `JSON.parse` stopped, from the position its message names (Node: "at position 12"). */
function jsonErrorPlace(text: string, error: unknown): { line: number; column: number } {
	const at = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
	const offset = at === undefined ? 0 : Number(at);
	const before = text.slice(0, offset).split('\n');
	return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
