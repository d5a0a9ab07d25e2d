import { gitBytes, type Repository } from '../core/git.ts';

/**
 * The content of `objects` (blob ids, or `<commit>:<path>` for a path without a line break) from one
 * `git cat-file --batch`, as text; an object git does not have, or that is no file, is left out.
 * Only objects are read: no filter or conversion of the work tree runs.
 */
export async function readBlobs(repo: Repository, objects: string[]): Promise<Map<string, string>> {
	const blobs = new Map<string, string>();
	const asked = [...new Set(objects)].filter((name) => !/[\n\r]/.test(name));
	if (asked.length === 0) return blobs;
	const output = await gitBytes(repo, ['cat-file', '--batch'], {
		input: asked.map((name) => `${name}\n`).join(''),
	});
	let at = 0;
	for (const name of asked) {
		const end = output.indexOf(10, at);
		if (end === -1) break;
		const header = output.subarray(at, end).toString('utf8');
		at = end + 1;
		const size = /^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1];
		if (size === undefined) {
			// `<name> missing`, or an object that is no blob (`<id> tree <size>`): skip its content.
			const other = /^[0-9a-f]+ \w+ (\d+)$/.exec(header)?.[1];
			if (other !== undefined) at += Number(other) + 1;
			continue;
		}
		blobs.set(name, output.subarray(at, at + Number(size)).toString('utf8'));
		at += Number(size) + 1;
	}
	return blobs;
}
