import { join } from 'node:path';
import { expect, test } from 'vitest';
import { shownFile, shownPath } from '../../core/shown-path.ts';

// A path as the user would type it from where they are: a new user's `export --out /tmp/prom`
// was shown as `../../../tmp/prom/`. Generated over places inside, at and outside the folder.
const cwd = '/work/team/docs';
const cases: Array<[path: string, file: string]> = [
	[cwd, '.'],
	[join(cwd, 'site'), 'site'],
	[join(cwd, 'a/b/c.zip'), 'a/b/c.zip'],
	['/work/team', '/work/team'],
	['/work/team/docs-other/x', '/work/team/docs-other/x'],
	['/tmp/prom', '/tmp/prom'],
	['/', '/'],
];

test.each(cases)('%s from /work/team/docs is %s', (path, file) => {
	expect(shownFile(path, cwd)).toBe(file);
	expect(shownPath(path, cwd)).toBe(file.endsWith('/') ? file : `${file}/`);
	// Never a path that climbs out of the working directory.
	expect(shownFile(path, cwd).startsWith('..')).toBe(false);
});
