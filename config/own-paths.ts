import type { Config } from './load-config.ts';

/**
 * Waymark's own folders and files: the state folder, each cache wherever the config puts it, the
 * status history (with the files SQLite keeps beside it) and the output folder. They are never
 * content for `check`, `build`, `preview` or `--changed-since`, wherever they are and whatever
 * `.gitignore` says (`tree/walk-files.ts`, `tree/own-changes.ts`).
 */
export function waymarkPaths(loaded: {
	stateDir: string;
	outDir?: string;
	config: Config;
}): string[] {
	const { config } = loaded;
	const database =
		config.status.database === ':memory:'
			? []
			: ['', '-wal', '-shm', '-journal'].map((end) => `${config.status.database}${end}`);
	return [
		...new Set([
			loaded.stateDir,
			...(config.diagrams.cacheDir ? [config.diagrams.cacheDir] : []),
			config.links.cache.dir,
			...database,
			...(loaded.outDir ? [loaded.outDir] : []),
		]),
	];
}
