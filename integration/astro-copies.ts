import { lstat, readdir, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import pLimit from 'p-limit';
import {
	readSealedText,
	sealFile,
	sealProblem,
	writeSealedText,
	type FileSeal,
} from '../core/sealed-files.ts';
import type { BuiltPages } from './built-pages.ts';

/**
 * Where Astro's incremental build keeps its copy of every page it may copy instead of rendering
 * again: `<cacheDir>/dist/<file>` (`INCREMENTAL_OUTPUT_DIR`, astro/dist/core/build/incremental.js,
 * Astro 7.3.5, pinned). Astro copies a page's file from there whenever the page's key is unchanged,
 * whatever the file holds: one cut short by a build stopped halfway was published as it was.
 */
const copiesFolder = 'dist';
/** Beside it: the seal of each copy as this build left it (`core/sealed-files.ts`). */
const sealsFile = 'waymark-copies.json';

/** Copies named in one line, at most. */
const named = 5;

/**
 * Checks every copy against the seal the last build recorded and removes each that fails (Astro
 * then renders its page again: its copy is missing); returns one line saying why, or `undefined`
 * when every copy is as written. The seals are removed too until `sealAstroCopies` writes this
 * build's: a build stopped halfway leaves copies no seal vouches for, and the next build renders
 * them again.
 */
export async function checkAstroCopies(cacheDir: string): Promise<string | undefined> {
	const dir = join(cacheDir, copiesFolder);
	const read = await readSealedText(join(cacheDir, sealsFile));
	await rm(join(cacheDir, sealsFile), { force: true });
	const top = await lstat(dir).catch(() => undefined);
	if (!top) return undefined;
	if (!top.isDirectory()) {
		await rm(dir, { recursive: true, force: true });
		return `Astro's copies of the last build's pages are ${top.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}: every page is rendered again.`;
	}
	const seals = read && 'text' in read ? parseSeals(read.text) : undefined;
	const files = (await readdir(dir, { withFileTypes: true, recursive: true }))
		.filter((entry) => !entry.isDirectory())
		.map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
	if (!seals) {
		if (files.length === 0) return undefined;
		await rm(dir, { recursive: true, force: true });
		const why =
			read && 'problem' in read
				? `the record of their digests failed its check (${read.problem})`
				: 'no record of their digests';
		return `Astro's copies of ${pages(files.length)} from the last build have ${why}: they are rendered again.`;
	}
	const limit = pLimit(16);
	const failed = (
		await Promise.all(
			files.map((file) =>
				limit(async () => {
					const problem = await sealProblem(join(dir, file), seals.get(file));
					if (problem) await rm(join(dir, file), { force: true });
					return problem ? [{ file, problem }] : [];
				}),
			),
		)
	).flat();
	const present = new Set(files);
	for (const file of seals.keys())
		if (!present.has(file)) failed.push({ file, problem: 'deleted' });
	if (failed.length === 0) return undefined;
	failed.sort((a, b) => a.file.localeCompare(b.file));
	const list = failed
		.slice(0, named)
		.map(({ file, problem }) => `${file} (${problem})`)
		.join(', ');
	return `Astro's copies of ${pages(failed.length)} from the last build failed their check and ${failed.length === 1 ? 'is' : 'are'} rendered again: ${list}${failed.length > named ? `, and ${failed.length - named} more` : ''}.`;
}

/**
 * Records the seal of every copy Astro keeps after this build. Each copy holds the bytes of its
 * page in the output, so the digests `built` read from the output are taken where the sizes
 * agree; a copy without one is read.
 */
export async function sealAstroCopies(
	cacheDir: string,
	built: BuiltPages | undefined,
): Promise<void> {
	const dir = join(cacheDir, copiesFolder);
	const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
	const limit = pLimit(16);
	const seals = await Promise.all(
		entries
			.filter((entry) => entry.isFile())
			.map((entry) =>
				limit(async (): Promise<[string, FileSeal] | undefined> => {
					const full = join(entry.parentPath, entry.name);
					const file = relative(dir, full).split(sep).join('/');
					const digest = built?.digests.get(file);
					const size = (await lstat(full).catch(() => undefined))?.size;
					if (digest && size !== undefined) return [file, { size, sha256: digest.toString('hex') }];
					const seal = await sealFile(full);
					return seal && [file, seal];
				}),
			),
	);
	await writeSealedText(
		join(cacheDir, sealsFile),
		JSON.stringify(Object.fromEntries(seals.filter((seal) => seal !== undefined))),
	);
}

function parseSeals(text: string): Map<string, FileSeal> | undefined {
	try {
		const value = JSON.parse(text) as Record<string, FileSeal>;
		return typeof value === 'object' && value !== null ? new Map(Object.entries(value)) : undefined;
	} catch {
		return undefined;
	}
}

function pages(count: number): string {
	return count === 1 ? '1 page' : `${count} pages`;
}
