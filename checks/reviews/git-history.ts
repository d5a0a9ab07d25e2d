import { git, type Repository } from '../../core/git.ts';

/** One commit's change to one file: when, and the file's content before and after (blob ids). */
export interface FileChange {
	commit: string;
	/** Committer date, ISO 8601 with the committer's offset. */
	at: string;
	/** The blob before; `undefined` where the commit added the file. */
	before: string | undefined;
	/** The blob after; `undefined` where the commit removed it. */
	after: string | undefined;
}

/** Paths per `git log` process: far under any system's argument limit. */
const pathsPerLog = 500;
const noBlob = /^0+$/;

/**
 * Every commit reachable from HEAD that changed `paths` (files, or folders: every file under
 * them), from one `git log --raw` per 500 paths, by the path changed (relative to the repository
 * top). Merges add no entry of their own (their changes are the commits they bring); a rename is a
 * removal and an addition. Only object ids and dates are read: no file's content passes through
 * git here, so nothing the tree's attributes name can run.
 */
export async function readFileChanges(
	repo: Repository,
	paths: string[],
): Promise<Map<string, FileChange[]>> {
	const changes = new Map<string, FileChange[]>();
	for (let i = 0; i < paths.length; i += pathsPerLog) {
		const pathspecs = paths.slice(i, i + pathsPerLog).map((path) => `:(literal)${path}`);
		const output = await git(repo, [
			'log',
			'-z',
			'--raw',
			'--no-abbrev',
			'--no-renames',
			'--format=%x00%H%x00%cI',
			'--end-of-options',
			'HEAD',
			'--',
			...pathspecs,
		]);
		parseRawLog(output, changes);
	}
	return changes;
}

/** `git log -z --raw --format=%x00%H%x00%cI` → changes by path, in log order. */
function parseRawLog(output: string, changes: Map<string, FileChange[]>): void {
	const tokens = output.split('\0');
	let commit: { commit: string; at: string } | undefined;
	for (let i = 0; i < tokens.length; i++) {
		const token = (tokens[i] ?? '').replace(/^\n+/, '');
		const record = /^:\d{6} \d{6} ([0-9a-f]+) ([0-9a-f]+) [A-Z]\d*$/.exec(token);
		if (record && commit) {
			const path = tokens[++i] ?? '';
			const list = changes.get(path) ?? [];
			list.push({
				...commit,
				before: noBlob.test(record[1] ?? '') ? undefined : record[1],
				after: noBlob.test(record[2] ?? '') ? undefined : record[2],
			});
			changes.set(path, list);
			continue;
		}
		const date = tokens[i + 1] ?? '';
		if (/^[0-9a-f]{40,64}$/.test(token) && /^\d{4}-\d{2}-\d{2}T/.test(date)) {
			commit = { commit: token, at: date.trim() };
			i++;
		}
	}
}
