import { resolve, sep } from 'node:path';
import { expect, test } from 'vitest';
import { isInside } from '../../core/path-inside.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// Eleven folders had their own "is this inside that", and they disagreed: a file named `..notes`
// was outside in some, `/a/bc` inside `/a/b` in one. Paths are generated from the segments that
// tell them apart and judged against segment prefixes of the resolved paths.
const random = seededRandom(2611);
const segments = ['a', 'b', 'bc', '..', '.', '..notes', 'a..', '...', 'b c'];
const path = (): string =>
	`${sep}${Array.from({ length: 1 + pick(random, 5) }, () => pickItem(random, segments)).join(sep)}`;
const parts = (p: string): string[] => resolve(p).split(sep).filter(Boolean);

test("a path is inside a folder exactly when the folder's segments start its own", () => {
	for (let n = 0; n < 5000; n++) {
		const [inner, folder] = [path(), path()];
		const [a, b] = [parts(inner), parts(folder)];
		const expected = b.length <= a.length && b.every((segment, i) => a[i] === segment);
		expect(isInside(inner, folder), `${inner} in ${folder}`).toBe(expected);
	}
	expect([
		isInside('/a/..notes', '/a'),
		isInside('/a/bc', '/a/b'),
		isInside('/a', '/a'),
		isInside('/a/b/..', '/a/b'),
	]).toEqual([true, false, true, false]);
});
