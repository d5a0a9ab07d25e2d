import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { exportOffline } from '../../export/offline.ts';

// The offline copy is unpacked by whatever the reader has: Debian's `unzip` read the names of
// entries made by "MS-DOS" (fflate's default) as the DOS code page despite the UTF-8 flag, and
// `café/index.html` came out as `caf+�/index.html`, so the page and its picture were lost. Every
// entry is now a Unix file (`-rw-r--r--`) with its name in UTF-8, flagged so.

const names = ['index.html', 'café/index.html', 'café/café.svg', 'ops guide/index.html', '日本/index.html', 'a&b (1)/it’s.png'];
let dir: string;
let zip: Uint8Array;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'waymark-zip-names-'));
	for (const name of names) {
		await mkdir(dirname(join(dir, name)), { recursive: true });
		await writeFile(join(dir, name), name.endsWith('.html') ? `<!doctype html><title>${name}</title><main data-pagefind-body><h1>${name}</h1></main>` : '<svg xmlns="http://www.w3.org/2000/svg"/>');
	}
	({ zip } = await exportOffline(dir, { site: 'Runbooks', builtAt: '2026-11-25T00:00:00Z' }, '/'));
});

afterAll(async () => {
	await rm(dir, { recursive: true, force: true });
});

/** The central directory's records: who made each entry, its flags, its Unix mode and its name's bytes. */
function centralRecords(bytes: Uint8Array): Array<{ madeBy: number; flags: number; mode: number; name: string }> {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const records = [];
	for (let at = 0; at + 46 <= bytes.length; at++) {
		if (view.getUint32(at, true) !== 0x02014b50) continue;
		const nameLength = view.getUint16(at + 28, true);
		records.push({
			madeBy: view.getUint8(at + 5),
			flags: view.getUint16(at + 8, true),
			mode: view.getUint32(at + 38, true) >>> 16,
			name: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(at + 46, at + 46 + nameLength)),
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
