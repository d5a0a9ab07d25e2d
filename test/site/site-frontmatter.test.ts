import { expect, test } from 'vitest';
import { GuidebookFrontmatterSchema, SiteFrontmatterSchema } from '../../markdown/frontmatter.ts';

test('drops each bad value and keeps the good ones and unknown keys, where the checks schema rejects', () => {
	const data = {
		title: 'Ops',
		status: 'live',
		lastUpdated: 'soon',
		owner: 'dba',
		tags: 'erp',
		nav_order: 3,
	};
	expect(GuidebookFrontmatterSchema.safeParse(data).success).toBe(false);
	expect(SiteFrontmatterSchema.parse(data)).toEqual({ title: 'Ops', owner: 'dba', nav_order: 3 });
});

test.each([[['a', 'b']], ['text'], [null], [42]])(
	'reads frontmatter that is not a mapping (%j) as none',
	(value) => {
		expect(SiteFrontmatterSchema.parse(value)).toEqual({});
	},
);
