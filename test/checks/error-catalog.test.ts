import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import * as catalog from '../../checks/errors.ts';
import { repoRoot } from '../helpers/fixture.ts';

// A catalog entry nothing raises is a message no user can ever see; knip cannot tell, because the
// catalog is imported as a whole by the tests that print it.
test('every error catalog entry is raised somewhere in checks/', async () => {
	const dir = join(repoRoot, 'checks');
	const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.ts') && f !== 'errors.ts');
	const sources = await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')));
	const entries = Object.entries(catalog).filter(([, value]) => typeof value === 'object' && value !== null && 'title' in value).map(([name]) => name);
	expect(entries.length).toBeGreaterThan(10);
	expect(entries.filter((name) => !sources.some((source) => new RegExp(`\\b${name}\\b`).test(source)))).toEqual([]);
});
