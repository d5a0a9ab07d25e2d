import { stat } from 'node:fs/promises';
import { isReallyInside } from '../core/really-inside.ts';

/**
 * What `file` is for a reader bounded by `boundary`: `file` (a regular file inside it), `outside`
 * (a file reached through a symbolic link leading out of it: never read), or `absent`.
 */
export async function toolFileAt(
	file: string,
	boundary: string,
): Promise<'file' | 'outside' | 'absent'> {
	const info = await stat(file).catch(() => undefined);
	if (!info?.isFile()) return 'absent';
	return (await isReallyInside(file, boundary)) ? 'file' : 'outside';
}
