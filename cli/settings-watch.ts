import { existsSync, realpathSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { settingsFileNames } from '../tree/settings-files.ts';
import { isInside } from '../core/path-inside.ts';

/**
 * `waymark dev` reads the settings once, at start: the config file and the tree's tool settings
 * (`mkdocs.yml`'s `nav` and `extra`, Hugo's params) in the root and the folders above it, up to
 * `top` (the repository's top, else the working directory; the root alone when it is not below). An edit to one showed nothing, and said nothing.
 * Each such file is watched (its folder, since editors save by replacing the file), and `said` is
 * told of each change, at most once a second per file. Returns what stops the watching.
 */
export function watchSettings(
	root: string,
	top: string | undefined,
	configFile: string | undefined,
	said: (file: string) => void,
): () => void {
	const files = new Set<string>(configFile ? [configFile] : []);
	// Real paths: git gives `top` so, and a root reached through a link (`/var` on macOS) would otherwise never be below it.
	const [realRoot, realTop] = [
		realpathQuietly(root),
		top === undefined ? undefined : realpathQuietly(top),
	];
	for (let dir = realRoot; ; dir = dirname(dir)) {
		for (const name of settingsFileNames)
			if (existsSync(join(dir, name))) files.add(join(dir, name));
		if (realTop === undefined || dir === realTop || dirname(dir) === dir || !isInside(dir, realTop))
			break;
	}
	const byFolder = new Map<string, Set<string>>();
	for (const file of files)
		byFolder.set(dirname(file), (byFolder.get(dirname(file)) ?? new Set()).add(basename(file)));
	const last = new Map<string, number>();
	const watchers: FSWatcher[] = [];
	for (const [folder, names] of byFolder) {
		try {
			watchers.push(
				watch(folder, { persistent: false }, (_event, name) => {
					if (!name || !names.has(name)) return;
					const file = join(folder, name);
					if (performance.now() - (last.get(file) ?? -Infinity) < 1000) return;
					last.set(file, performance.now());
					said(file);
				}),
			);
		} catch {
			// A folder that cannot be watched: its settings are read at the next start, as before.
		}
	}
	return () => {
		for (const watcher of watchers) watcher.close();
	};
}

function realpathQuietly(path: string): string {
	try {
		return realpathSync(path);
	} catch {
		return path;
	}
}
