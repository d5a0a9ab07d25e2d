import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { replaceFile } from '../../core/replace-file.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

const made: string[] = [];
afterEach(async () => {
	for (const dir of made.splice(0)) await removeFixture(dir);
});

// The seen case: the dev server wrote one page's body twice at once (two saves), and the second
// rename found the first one's temporary file gone (ENOENT). Writes of one file at once, 2
// to 100 of them, each of its own size: each succeeds, one of them is what the file holds, whole,
// and no temporary file is left.
test.each([2, 5, 20, 100])(
	'%i writes of one file at once each put a whole file in place',
	async (writers) => {
		const dir = await writeFixture({ 'page.html': 'before' });
		made.push(dir);
		const file = join(dir, 'page.html');
		const texts = Array.from({ length: writers }, (_, i) =>
			`<p>version ${i}</p>`.repeat(1 + ((i * 7919) % 300)),
		);
		await Promise.all(texts.map((text) => replaceFile(file, text)));
		expect(texts).toContain(await readFile(file, 'utf8'));
		expect(await readdir(dir)).toEqual(['page.html']);
	},
);
