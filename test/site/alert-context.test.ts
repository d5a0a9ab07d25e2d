import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { createPagePainter } from '../../server/page-paint.ts';
import { paintAlertContext } from '../../src/components/alert-context/context-dom.ts';
import {
	acceptedLabels,
	contextFromQuery,
	contextQuery,
	firingContext,
} from '../../alerts/alert-context.ts';
import { noneDropped, noneUnlisted, type AlertsSnapshot } from '../../core/alerts-snapshot.ts';
import { fillValue } from '../../alerts/fill-value.ts';
import { findPlaceholders, readsAnglePlaceholders } from '../../markdown/label-template.ts';
import type { StatusSnapshot } from '../../core/status-snapshot.ts';
import { runbookPage } from '../helpers/runbook-page.ts';

const runbook = [
	'The backup of {{ $labels.instance }} failed; see [its dashboard](https://grafana.test/d/x?var-instance={{$labels.instance}}).',
	'',
	'```bash',
	'kubectl -n <namespace> logs job/<job> # on <instance>',
	'echo "host={{ $labels.instance }}"',
	'```',
	'',
	'```yaml',
	'host: <instance>',
	'```',
].join('\n');

const page = await runbookPage(runbook);
const used = acceptedLabels(page.labels.join(' '));
const snapshot = (alerts?: AlertsSnapshot): StatusSnapshot => ({
	version: 1,
	generatedAt: '2026-11-24T08:00:00Z',
	live: true,
	demo: false,
	probes: [],
	...(alerts && { alerts }),
});
const painted = (query: string, alerts?: AlertsSnapshot): Document =>
	parseHTML(createPagePainter(() => snapshot(alerts))(page.html, 'backup:1', query)).document;
const inBrowser = (query: string): Document => {
	const { document } = parseHTML(page.html);
	paintAlertContext(document, contextFromQuery(query, used));
	return document;
};
const texts = (document: Document, selector: string): string[] =>
	[...document.querySelectorAll(selector)].map((el) => el.textContent ?? '');

test('finds the label spellings Prometheus templates accept, and `<name>` only in code that is not markup', () => {
	const names = (text: string, angle = true) =>
		findPlaceholders(text, { angle }).map(
			(p) => `${p.kind}:${p.name}${p.pipes.length ? `|${p.pipes.join('|')}` : ''}`,
		);
	expect(
		names(
			'{{ $labels.a }} {{.Labels.b}} {{- $labels.c -}} {{ index $labels "d" }} {{ $labels.e | toUpper }} <f> <G_1>',
		),
	).toEqual([
		'template:a',
		'template:b',
		'template:c',
		'template:d',
		'template:e|toUpper',
		'angle:f',
		'angle:G_1',
	]);
	// Not label references, or not placeholders: Prometheus's other variables, unknown functions, a
	// shell variable, generics, here-documents, HTML tags, Prometheus's own `__` labels, a `{{` left open.
	expect(
		names(
			'{{ $value }} {{ $labels.a | reReplaceAll "x" "y" }} $labels.a ${a} Vec<T> List<item> <<EOF </b> <br/> <a href> <__name__> {{ $labels.a',
		),
	).toEqual([]);
	expect(names('<f> {{ $labels.a }}', false)).toEqual(['template:a']);
	expect(readsAnglePlaceholders('html')).toBe(false);
	expect(readsAnglePlaceholders('bash')).toBe(true);
});

test('fills text and code of every language with an inert value, as it is; the copy is the text', () => {
	const query = '?alertname=ErpBackupFailed&instance=db1:9100&namespace=erp&utm_source=mail';
	for (const document of [painted(query), inBrowser(query)]) {
		expect(texts(document, '.prose .wm-ph')).toEqual([
			'db1:9100',
			'erp',
			'<job>',
			'db1:9100',
			'db1:9100',
			'db1:9100',
		]);
		expect(
			[...document.querySelectorAll('.prose .wm-ph')].map(
				(el) => `${el.getAttribute('data-state')} ${el.getAttribute('title')}`,
			),
		).toEqual([
			"filled From the alert's `instance` label",
			"filled From the alert's `namespace` label",
			'missing No value: the alert gave no `job` label',
			"filled From the alert's `instance` label",
			"filled From the alert's `instance` label",
			"filled From the alert's `instance` label",
		]);
		expect(document.querySelector('pre code')!.textContent).toBe(
			'kubectl -n erp logs job/<job> # on db1:9100\necho "host=db1:9100"',
		);
		// Every value was filled: the notes beside the blocks stay hidden.
		for (const note of document.querySelectorAll('.wm-ph-note'))
			expect(note.hasAttribute('hidden')).toBe(true);
		const region = document.querySelector('.wm-alert-context')!;
		expect(region.hasAttribute('hidden')).toBe(false);
		expect(texts(document, '.wm-context-head, .wm-context-note')).toEqual([
			'Opened from alert ErpBackupFailed: instance=db1:9100, namespace=erp.',
			'Values from the alert are highlighted in the page; each says which label it came from. Not given: job; those placeholders stay as written. 1 other parameter ignored (not labels this page uses).',
		]);
		// The link keeps its template: a label never changes a link.
		expect(document.querySelector('.prose a')!.getAttribute('href')).toBe(
			'https://grafana.test/d/x?var-instance=%7B%7B$labels.instance%7D%7D',
		);
	}
});

