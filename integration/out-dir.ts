import {
	access,
	cp,
	lstat,
	mkdir,
	readdir,
	realpath,
	rename,
	rm,
	writeFile,
} from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join, relative, resolve } from 'node:path';
import { OutDirHoldsTree, OutDirNotOurs, raise } from '../core/errors.ts';
import { outputMarker } from '../core/output-marker.ts';
import { isInside } from '../core/path-inside.ts';

/** The marker's text: what it is for, and this build's own id, which the site record keeps (`outputIdentity`). */
const markerText = (): string =>
	`Written by \`waymark build\`. \`waymark build --out\` replaces a folder only when this file is in it.\nbuild ${randomUUID()}\n`;

/**
 * Refuses an output folder `waymark build` would destroy sources in: the guidebook root itself or
 * a folder containing it (`OutDirHoldsTree`), or a folder holding files Waymark did not write
 * (`OutDirNotOurs`). A missing or empty folder is fine, and so is one with Waymark's marker file
 * (or, from builds before the marker, `index.html` beside `_waymark/probes.json`).
 */
export async function assertOutDirReplaceable(outDir: string, root: string): Promise<void> {
	const [realOut, realRoot] = await Promise.all([
		realpath(outDir).catch(() => resolve(outDir)),
		realpath(root).catch(() => resolve(root)),
	]);
	if (isInside(realRoot, realOut)) throw raise(OutDirHoldsTree, outDir, root);
	const info = await lstat(outDir).catch(() => undefined);
	if (!info) return;
	if (!info.isDirectory()) throw raise(OutDirNotOurs, outDir, [relative(dirname(outDir), outDir)]);
	const entries = await readdir(outDir);
	if (entries.length === 0 || entries.includes(outputMarker)) return;
	const earlierBuild =
		entries.includes('index.html') &&
		(await access(join(outDir, '_waymark/probes.json')).then(
			() => true,
			() => false,
		));
	if (!earlierBuild) throw raise(OutDirNotOurs, outDir, entries.sort().slice(0, 3));
}

/**
 * Marks the finished site as Waymark's and moves it from Astro's working folder to `outDir`,
 * leaving Astro's server chunks behind. A rename when both are on one file system; a copy across
 * file systems (EXDEV). Call `assertOutDirReplaceable` first: this replaces `outDir`.
 */
export async function publishSite(buildDir: string, outDir: string): Promise<void> {
	await rm(join(buildDir, '.prerender'), { recursive: true, force: true });
	await writeFile(join(buildDir, outputMarker), markerText());
	if (buildDir === outDir) return;
	await rm(outDir, { recursive: true, force: true });
	await mkdir(dirname(outDir), { recursive: true });
	try {
		await rename(buildDir, outDir);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
		await cp(buildDir, outDir, { recursive: true });
	}
}
