import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { replaceFile } from './replace-file.ts';

/**
 * What a file of a cache was when Waymark wrote it: its size and SHA-256. A build reuses a file
 * from an earlier build only when it is still that (Nix, Bazel and Turborepo reuse an output only
 * when its recorded hash matches): a file cut short by a build stopped halfway, edited, removed or
 * replaced by a symbolic link is made again, never published.
 */
export interface FileSeal {
	size: number;
	sha256: string;
}

function sealOf(bytes: Uint8Array | string): FileSeal {
	const buffer = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
	return { size: buffer.length, sha256: createHash('sha256').update(buffer).digest('hex') };
}

/** A file read as it is on disk, or why it cannot be trusted to be what was written. */
type SealedRead = { bytes: Buffer } | { problem: string };

/**
 * Reads `file` when it is what `seal` recorded; otherwise says why not, in words for a log line:
 * `deleted`, `a symbolic link`, `truncated: 700 of 5,123 bytes`, `edited: …`, `no digest recorded`.
 * Never follows a symbolic link, even to a file with the same bytes: what a cache holds is the
 * cache's, not something it points at.
 */
async function readSealed(file: string, seal: FileSeal | undefined): Promise<SealedRead> {
	const info = await lstat(file).catch(() => undefined);
	if (!info) return { problem: 'deleted' };
	if (info.isSymbolicLink()) return { problem: 'a symbolic link' };
	if (!info.isFile()) return { problem: 'not a file' };
	if (!seal) return { problem: 'no digest recorded' };
	if (info.size < seal.size)
		return {
			problem: `truncated: ${info.size.toLocaleString('en')} of ${seal.size.toLocaleString('en')} bytes`,
		};
	if (info.size !== seal.size)
		return {
			problem: `changed size: ${info.size.toLocaleString('en')} bytes, ${seal.size.toLocaleString('en')} written`,
		};
	const bytes = await readNoFollow(file).catch(() => undefined);
	if (!bytes) return { problem: 'unreadable' };
	return sealOf(bytes).sha256 === seal.sha256
		? { bytes }
		: { problem: 'edited: its digest is not the one recorded' };
}

/** The problem `readSealed` finds, without keeping the bytes. */
export async function sealProblem(
	file: string,
	seal: FileSeal | undefined,
): Promise<string | undefined> {
	const read = await readSealed(file, seal);
	return 'problem' in read ? read.problem : undefined;
}

/** A regular file's text; `undefined` for a symbolic link, anything but a file, or a file that cannot be read. */
export async function readRegularText(file: string): Promise<string | undefined> {
	const info = await lstat(file).catch(() => undefined);
	if (!info?.isFile()) return undefined;
	return (await readNoFollow(file).catch(() => undefined))?.toString('utf8');
}

/** The seal of `file` as it is now (a symbolic link is not sealed). */
export async function sealFile(file: string): Promise<FileSeal | undefined> {
	const bytes = await readNoFollow(file).catch(() => undefined);
	return bytes && sealOf(bytes);
}

/** A file's bytes, refusing a symbolic link where the platform can (`O_NOFOLLOW`). */
async function readNoFollow(file: string): Promise<Buffer> {
	const handle = await open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
	try {
		return await handle.readFile();
	} finally {
		await handle.close();
	}
}

/** The first line of a sealed file: what follows it, as its size and digest. */
const headerPattern = /^waymark-sealed ([0-9a-f]{64}) (\d+)\n/;

/**
 * Writes `text` to `file` with a first line recording the size and SHA-256 of what follows, through
 * a temporary file put in place: a reader finds the whole file or the one before it. For a cache
 * that is one file (the page cache, a build's record, a list of seals).
 */
export async function writeSealedText(
	file: string,
	text: string,
	encoding: BufferEncoding = 'utf8',
): Promise<void> {
	const body = Buffer.from(text, encoding);
	const { size, sha256 } = sealOf(body);
	await mkdir(dirname(file), { recursive: true });
	await replaceFile(file, Buffer.concat([Buffer.from(`waymark-sealed ${sha256} ${size}\n`), body]));
}

/**
 * What `writeSealedText` wrote to `file`: its text, `undefined` when there is no file (nothing to
 * reuse, nothing to say), or the problem that makes it no record at all (cut short, edited, a
 * symbolic link, written by something else).
 */
export async function readSealedText(
	file: string,
	encoding: BufferEncoding = 'utf8',
): Promise<{ text: string } | { problem: string } | undefined> {
	const info = await lstat(file).catch(() => undefined);
	if (!info) return undefined;
	if (info.isSymbolicLink()) return { problem: 'a symbolic link' };
	const bytes = await readNoFollow(file).catch(() => undefined);
	if (!bytes) return { problem: 'unreadable' };
	const end = bytes.indexOf(10);
	const header = headerPattern.exec(bytes.subarray(0, end + 1).toString('latin1'));
	if (!header) return { problem: 'no digest recorded' };
	const body = bytes.subarray(end + 1);
	const size = Number(header[2]);
	if (body.length < size)
		return {
			problem: `truncated: ${body.length.toLocaleString('en')} of ${size.toLocaleString('en')} bytes`,
		};
	if (body.length !== size || sealOf(body).sha256 !== header[1])
		return { problem: 'edited: its digest is not the one recorded' };
	return { text: body.toString(encoding) };
}
