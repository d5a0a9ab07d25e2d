import { basename } from 'node:path';

/**
 * The settings files of the tools a tree is written for, and Waymark's own: what pages read beyond
 * their own text (MkDocs' `extra` variables and `nav`, Hugo's params, Docusaurus' sidebars, an
 * mdBook's title, awesome-pages' `.pages`), found in the root or a folder above it.
 */
const settingsFiles = new Set(['mkdocs.yml', 'mkdocs.yaml', 'hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'docusaurus.config.js', 'docusaurus.config.ts', 'docusaurus.config.mjs', 'sidebars.js', 'sidebars.ts', 'book.toml', 'waymark.config.yaml', 'waymark.config.yml', 'waymark.config.json', '.pages', '.pages.yml']);

export function isSettingsFile(path: string): boolean {
	return settingsFiles.has(basename(path));
}

/** Every name `isSettingsFile` accepts, to look for in a folder. */
export const settingsFileNames: readonly string[] = [...settingsFiles];
