import { rename, rm, writeFile } from 'node:fs/promises';

/** Writes in this process so far, for a temporary name no other write shares. */
let writes = 0;

/**
 * Writes `file` whole under a temporary name, then puts it in place: a reader finds the old file
 * or the new one, never half of one, and a symbolic link standing there is replaced, not followed.
 * Each write has a temporary name of its own (the process and a count): two writes of one file at
 * once (a dev server's saves in quick succession) each put a whole file in place, the later one
 * last, where a name per process had the second rename find the first one's file gone.
 */
export async function replaceFile(file: string, data: string | Uint8Array): Promise<void> {
	const partial = `${file}.${process.pid}-${++writes}.tmp`;
	try {
		await writeFile(partial, data);
		await rename(partial, file);
	} catch (error) {
		await rm(partial, { force: true });
		throw error;
	}
}
