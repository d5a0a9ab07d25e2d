import { describe, expect, test } from 'vitest';
import {
	generatedRouteOf,
	hrefForRoute,
	resolveRelativeHref,
	routeAncestors,
	routeForPath,
} from '../markdown/routes.ts';

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
		expect(resolveRelativeHref('erp/operations.md', '../crm/README.md#readiness')).toEqual({
			path: 'crm/README.md',
			hash: 'readiness',
			escapesRoot: false,
		});
	});
	test('points a bare anchor at the page itself', () => {
		expect(resolveRelativeHref('erp/ops.md', '#backup')).toEqual({
			path: 'erp/ops.md',
			hash: 'backup',
			escapesRoot: false,
		});
	});
	test('flags a link that leaves the root', () => {
		expect(resolveRelativeHref('erp/ops.md', '../../README.md')?.escapesRoot).toBe(true);
	});
	test('leaves external links alone', () => {
		expect(resolveRelativeHref('a.md', 'https://example.com/x.md')).toBeUndefined();
		expect(resolveRelativeHref('a.md', 'mailto:ops@example.com')).toBeUndefined();
		expect(resolveRelativeHref('a.md', '//cdn.example.com/x.png')).toBeUndefined();
	});
	test('resolves a root-absolute link from the root, wherever the page is', () => {
		expect(resolveRelativeHref('erp/db/ops.md', '/crm/README.md#readiness')).toEqual({
			path: 'crm/README.md',
			hash: 'readiness',
			escapesRoot: false,
		});
		expect(resolveRelativeHref('erp/ops.md', '/test')).toEqual({
			path: 'test',
			hash: '',
			escapesRoot: false,
		});
		expect(resolveRelativeHref('erp/ops.md', '/')).toEqual({
			path: '',
			hash: '',
			escapesRoot: false,
		});
	});
	test('decodes percent-encoded paths', () => {
		expect(resolveRelativeHref('a.md', 'My%20Page.md')?.path).toBe('My Page.md');
	});
});

describe('hrefForRoute', () => {
	test.each([
		['/c++/', '/c++/'],
		['/a+b/', '/a+b/'],
		['/50%/', '/50%25/'],
		['/a#b/', '/a%23b/'],
		['/what?/', '/what%3F/'],
		['/with space/', '/with%20space/'],
		['/überblick/日本/', '/%C3%BCberblick/%E6%97%A5%E6%9C%AC/'],
		["/a&b=c;d,e@f:g$h!'(x)*/", "/a&b=c;d,e@f:g$h!'(x)*/"],
	])('writes %s as %s', (route, href) => {
		expect(hrefForRoute(route)).toBe(href);
		// What a static host does with the request path: decode every escape, segment by segment.
		expect(href.split('/').map(decodeURIComponent).join('/')).toBe(route);
	});
	test('prefixes the base path', () => {
		expect(hrefForRoute('/c++/', '/runbooks/')).toBe('/runbooks/c++/');
	});
});

test('knows the routes the site generates without a file behind them', () => {
	expect(
		['/status/', '/status', '/status/#probes', '/status/index.md'].map(generatedRouteOf),
	).toEqual(['/status/', '/status/', '/status/', undefined]);
});
