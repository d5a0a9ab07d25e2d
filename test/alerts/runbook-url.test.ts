import { expect, test } from 'vitest';
import { routeOfUrl, urlOfRoute } from '../../alerts/runbook-index.ts';
import { expandRunbookUrl } from '../../alerts/runbook-url.ts';

const rule = {
	name: 'ErpDown',
	labels: { severity: 'critical', team: 'ERP', page: '{{ $labels.instance }}' },
};

test.each([
	[
		'the alert name',
		'https://r.example.com/alerts/{{ $labels.alertname }}/',
		'https://r.example.com/alerts/ErpDown/',
	],
	[
		'a label the rule sets, Go-template style',
		'https://r.example.com/{{ .Labels.team }}/#{{ $labels.severity }}',
		'https://r.example.com/ERP/#critical',
	],
	[
		'a label through a pipeline and `index`',
		'https://r.example.com/{{ $labels.team | toLower }}/{{ index $labels "alertname" | toLower }}/',
		'https://r.example.com/erp/erpdown/',
	],
	[
		'trim markers',
		'https://r.example.com/{{- $labels.alertname -}}',
		'https://r.example.com/ErpDown',
	],
])('expands %s', (_name, template, expected) => {
	expect(expandRunbookUrl(template, rule)).toEqual({ ok: true, url: expected });
});

test.each([
	[
		'a label only the series carries',
		'https://r.example.com/{{ $labels.instance }}',
		['{{ $labels.instance }}'],
	],
	[
		'a label the rule sets to a template',
		'https://r.example.com/{{ $labels.page }}',
		['{{ $labels.page }}'],
	],
	[
		'the value and the external URL',
		'{{ $externalURL }}/x/{{ $value }}/',
		['{{ $externalURL }}', '{{ $value }}'],
	],
	[
		'an unknown function',
		'https://r.example.com/{{ $labels.team | reReplaceAll "E" "e" }}',
		['{{ $labels.team | reReplaceAll "E" "e" }}'],
	],
])('leaves %s open', (_name, template, unresolved) => {
	expect(expandRunbookUrl(template, rule)).toEqual({ ok: false, url: template, unresolved });
});

test('leaves template parts in the query string open without calling the URL unresolved', () => {
	const template =
		'https://r.example.com/{{ $labels.team | toLower }}/?instance={{ $labels.instance | urlquery }}&v={{ $value }}#restart';
	expect(expandRunbookUrl(template, rule)).toEqual({
		ok: true,
		url: 'https://r.example.com/erp/?instance={{ $labels.instance | urlquery }}&v={{ $value }}#restart',
	});
	// The same parts in the path or the fragment still leave it open.
	expect(expandRunbookUrl('https://r.example.com/{{ $labels.instance }}/?a=1', rule)).toMatchObject(
		{ ok: false },
	);
	expect(
		expandRunbookUrl('https://r.example.com/x/?a=1#{{ $labels.instance }}', rule),
	).toMatchObject({ ok: false });
});

const site = { url: 'https://runbooks.example.com', base: '/' };

test.each([
	[
		'a page with a fragment',
		'https://runbooks.example.com/erp/operations/#restart',
		{ route: '/erp/operations/', hash: 'restart' },
	],
	[
		'a page without the trailing slash',
		'https://runbooks.example.com/erp/operations',
		{ route: '/erp/operations/', hash: '' },
	],
	[
		'index.html and .html',
		'https://runbooks.example.com/erp/index.html',
		{ route: '/erp/', hash: '' },
	],
	['the home page', 'https://runbooks.example.com', { route: '/', hash: '' }],
	[
		'encoded names',
		'https://runbooks.example.com/Pr%C3%BCfliste/#%C3%BCbergabe',
		{ route: '/Prüfliste/', hash: 'übergabe' },
	],
	['a site-absolute path', '/erp/#backups', { route: '/erp/', hash: 'backups' }],
	['another host', 'https://wiki.example.com/erp/', 'outside'],
	['a relative path', 'erp/operations/', 'invalid'],
	['another scheme', 'mailto:oncall@example.com', 'invalid'],
])('maps %s onto a route', (_name, url, expected) => {
	expect(routeOfUrl(url, site)).toEqual(expected);
});

test('maps onto a site under a path and a base, and says when no site.url is set', () => {
	const nested = { url: 'https://example.com/docs/', base: '/runbooks/' };
	expect(routeOfUrl('https://example.com/docs/runbooks/erp/', nested)).toEqual({
		route: '/erp/',
		hash: '',
	});
	expect(routeOfUrl('https://example.com/erp/', nested)).toBe('outside');
	expect(urlOfRoute('/erp/', nested)).toBe('https://example.com/docs/runbooks/erp/');
	expect(routeOfUrl('https://runbooks.example.com/erp/', { url: undefined, base: '/' })).toBe(
		'unmapped',
	);
});
