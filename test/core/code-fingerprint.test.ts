import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { codeFingerprint, runningCodeFingerprint } from '../../core/code-fingerprint.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// The caches of what a run computed (parsed pages, settled drawings) are keyed by the code that
// computed them. In a checkout that is the sources; packed, the bundle, by the digest `npm pack`
// wrote beside it (`cli/bundle.ts`). Here a package of each kind, written by hand.
let dir: string;
const checkout = 'file:///pkg/core/code-fingerprint.ts';
const bundled = 'file:///pkg/dist-cli/chunks/chunk-ABC.js';

beforeAll(async () => {
	dir = await writeFixture({
		'tree/read.ts': 'export const a = 1;\n',
		'dist-cli/code-digest': 'one\n',
	});
});
afterAll(() => removeFixture(dir));

test('in a checkout, the sources key the caches; packed, the bundle digest does, and only it', () => {
	const sources = runningCodeFingerprint(['tree'], 'lock', checkout, dir);
	expect(sources).toBe(codeFingerprint(['tree'], 'lock', dir));
	const packed = runningCodeFingerprint(['tree'], 'lock', bundled, dir);
	expect(packed).toMatch(/^[0-9a-f]{16}$/);
	expect(packed).not.toBe(sources);
	// The same answer for the same inputs; another folder list or lockfile is another key.
	expect(runningCodeFingerprint(['tree'], 'lock', bundled, dir)).toBe(packed);
	expect(runningCodeFingerprint(['diagrams'], 'lock', bundled, dir)).not.toBe(packed);
	expect(runningCodeFingerprint(['tree'], 'other lock', bundled, dir)).not.toBe(packed);
});

test('another bundle is another key, read once per process and package', async () => {
	const other = await writeFixture({
		'tree/read.ts': 'export const a = 1;\n',
		'dist-cli/code-digest': 'two\n',
	});
	try {
		expect(runningCodeFingerprint(['tree'], '', bundled, other)).not.toBe(
			runningCodeFingerprint(['tree'], '', bundled, dir),
		);
		// Kept for the process: a package does not change under a running command.
		const first = runningCodeFingerprint(['tree'], '', bundled, other);
		await writeFile(join(other, 'dist-cli/code-digest'), 'three\n');
		expect(runningCodeFingerprint(['tree'], '', bundled, other)).toBe(first);
	} finally {
		await removeFixture(other);
	}
});

test('a package with no digest beside its code keys by its sources', async () => {
	const plain = await writeFixture({ 'tree/read.ts': 'export const a = 2;\n' });
	try {
		expect(runningCodeFingerprint(['tree'], '', bundled, plain)).toBe(
			codeFingerprint(['tree'], '', plain),
		);
	} finally {
		await removeFixture(plain);
	}
});
