import { join } from 'node:path';
import { packageRoot } from './package.ts';
import { shownPath } from './shown-path.ts';

/**
 * A page of Waymark's documentation as the user has it: the file in the installed package
 * (`node_modules/waymark/guidebooks/configuration.md`), named from the command's working
 * directory, or its absolute path when there is none.
 */
export function docsPage(page: string, cwd?: string): string {
	const file = join(packageRoot, 'guidebooks', page);
	return cwd === undefined ? file : shownPath(file, cwd).replace(/\/$/, '');
}