test('leaves a value that is not inert out of every command and shows it beside the block, as data, with the reason', () => {
	const query = '?instance=db1:9100&namespace=erp;touch%20PWNED';
	for (const document of [painted(query), inBrowser(query)]) {
		expect(texts(document, '.prose .wm-ph')).toEqual([
			'db1:9100',
			'<namespace>',
			'<job>',
			'db1:9100',
			'db1:9100',
			'db1:9100',
		]);
		expect(document.querySelectorAll('.prose .wm-ph[data-state="refused"]')).toHaveLength(1);
		expect(document.querySelector('pre code')!.textContent).toBe(
			'kubectl -n <namespace> logs job/<job> # on db1:9100\necho "host=db1:9100"',
		);
		const [bash, yaml] = [...document.querySelectorAll('.wm-ph-note')];
		expect(bash!.hasAttribute('hidden')).toBe(false);
		expect(bash!.textContent).toBe(
			'Not filled in: namespace is "erp;touch PWNED" (it holds `;`, a space: only letters, digits and `_./:@+%-` are filled in). Copy gives the command as written; put a value in by hand only once you have checked it.',
		);
		expect(yaml!.hasAttribute('hidden')).toBe(true);
		expect(document.querySelector('.wm-context-note')!.textContent).toContain(
			'Not filled in: namespace is "erp;touch PWNED" (it holds `;`, a space',
		);
	}
});

test('leaves the page as built without labels, or when the reader turns them off', () => {
	const built = parseHTML(page.html).document;
	for (const query of ['', '?utm_source=mail', '?waymark-labels=off&instance=db1']) {
		for (const document of [painted(query), inBrowser(query)]) {
			expect(texts(document, '.prose .wm-ph')).toEqual(texts(built, '.prose .wm-ph'));
			expect(document.querySelector('.prose [data-state]')).toBeNull();
			expect(document.querySelector('.wm-alert-context')!.hasAttribute('hidden')).toBe(true);
		}
	}
	// Positive control: the same page with a label is filled.
	expect(texts(painted('?instance=db1'), '.prose .wm-ph')[0]).toBe('db1');
});

/** A value built from pieces that try to become markup, an attribute, a link or a template. */
function hostileValues(count: number): string[] {
	const pieces = [
		'<script>alert(1)</script>',
		'"><img src=x onerror=alert(1)>',
		"' onmouseover='alert(1)",
		'javascript:alert(1)',
		'</code></pre><a href="//evil.test">',
		'&amp;',
		'&lt;b&gt;',
		'{{ $labels.namespace }}',
		'<namespace>',
		'$(touch pwned)',
		'`id`',
		"'",
		'"',
		'db1',
		' ',
		'\\',
		'%0a',
		'日本',
	];
	let seed = 99;
	const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
	return Array.from(
		{ length: count },
		(_, i) =>
			`Zq${i}${Array.from({ length: 1 + Math.floor(next() * 4) }, () => pieces[Math.floor(next() * pieces.length)]).join('')}`,
	);
}

/**
 * Every element as its tag and attribute names, in order: what a value must never change. A
 * filled placeholder's highlighting spans become its text, and serve adds its status data island.
 */
const shape = (document: Document): string[] =>
	[...document.querySelectorAll('*')]
		.filter((el) => !el.parentElement?.closest('.wm-ph') && el.id !== 'wm-status-data')
		.map(
			(el) =>
				`${el.tagName} ${[...el.attributes]
					.map((a) => a.name)
					.filter((n) => n !== 'data-state' && n !== 'title' && n !== 'hidden')
					.sort()
					.join(' ')}`,
		);

describe('hostile label values', () => {
	const values = hostileValues(60);
	test.each(['serve', 'browser'])(
		'stay text in the %s painter: no element, attribute or link comes from them, and they are filled once, as given',
		(painter) => {
			const reference = shape(parseHTML(page.html).document);
			for (const value of values) {
				const query = `?${new URLSearchParams({ alertname: value, instance: value, namespace: value, job: value }).toString()}`;
				const document = painter === 'serve' ? painted(query) : inBrowser(query);
				expect(shape(document)).toEqual(reference);
				for (const el of document.querySelectorAll('*'))
					for (const attribute of el.attributes)
						expect(attribute.value).not.toContain(value.slice(0, 4));
				// Filled as given where it is inert, else left as written: never quoted, cut or changed.
				const asWritten = texts(parseHTML(page.html).document, '.prose .wm-ph');
				texts(document, '.prose .wm-ph').forEach((text, i) =>
					expect(text).toBe(fillValue(value) === undefined ? asWritten[i] : value),
				);
				expect(document.querySelector('.wm-context-head')!.textContent).toContain(value);
				expect(document.querySelectorAll('script')).toHaveLength(painter === 'serve' ? 2 : 1);
			}
		},
	);
});

