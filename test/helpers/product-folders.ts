import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './fixture.ts';

/**
 * The product's folders, from the one place that lists them: the folders `npm run lint` hands
 * dependency-cruiser (`package.json`), in its order. Tests that walk the product take them from here.
 */
export const productFolders: readonly string[] = (() => {
	const { scripts } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
		scripts: Record<string, string>;
	};
	const folders = /depcruise --config \S+ ([\w ]+)$/.exec(scripts['lint'] ?? '')?.[1]?.split(' ');
	if (!folders?.length)
		throw new Error(
			'package.json: the lint script no longer hands dependency-cruiser the product folders',
		);
	return folders;
})();
