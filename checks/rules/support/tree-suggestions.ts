import { distance } from 'fastest-levenshtein';
import { dirnameOf } from '../../../markdown/routes.ts';
import { closestWithin, createSuggestBudget, createSuggester, type Suggester } from './suggest.ts';

// "Did you mean" for the checks' findings: a path of the tree for a missing one, an anchor of a
// page for a missing one.

/**
 * "Did you mean" for a missing path (relative to the root, or to the repository top when `inTree`
 * is false), as a path of the tree: the same name with a page extension, the same file name
 * elsewhere in the tree (a file that moved), or a near miss beside it.
 */
export function pathSuggester(
	pages: Set<string>,
	assets: Set<string>,
	folders: Set<string>,
): (path: string, inTree: boolean, fromPath: string) => string | undefined {
	let byName: Map<string, string[]> | undefined;
	let byFolder: Map<string, string[]> | undefined;
	const spend = createSuggestBudget(pages.size + assets.size + folders.size);
	// Kept, so a question asked again (the next run over the same tree) gets its answer again, free.
	const answers = new Map<string, string | undefined>();
	return (path, inTree, fromPath) => {
		const key = `${inTree ? 'tree' : 'repository'}\0${fromPath}\0${path}`;
		if (!answers.has(key)) answers.set(key, suggest(path, inTree, fromPath));
		return answers.get(key);
	};

	function suggest(path: string, inTree: boolean, fromPath: string): string | undefined {
		// A missing extension is the commonest near miss (`ops` for `ops.md`), and far in edit distance.
		if (inTree)
			for (const candidate of [`${path}.md`, `${path}.mdx`, path.replace(/\.html?$/i, '.md')])
				if (candidate !== path && pages.has(candidate)) return candidate;
		const name = basename(path);
		if (name === '') return undefined;
		if (!byName) {
			byName = new Map();
			for (const file of [...pages, ...assets]) {
				const key = basename(file).toLowerCase();
				const same = byName.get(key);
				if (same) same.push(file);
				else byName.set(key, [file]);
			}
		}
		const moved = byName.get(name.toLowerCase());
		// A file that moved keeps its name; of several, the one whose path is closest.
		if (moved && moved.length > 0) return closestWithin(path, moved, spend);
		// Outside the root only a moved file is a safe guess: the folders there are not the tree's.
		if (!inTree) return undefined;
		if (!byFolder) {
			byFolder = new Map();
			for (const file of [...pages, ...assets, ...[...folders].filter(Boolean)]) {
				const folder = dirnameOf(file);
				const same = byFolder.get(folder);
				if (same) same.push(file);
				else byFolder.set(folder, [file]);
			}
		}
		// A neighbour in the same folder, compared by name (a typo rarely changes the folder), never
		// the linking page itself.
		const siblings = (byFolder.get(dirnameOf(path)) ?? []).filter((p) => p !== fromPath);
		const candidate = closestWithin(path, siblings, spend);
		return candidate !== undefined && isNearName(basename(candidate), name) ? candidate : undefined;
	}
}

/** A typo (a few edits) or a shortened/extended name (`vault-unseal` for `vault-unseal-order`). */
function isNearName(candidate: string, name: string): boolean {
	if (distance(candidate, name) <= Math.max(2, Math.floor(name.length / 4))) return true;
	const [a, b] = [stem(candidate), stem(name)];
	return Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a));
}

function stem(name: string): string {
	return name.replace(/\.[^.]*$/, '').toLowerCase();
}

function basename(path: string): string {
	return path.split('/').pop() ?? path;
}

const anchorSuggesters = new WeakMap<object, Suggester>();

/**
 * The anchor of `anchors` closest to `hash`, for "did you mean": within a third of its length (at
 * least 2 edits). One suggester per list (`page.anchors`, a page's definitions), so each list is
 * indexed once and its answers kept (`suggest.ts`).
 */
export function suggestAnchor(
	hash: string,
	anchors: ReadonlySet<string> | readonly string[],
): string | undefined {
	let suggester = anchorSuggesters.get(anchors);
	if (!suggester) {
		suggester = createSuggester([...anchors], (asked) => Math.max(2, Math.floor(asked.length / 3)));
		anchorSuggesters.set(anchors, suggester);
	}
	return suggester.suggest(hash);
}
