import { PassThrough } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { expect, test } from 'vitest';
import { createProgress } from '../../checks/links/progress.ts';

function fakeStream(isTTY: boolean) {
	const stream = Object.assign(new PassThrough(), {
		isTTY,
		columns: 100,
		rows: 30,
	}) as unknown as NodeJS.WriteStream & PassThrough;
	let text = '';
	stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
	return { stream, text: () => text };
}

test('prints one line per 10 % in CI, never a bar', () => {
	const { stream, text } = fakeStream(false);
	let now = 0;
	const progress = createProgress(stream, { ci: true }, () => now);
	progress.start(20, 'Checking external links');
	for (let i = 0; i < 20; i++) {
		now += 100;
		progress.tick();
	}
	progress.stop();
	const lines = text().trim().split('\n');
	expect(lines).toHaveLength(10);
	expect(lines[0]).toBe('Checking external links: 2/20 (10 %) in 0.2 s');
	expect(lines.at(-1)).toBe('Checking external links: 20/20 (100 %) in 2.0 s');
});

test('prints a line every 10 s in CI even when progress is slow', () => {
	const { stream, text } = fakeStream(false);
	let now = 0;
	const progress = createProgress(stream, { ci: true }, () => now);
	progress.start(1000, 'Checking external links');
	now = 11_000;
	progress.tick();
	expect(text()).toBe('Checking external links: 1/1000 (0 %) in 11.0 s\n');
});

test('draws a bar with done/total, rate and ETA on a TTY', () => {
	const { stream, text } = fakeStream(true);
	let now = 0;
	const progress = createProgress(stream, {}, () => now);
	progress.start(10, 'Checking external links');
	for (let i = 0; i < 4; i++) {
		now += 500;
		progress.tick();
	}
	progress.stop();
	expect(stripVTControlCharacters(text())).toMatch(
		/Checking external links .* 4\/10 \| 2\.0\/s \| ETA \d+s/,
	);
});

test('prints only warnings when silent (WAYMARK_LOG_LEVEL=silent)', () => {
	const { stream, text } = fakeStream(false);
	const progress = createProgress(stream, { silent: true, ci: true });
	progress.start(2, 'Checking external links');
	progress.tick();
	progress.tick();
	progress.warn('Ignoring the link cache x: bad.');
	expect(text()).toBe('Warning: Ignoring the link cache x: bad.\n');
});
