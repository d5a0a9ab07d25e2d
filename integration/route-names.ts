import { readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { standInCharacters, withoutStandIns } from '../markdown/route-stand-ins.ts';

/**
 * Gives the files Astro wrote under stand-ins (`markdown/route-stand-ins.ts`) their real names, from
 * the top down: `a<U+E023>b/index.html` becomes `a#b/index.html`, which the site's URL `/a%23b/`
 * reaches on any static server, as GitHub serves the page at `a%23b.md`. Run once the pages are
 * written and before anything reads them by name (the search index, the build's record).
 */
export async function renameStandIns(dir: string): Promise<void> {
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		let name = entry.name;
		if (standInCharacters.test(name)) {
			name = withoutStandIns(name);
			await rename(join(dir, entry.name), join(dir, name));
		}
		if (entry.isDirectory()) await renameStandIns(join(dir, name));
	}
}
