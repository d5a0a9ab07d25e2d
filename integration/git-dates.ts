import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * The last commit date (ISO 8601) of every file under `root` that git knows, from one
 * `git log` over the whole tree instead of one process per page. Empty when `root` is not in a
 * git work tree or git is missing; a page without a date simply shows none.
 */
export async function readLastCommitDates(root: string): Promise<Map<string, string>> {
	const dates = new Map<string, string>();
	let stdout: string;
	try {
		({ stdout } = await promisify(execFile)('git', ['-C', root, 'log', '--format=%x00%cI', '--name-only', '--relative', '--no-renames', '--', '.'], {
			maxBuffer: 256 * 1024 * 1024,
		}));
	} catch {
		return dates;
	}
	// Newest commit first, so the first date seen for a path is its last change.
	for (const chunk of stdout.split('\0')) {
		const [date, ...files] = chunk.split('\n');
		if (!date) continue;
		for (const file of files) if (file && !dates.has(file)) dates.set(unquote(file), date.trim());
	}
	return dates;
}

// git quotes paths with unusual bytes (`"caf\303\251.md"`) unless core.quotePath is off.
function unquote(path: string): string {
	if (!path.startsWith('"')) return path;
	const bytes: number[] = [];
	const body = path.slice(1, -1);
	for (let i = 0; i < body.length; i++) {
		if (body[i] === '\\') {
			const octal = /^[0-7]{3}/.exec(body.slice(i + 1));
			if (octal) {
				bytes.push(Number.parseInt(octal[0], 8));
				i += 3;
				continue;
			}
			const escaped = body[++i] ?? '';
			bytes.push(({ n: 10, t: 9, '"': 34, '\\': 92 } as Record<string, number>)[escaped] ?? escaped.charCodeAt(0));
			continue;
		}
		bytes.push(...Buffer.from(body[i] ?? ''));
	}
	return Buffer.from(bytes).toString('utf8');
}
