import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { exportOffline } from '../../export/offline.ts';

// The offline copy is unpacked by whatever the reader has: Debian's `unzip` read the names of
// entries made by "MS-DOS" (fflate's default) as the DOS code page despite the UTF-8 flag, and
// `café/index.html` came out as `caf+�/index.html`, so the page and its picture were lost. Every
// entry is now a Unix file (`-rw-r--r--`) with its name in UTF-8, flagged so.

const names = [
	'index.html',
	'café/index.html',
	'café/café.svg',
	'ops guide/index.html',
	'日本/index.html',
	'a&b (1)/it’s.png',
];
let dir: string;
let zip: Uint8Array;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'waymark-zip-names-'));
	for (const name of names) {
		await mkdir(dirname(join(dir, name)), { recursive: true });
		await writeFile(
			join(dir, name),
			name.endsWith('.html')
				? `<!doctype html><title>${name}</title><main data-pagefind-body><h1>${name}</h1></main>`
				: '<svg xmlns="http://www.w3.org/2000/svg"/>',
		);
	}
	({ zip } = await exportOffline(dir, { site: 'Runbooks', builtAt: '2026-11-25T00:00:00Z' }, '/'));
});

afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

/** The central directory's records: who made each entry, its flags, its Unix mode and its name's bytes. */
function centralRecords(
	bytes: Uint8Array,
): Array<{ madeBy: number; flags: number; mode: number; name: string }> {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const records = [];
	for (let at = 0; at + 46 <= bytes.length; at++) {
		if (view.getUint32(at, true) !== 0x02014b50) continue;
		const nameLength = view.getUint16(at + 28, true);
		records.push({
			madeBy: view.getUint8(at + 5),
			flags: view.getUint16(at + 8, true),
			mode: view.getUint32(at + 38, true) >>> 16,
			name: new TextDecoder('utf-8', { fatal: true }).decode(
				bytes.subarray(at + 46, at + 46 + nameLength),
			),
		});
		at += 45 + nameLength;
	}
	return records;
}

test('every entry is a Unix file readable by all, named in UTF-8 and flagged so', () => {
	const records = centralRecords(zip);
	expect(records.map((record) => record.name)).toEqual(expect.arrayContaining(names));
	for (const record of records) {
		expect(record.madeBy, record.name).toBe(3);
		expect(record.mode.toString(8), record.name).toBe('100644');
		// Bit 11: the name is UTF-8 (only names with characters beyond ASCII need it).
		if (/[^\x20-\x7e]/.test(record.name)) expect(record.flags & 0x800, record.name).toBe(0x800);
	}
});

// A file of the site whose name unpacks elsewhere than its folder on some reader's machine: a
// backslash (Windows zip tools read it as a separator: `a\\..\\..\\escaped.txt` lands two folders
// above), a drive or stream colon, a control character. It is left out and reported; every
// portable name beside it is kept.
const unportable = [
	'a\\..\\..\\escaped.txt',
	'ops\\notes.txt',
	'C:drive.txt',
	'report:stream.txt',
	'tab\there.txt',
	'nested/b\\..\\x.png',
];

test('leaves out every file whose name a zip tool could unpack outside its folder, and says which', async () => {
	const site = await mkdtemp(join(tmpdir(), 'waymark-zip-unportable-'));
	try {
		for (const name of [...unportable, 'index.html', 'kept/plain.txt']) {
			await mkdir(dirname(join(site, name)), { recursive: true });
			await writeFile(
				join(site, name),
				name.endsWith('.html')
					? '<!doctype html><main data-pagefind-body><h1>Home</h1></main>'
					: 'x',
			);
		}
		const result = await exportOffline(
			site,
			{ site: 'Runbooks', builtAt: '2026-11-25T00:00:00Z' },
			'/',
		);
		const entries = centralRecords(result.zip).map((record) => record.name);
		expect(entries).toEqual(expect.arrayContaining(['index.html', 'kept/plain.txt']));
		expect(entries.filter((name) => /[\\:\t]/.test(name))).toEqual([]);
		expect(result.unportable.map((file) => file.path).sort()).toEqual([...unportable].sort());
		expect(result.unportable.find((file) => file.path === 'a\\..\\..\\escaped.txt')?.reason).toBe(
			'backslash (zip tools on Windows read it as a folder separator)',
		);
	} finally {
		await rm(site, { recursive: true, force: true });
	}
});

test.each([
	['a\\b', 'backslash'],
	['/etc/passwd', 'absolute path'],
	['C:/x', 'colon'],
	['a/../b', '`.` or `..` segment'],
	['./a', '`.` or `..` segment'],
	['a//b', 'empty segment'],
	['a\u0007b', 'control character'],
	['café/it’s (1).png', undefined],
])('the name %j is %s', async (name, reason) => {
	const { unportableEntryName } = await import('../../export/zip-names.ts');
	const found = unportableEntryName(name);
	if (reason === undefined) expect(found).toBeUndefined();
	else expect(found).toMatch(new RegExp(`^${reason.replace(/[.`]/g, '\\$&')}`));
});
