import { expect, test } from 'vitest';
import { editUrlFor } from '../../integration/edit-url.ts';

test.each([
	[
		'GitHub',
		'https://github.com/acme/ops/edit/main/guidebooks/{path}',
		'https://github.com/acme/ops/edit/main/guidebooks/erp/db%20notes.md',
	],
	[
		'Gitea',
		'https://gitea.example.com/acme/ops/_edit/main/guidebooks/{path}',
		'https://gitea.example.com/acme/ops/_edit/main/guidebooks/erp/db%20notes.md',
	],
])('fills the %s edit pattern with the encoded page path', (_forge, pattern, expected) => {
	expect(editUrlFor(pattern, 'erp/db notes.md')).toBe(expected);
});

test('gives no link without a pattern', () => {
	expect(editUrlFor(null, 'erp/ops.md')).toBeUndefined();
});
