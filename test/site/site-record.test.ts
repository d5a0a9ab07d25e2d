import { mkdir, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readSiteRecord, recordFiles } from '../../integration/site-record.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// The record a patch starts from is read as a record only when it has every part a patch reads:
// anything else (an older version, a file cut short, one of another shape) means a whole build.
const whole = { version: 2, code: 'c', settings: 's', site: 'x', published: 'p', drawn: true, output: { dir: '/site', marker: '1:2:3' }, pathnames: ['/'], pages: {} };
const broken: Array<[string, unknown]> = [
	['an older version', { ...whole, version: 1 }],
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
	await writeFile(recordFiles(store).record, text);
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
	for (let end = 0; end < text.length; end++) expect(await read(text.slice(0, end))).toBeUndefined();
});
