import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import * as catalog from '../../core/errors.ts';
import { repoRoot } from '../helpers/fixture.ts';

// Every folder of the repository but the tests and installed packages, so a new pipeline folder
// (setup/ was once missed) cannot hide the only raise of an entry.
const skipped = new Set(['node_modules', 'test', '.git']);
const entries = Object.entries(catalog)
	.filter(([, value]) => typeof value === 'object' && value !== null && 'title' in value)
	.map(([name]) => name);

/** Entry names passed to `raise(…)` in `source`; a name in a comment or an import is not a raise. */
function raisedIn(source: string): Set<string> {
	return new Set([...source.matchAll(/\braise\(\s*([A-Z][A-Za-z]+)\b/g)].map((m) => m[1] ?? ''));
}

test('finds a raise in code and not a name in a comment', () => {
	expect([
		...raisedIn('// RootNotFound when missing\nthrow raise(ConfigInvalid, source, issues);'),
	]).toEqual(['ConfigInvalid']);
});

// A catalog entry nothing raises is a message no user can ever see; knip cannot tell, because the
// catalog is imported as a whole by the tests that print it.
test('raises every error catalog entry somewhere in the Node code', async () => {
	const raised = new Set<string>();
	const folders = (await readdir(repoRoot, { withFileTypes: true })).filter(
		(entry) => entry.isDirectory() && !skipped.has(entry.name) && !entry.name.startsWith('.'),
	);
	for (const { name: folder } of folders) {
		const dir = join(repoRoot, folder);
		for (const file of await readdir(dir, { recursive: true })) {
			if (file.endsWith('.ts'))
				for (const name of raisedIn(await readFile(join(dir, file), 'utf8'))) raised.add(name);
		}
	}
	expect(entries.length).toBeGreaterThan(10);
	expect(entries.filter((name) => !raised.has(name))).toEqual([]);
});
