import { join } from 'node:path';
import { packageRoot } from './package.ts';
import { shownPath } from './shown-path.ts';

/**
 * A page of Waymark's documentation as the user has it: the file in the installed package
 * (`node_modules/waymark/guidebooks/configuration.md`), named from the working directory.
 */
export function docsPage(page: string, cwd = process.cwd()): string {
	return shownPath(join(packageRoot, 'guidebooks', page), cwd).replace(/\/$/, '');
}
