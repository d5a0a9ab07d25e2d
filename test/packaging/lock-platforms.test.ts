import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { repoRoot } from '../helpers/fixture.ts';

interface LockEntry {
	version?: string;
	os?: string[];
	cpu?: string[];
	optionalDependencies?: Record<string, string>;
}

const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
	packages: Record<string, LockEntry>;
};

/** The lock entry Node would find for `name` required from the package at `from` (its own folder, then each parent's). */
function resolveEntry(from: string, name: string): LockEntry | undefined {
	for (let dir = from; ; dir = dir.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, '')) {
		const entry = lock.packages[`${dir ? `${dir}/` : ''}node_modules/${name}`];
		if (entry) return entry;
		if (dir === '') return undefined;
	}
}

// `npm ci` refuses a lock that lacks an optional dependency of a locked package, even one for
// another platform ("Missing: @pagefind/darwin-arm64@ from lock file"): every one must be there.
test('the lock holds every optional dependency of every locked package, for every platform', () => {
	const missing: string[] = [];
	let checked = 0;
	for (const [path, entry] of Object.entries(lock.packages)) {
		for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
			checked++;
			const found = resolveEntry(path, name);
			if (!found) missing.push(`${name}@${range} (for ${path || 'the project'})`);
		}
	}
	expect(missing).toEqual([]);
	expect(checked).toBeGreaterThan(50);
});

test.each([
	['darwin', 'arm64'],
	['darwin', 'x64'],
	['win32', 'x64'],
	['win32', 'arm64'],
	['linux', 'arm64'],
	['linux', 'x64'],
])('each native binding has a package for %s %s', (os, cpu) => {
	const families = [
		'node_modules/@astrojs/compiler-binding',
		'node_modules/oxc-parser',
		'node_modules/pagefind',
		'node_modules/rolldown',
		'node_modules/satteri',
	];
	for (const family of families) {
		const names = Object.keys(lock.packages[family]?.optionalDependencies ?? {});
		expect(names.length, family).toBeGreaterThan(0);
		const forPlatform = names
			.map((name) => resolveEntry(family, name))
			.filter((entry) => entry?.os?.includes(os) && entry.cpu?.includes(cpu));
		expect(forPlatform.length, `${family} on ${os} ${cpu}`).toBeGreaterThan(0);
	}
});
