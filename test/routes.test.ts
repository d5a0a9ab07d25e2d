import { describe, expect, test } from 'vitest';
import { resolveRelativeHref, routeAncestors, routeForPath } from '../src/lib/routes.ts';

describe('routeForPath', () => {
	test.each([
		['erp/operations.md', '/erp/operations/'],
		['erp/README.md', '/erp/'],
		['README.md', '/'],
		['odoo/index.mdx', '/odoo/'],
		['a/b/Readme.md', '/a/b/'],
	])('maps %s to %s', (path, route) => {
		expect(routeForPath(path)).toBe(route);
	});
});

test('lists every ancestor route from the home page down', () => {
	expect(routeAncestors('/erp/ops/')).toEqual(['/', '/erp/', '/erp/ops/']);
});

describe('resolveRelativeHref', () => {
	test('resolves a forge-style relative link with an anchor', () => {
		expect(resolveRelativeHref('erp/operations.md', '../crm/README.md#readiness')).toEqual({ path: 'crm/README.md', hash: 'readiness', escapesRoot: false });
	});
	test('points a bare anchor at the page itself', () => {
		expect(resolveRelativeHref('erp/ops.md', '#backup')).toEqual({ path: 'erp/ops.md', hash: 'backup', escapesRoot: false });
	});
	test('flags a link that leaves the root', () => {
		expect(resolveRelativeHref('erp/ops.md', '../../README.md')?.escapesRoot).toBe(true);
	});
	test('leaves external links alone', () => {
		expect(resolveRelativeHref('a.md', 'https://example.com/x.md')).toBeUndefined();
		expect(resolveRelativeHref('a.md', 'mailto:ops@example.com')).toBeUndefined();
	});
	test('decodes percent-encoded paths', () => {
		expect(resolveRelativeHref('a.md', 'My%20Page.md')?.path).toBe('My Page.md');
	});
});
