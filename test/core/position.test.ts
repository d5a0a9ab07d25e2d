import { expect, test } from 'vitest';
import { createLocator } from '../../core/position.ts';

const locate = createLocator('ab\ncd\n\nef');

test.each([
	[0, 1, 1],
	[2, 1, 3],
	[3, 2, 1],
	[6, 3, 1],
	[8, 4, 2],
	[10, 4, 3],
	[99, 4, 3],
])('places offset %i at line %i, column %i', (offset, line, column) => {
	expect(locate(offset)).toEqual({ line, column });
});
