import { basename } from 'node:path';
import { configFileNames } from '../config/load-config.ts';
import { tools } from '../tools/index.ts';

/**
 * The settings files of the tools a tree is written for, and Waymark's own: what pages read beyond
 * their own text (MkDocs' `extra` variables and `nav`, Hugo's params, Docusaurus' sidebars, an
 * mdBook's title, awesome-pages' `.pages`), found in the root or a folder above it.
 */
const settingsFiles = new Set([
	...tools.flatMap((tool) => tool.settingsFiles ?? []),
	...configFileNames,
]);

function isSettingsFile(path: string): boolean {
	return settingsFiles.has(basename(path));
}

/**
 * The folder a settings file of a tool or of Waymark is the settings of (`docs/` for
 * `docs/mkdocs.yml` and for Hugo's `docs/config/_default/hugo.toml`), ending in `/`; none for any
 * other file.
 */
export function settingsFolderOf(path: string): string | undefined {
	if (isSettingsFile(path)) return path.slice(0, path.lastIndexOf('/') + 1);
	for (const tool of tools) {
		const folder = tool.settingsFolder?.(path);
		if (folder !== undefined) return folder;
	}
	return undefined;
}

/** Every name `isSettingsFile` accepts, to look for in a folder. */
export const settingsFileNames: readonly string[] = [...settingsFiles];
