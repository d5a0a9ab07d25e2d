import { utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// RFC 9110 §13.1.5: a Range under an If-Range is honoured only when the validator is the file's
// current strong entity tag, or exactly its modification date when that date is a strong
// validator; anything else (a stale tag, a weak one, another date, a date of a file changed within
// the second, something unparsable) gets the whole file, 200. Every form of validator against a
// file changed an hour ago and one changed just now, through a real server on loopback.
const text = 'restore in this order: stop writers, restore, replay\n';
let dir: string;
let server: RunningServer;

beforeAll(async () => {
	dir = await writeFixture({ 'old.txt': text, 'new.txt': text });
	const hourAgo = new Date(Math.floor(Date.now() / 1000) * 1000 - 3_600_000);
	await utimes(join(dir, 'old.txt'), hourAgo, hourAgo);
	// Changed "just now" whatever the time the test takes to get here: a minute ahead is never a second past.
	const ahead = new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000);
	await utimes(join(dir, 'new.txt'), ahead, ahead);
	server = await startServer({ dir, port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
	await server.close();
	await removeFixture(dir);
});

const get = (file: string, headers: Record<string, string>) =>
	fetch(new URL(`/${file}`, server.url), { headers });

/** The three forms of an HTTP-date (IMF-fixdate, RFC 850, asctime) of `date`. */
function dateForms(date: Date): Array<[string, string]> {
	const imf = date.toUTCString();
	const [weekday = '', day = '', month = '', year = '', time = ''] = imf
		.replace(',', '')
		.split(' ');
	const long =
		{
			Sun: 'Sunday',
			Mon: 'Monday',
			Tue: 'Tuesday',
			Wed: 'Wednesday',
			Thu: 'Thursday',
			Fri: 'Friday',
			Sat: 'Saturday',
		}[weekday] ?? '';
	return [
		['IMF-fixdate', imf],
		['RFC 850', `${long}, ${day}-${month}-${year.slice(2)} ${time} GMT`],
		['asctime', `${weekday} ${month} ${String(Number(day)).padStart(2, ' ')} ${time} ${year}`],
	];
}

test('every validator decides between the part asked for and the whole file', async () => {
	for (const file of ['old.txt', 'new.txt']) {
		const first = await get(file, {});
		const etag = first.headers.get('etag') ?? '';
		const modified = new Date(first.headers.get('last-modified') ?? '');
		expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
		// A date is a strong validator only for a file changed at least a second before the answer.
		const dateIsStrong = file === 'old.txt';
		const cases: Array<[string, string | undefined, 206 | 200]> = [
			['no If-Range (the control)', undefined, 206],
			['the current entity tag', etag, 206],
			['the current tag, marked weak', `W/${etag}`, 200],
			['a stale entity tag', '"0-0"', 200],
			['two tags', `${etag}, "0-0"`, 200],
			['an unquoted tag', etag.slice(1, -1), 200],
			...dateForms(modified).map(([form, value]): [string, string, 206 | 200] => [
				`the modification date (${form})`,
				value,
				dateIsStrong ? 206 : 200,
			]),
			['a second earlier', new Date(modified.getTime() - 1000).toUTCString(), 200],
			['a second later', new Date(modified.getTime() + 1000).toUTCString(), 200],
			[
				'a date no calendar has',
				modified
					.toUTCString()
					.replace(/^\w+, \d{2}/, 'Mon, 31')
					.replace(/ \w{3} /, ' Feb '),
				200,
			],
			['a year alone', String(modified.getUTCFullYear()), 200],
			['nothing', '', 200],
		];
		for (const [name, validator, status] of cases) {
			const response = await get(file, {
				range: 'bytes=0-6',
				...(validator !== undefined && { 'if-range': validator }),
			});
			const body = await response.text();
			expect(
				[file, name, response.status, response.headers.get('content-range'), body],
				`${file}: ${name}`,
			).toEqual(
				status === 206
					? [file, name, 206, `bytes 0-6/${text.length}`, text.slice(0, 7)]
					: [file, name, 200, null, text],
			);
		}
	}
});

test('an If-Range without a Range changes nothing', async () => {
	const response = await get('old.txt', { 'if-range': '"0-0"' });
	expect([response.status, await response.text()]).toEqual([200, text]);
});

test.each([
	['the current tag', (etag: string) => etag, 304],
	['the current tag, weak (If-None-Match compares weakly)', (etag: string) => `W/${etag}`, 304],
	['a list holding it', (etag: string) => `"0-0", ${etag}`, 304],
	['*', () => '*', 304],
	['a stale tag', () => '"0-0"', 200],
])('If-None-Match with %s answers %i', async (_, value, status) => {
	const etag = (await get('old.txt', {})).headers.get('etag') ?? '';
	expect((await get('old.txt', { 'if-none-match': value(etag) })).status).toBe(status);
});
