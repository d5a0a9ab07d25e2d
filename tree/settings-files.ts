import { basename } from 'node:path';
import { configFileNames } from '../config/load-config.ts';
import { hugoConfigNames } from '../tools/hugo/config.ts';
import { docusaurusConfigNames, mkdocsConfigNames } from '../tools/surroundings.ts';

/**
 * The settings files of the tools a tree is written for, and Waymark's own: what pages read beyond
 * their own text (MkDocs' `extra` variables and `nav`, Hugo's params, Docusaurus' sidebars, an
 * mdBook's title, awesome-pages' `.pages`), found in the root or a folder above it.
 */
const settingsFiles = new Set([...mkdocsConfigNames, ...hugoConfigNames, ...docusaurusConfigNames, ...configFileNames, 'sidebars.js', 'sidebars.ts', 'book.toml', '.pages', '.pages.yml']);

export function isSettingsFile(path: string): boolean {
	return settingsFiles.has(basename(path));
}

/** Every name `isSettingsFile` accepts, to look for in a folder. */
export const settingsFileNames: readonly string[] = [...settingsFiles];
