import { mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { writeSealedText } from '../../core/sealed-files.ts';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readSiteRecord, recordFiles } from '../../integration/site-record.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// The record a patch starts from is read as a record only when it has every part a patch reads:
// anything else (an older version, a file cut short, one of another shape) means a whole build.
const whole = {
	version: 3,
	code: 'c',
	settings: 's',
	site: 'x',
	published: 'p',
	drawn: true,
	output: { dir: '/site', marker: '1:2:3' },
	pathnames: ['/'],
	pages: {},
};
const broken: Array<[string, unknown]> = [
	['an older version', { ...whole, version: 2 }],
	['no output', { ...whole, output: undefined }],
	['no pages', { ...whole, pages: undefined }],
	['pages as null', { ...whole, pages: null }],
	['no pathnames', { ...whole, pathnames: 'all' }],
	['not an object', 42],
	['null', null],
];

let store: string;
beforeAll(async () => {
	store = await writeFixture({});
	await mkdir(store, { recursive: true });
});
afterAll(() => removeFixture(store));

const read = async (text: string) => {
	await writeSealedText(recordFiles(store).record, text);
	return readSiteRecord(store);
};

test('reads a whole record (the control)', async () => {
	expect(await read(JSON.stringify(whole))).toEqual(whole);
});

test.each(broken)('reads %s as no record', async (_, value) => {
	expect(await read(JSON.stringify(value))).toBeUndefined();
});

test('reads every cut of a whole record as no record', async () => {
	const text = JSON.stringify(whole);
	for (let end = 0; end < text.length; end++)
		expect(await read(text.slice(0, end))).toBeUndefined();
});

// A record whose shape is right but whose bytes are not the ones written: cut short by a build
// stopped halfway, edited, replaced by a symbolic link to a record of the right shape, or written
// without its seal. Each is no record, and the build says why.
test.each([
	[
		'cut short',
		async (file: string) => writeFile(file, (await readFile(file)).subarray(0, -3)),
		/^The record of the last build failed its check \(truncated: \d+ of \d+ bytes\): the site is built whole\.$/,
	],
	[
		'edited to another build',
		async (file: string) =>
			writeFile(file, (await readFile(file, 'utf8')).replace('"code":"c"', '"code":"d"')),
		/\(edited: its digest is not the one recorded\)/,
	],
	[
		'a symbolic link',
		async (file: string) => {
			const elsewhere = `${file}.elsewhere`;
			await rename(file, elsewhere);
			await symlink(elsewhere, file);
		},
		/\(a symbolic link\)/,
	],
	[
		'without a seal',
		async (file: string) => writeFile(file, JSON.stringify(whole)),
		/\(no digest recorded\)/,
	],
] as const)('reads a record %s as no record, saying why', async (_, damage, line) => {
	await writeSealedText(recordFiles(store).record, JSON.stringify(whole));
	// The control: the same record, undamaged.
	expect(await readSiteRecord(store)).toEqual(whole);
	await damage(recordFiles(store).record);
	const notes: string[] = [];
	expect(await readSiteRecord(store, (note) => notes.push(note))).toBeUndefined();
	expect(notes).toEqual([expect.stringMatching(line)]);
	await rm(`${recordFiles(store).record}.elsewhere`, { force: true });
	await rm(recordFiles(store).record, { force: true });
});