const firing = (instances: Array<Record<string, string>>, unlisted = 0): AlertsSnapshot => ({
	state: 'ok',
	unlisted:
		unlisted === 0 ? noneUnlisted : { count: unlisted, byRoute: { '/erp/backup/': unlisted } },
	dropped: noneDropped,
	pagesFiring: { count: 1, more: false },
	checkedAt: '2026-11-24T08:00:00Z',
	since: null,
	reason: null,
	pollIntervalMs: 15_000,
	demo: false,
	uiUrl: null,
	resolved: [],
	firing: [
		{
			name: 'ErpBackupFailed',
			severity: 'warning',
			summary: null,
			route: '/erp/backup/',
			pageTitle: 'Backup',
			hash: '',
			state: 'firing',
			count: instances.length,
			since: '2026-11-24T07:00:00Z',
			instances: instances.map((labels) => ({
				labels,
				startsAt: '2026-11-24T07:00:00Z',
				state: 'firing',
			})),
		},
	],
});

test('under serve, the one alert firing for the page fills it; with several the reader chooses', () => {
	const one = painted(
		'',
		firing([
			{ alertname: 'ErpBackupFailed', instance: 'db1:9100', namespace: 'erp', team: 'platform' },
		]),
	);
	expect(texts(one, '.prose .wm-ph').slice(0, 2)).toEqual(['db1:9100', 'erp']);
	expect(one.querySelector('.wm-context-head')!.textContent).toBe(
		'Filled in from alert ErpBackupFailed, firing now: instance=db1:9100, namespace=erp.',
	);
	// The alert's other labels are labels, not parameters of a URL the reader never saw.
	expect(one.querySelector('.wm-context-note')!.textContent).toMatch(
		/ 1 other label of the alert ignored \(not used by this page\)\.$/,
	);
	const several = painted('', firing([{ instance: 'db1:9100' }, { instance: 'db2:9100' }]));
	expect(several.querySelector('.prose [data-state]')).toBeNull();
	expect(several.querySelector('.wm-context-head')!.textContent).toMatch(
		/^2 alerts that send readers here are firing now\. Choose one/,
	);
	expect(several.querySelector('.wm-context-clear')!.hasAttribute('hidden')).toBe(true);
	// The URL's labels win over the alert firing now, and `waymark-labels=off` keeps the page as written.
	expect(
		texts(painted('?instance=db9', firing([{ instance: 'db1:9100' }])), '.prose .wm-ph')[0],
	).toBe('db9');
	expect(
		painted('?waymark-labels=off', firing([{ instance: 'db1:9100' }])).querySelector(
			'.prose [data-state]',
		),
	).toBeNull();
	expect(firingContext(firing([{ instance: 'db1' }]), '/other/', used)).toBeUndefined();
	// One listed, more past the snapshot's cap for this page: several fire, the reader chooses.
	expect(firingContext(firing([{ instance: 'db1' }], 3), '/erp/backup/', used)).toEqual({
		several: 4,
	});
});

test('the link that fills a page with a firing instance stays on the page and carries only the labels it uses', () => {
	const query = contextQuery(
		'ErpBackupFailed',
		{ instance: 'db1:9100', team: 'platform', namespace: '../../evil?x=#y', long: 'x'.repeat(300) },
		used,
	);
	expect(query).toBe(
		'?alertname=ErpBackupFailed&instance=db1%3A9100&namespace=..%2F..%2Fevil%3Fx%3D%23y',
	);
	expect(new URL(query, 'https://runbooks.test/erp/backup/').pathname).toBe('/erp/backup/');
	expect(contextQuery('ErpBackupFailed', { team: 'platform' }, used)).toBe('');
});

test('caps what a URL can make the page do: values, repeats and parameters', () => {
	const context = (search: string) => contextFromQuery(search, new Set(['instance', 'namespace']));
	expect(context(`?instance=${'x'.repeat(257)}&namespace=erp`)).toMatchObject({
		labels: [['namespace', 'erp']],
		refused: [['instance', 'longer than 256 characters', 'x'.repeat(257)]],
	});
	expect(context('?instance=a&instance=b')).toMatchObject({
		labels: [],
		refused: [['instance', 'given 2 times with different values', null]],
	});
	expect(context('?instance=a&instance=a')).toMatchObject({ labels: [['instance', 'a']] });
	expect(
		context(`?${Array.from({ length: 100 }, (_, i) => `p${i}=1`).join('&')}&instance=late`),
	).toBeUndefined();
	expect(context('?instance=&namespace=')).toBeUndefined();
	expect(context('?instance=db%0A1')).toMatchObject({
		refused: [['instance', 'it holds control or invisible characters', 'db\n1']],
	});
});
