import { readFileSync, realpathSync, statSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { PulledFile } from '../src/lib/dialect-source/pulled-file.ts';
import { isInside } from '../core/path-inside.ts';
import { secretByName, secretInContent, secretInText } from './secret-files.ts';

/** Largest file a page may pull in; a larger one is shown as a notice. */
const maxPulledBytes = 1024 * 1024;

/**
 * A file the page pulls in, read if it may be shown. `written` is how the tree names it. Never
 * one under `.git` (its `config` holds the token CI checks out with, in no shape a secret rule
 * knows), nor, in an untrusted build, one the branch does not hold (`branchHolds`).
 */
export function pull(file: string, realRoot: string, written: string, secrets: ReadonlyMap<string, string>, branchHolds?: (path: string) => boolean): PulledFile {
	let real: string;
	try {
		real = realpathSync(file);
	} catch {
		return { problem: 'not found' };
	}
	if (!isInside(real, realRoot)) return { problem: `outside the root (\`${written}\`), which Waymark never reads` };
	const fromRoot = relative(realRoot, real).split(sep).join('/');
	if (fromRoot.split('/').includes('.git')) return { problem: `inside \`.git\` (\`${written}\`), which Waymark never reads` };
	if (branchHolds && !branchHolds(fromRoot)) return { problem: `a file the branch does not hold (\`${written}\`: git does not track it), which an untrusted build never reads` };
	const named = secrets.get(fromRoot) ?? secretByName(real);
	if (named) return secretProblem(named);
	const size = statSync(real).size;
	if (size > maxPulledBytes) return tooLarge(size);
	const text = readText(real);
	if (text === undefined) return { problem: 'not readable as UTF-8 text' };
	const held = secretInText(text, real);
	return held ? secretProblem(held) : { text, file: fromRoot };
}

/**
 * `pull`'s answer for a file as a commit holds it (the base side of a preview): the same limits of
 * size and text, and what it holds judged by its name and its whole content, secretlint's rules
 * included, as `tree.secrets` judges the tree's own files.
 */
export async function pullAtCommit(text: string | undefined, fromRoot: string): Promise<PulledFile> {
	if (text === undefined) return { problem: 'not found' };
	const named = secretByName(fromRoot);
	if (named) return secretProblem(named);
	const size = Buffer.byteLength(text);
	if (size > maxPulledBytes) return tooLarge(size);
	if (text.includes('\0') || text.includes('\uFFFD')) return { problem: 'not readable as UTF-8 text' };
	const held = await secretInContent(text, fromRoot);
	return held ? secretProblem(held) : { text, file: fromRoot };
}

function tooLarge(size: number): PulledFile {
	return { problem: `${Math.ceil(size / 1024)} KB, more than the ${maxPulledBytes / 1024} KB a page may pull in` };
}

function secretProblem(holds: string): PulledFile {
	return { problem: `a file that holds ${holds}, which Waymark never shows` };
}

export function readText(file: string): string | undefined {
	try {
		const bytes = readFileSync(file);
		if (bytes.includes(0)) return undefined;
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return undefined;
	}
}

export function isFile(path: string): boolean {
	try {
		return statSync(path).isFile();
	} catch {
		return false;
	}
}
