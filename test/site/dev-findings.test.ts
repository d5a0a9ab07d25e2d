import { parseHTML } from 'linkedom';
import { afterEach, expect, test, vi } from 'vitest';
import type { DevFindings } from '../../integration/dev-findings.ts';
import { showDevFindings } from '../../src/scripts/dev-findings.ts';

/** A page at `pathname`, as the site lays it out, with the globals the script reads; and the HMR channel it talks to. */
function page(pathname: string) {
	const { document } = parseHTML(
		'<html><head></head><body><header>Site</header><main id="content"><h1>Ops</h1><p>Text.</p></main></body></html>',
	);
	const stored = new Map<string, string>();
	vi.stubGlobal('document', document);
	vi.stubGlobal('location', { pathname });
	vi.stubGlobal('sessionStorage', {
		getItem: (key: string) => stored.get(key) ?? null,
		setItem: (key: string, value: string) => void stored.set(key, value),
	});
	let listener: ((data: DevFindings) => void) | undefined;
	const sent: string[] = [];
	showDevFindings({ on: (_event, fn) => (listener = fn), send: (event) => void sent.push(event) });
	return { document, sent, receive: (data: DevFindings) => listener?.(data) };
}

afterEach(() => vi.unstubAllGlobals());

const ops = [
	{
		severity: 'error' as const,
		rule: 'internal-links',
		message: 'Unexpected link to missing file `gone.md`, expected an existing file',
		line: 5,
		column: 5,
	},
];

test("shows the page's own findings on it, above its content, each with the file's line and its rule", () => {
	const { document, sent, receive } = page('/runbooks/ops/');
	expect(sent).toEqual(['waymark:findings-wanted']);
	receive({
		byPage: {
			'/runbooks/ops/': ops,
			'/runbooks/': [{ severity: 'warning', rule: 'orphan-pages', message: 'Unexpected orphan' }],
		},
	});
	const box = document.querySelector('#content > .wm-dev-findings');
	expect(box?.nextElementSibling?.tagName).toBe('H1');
	expect(box?.querySelector('p')?.textContent).toMatch(/^1 finding on this page \(1 error\)/);
	expect([...(box?.querySelectorAll('li') ?? [])].map((li) => li.textContent)).toEqual([
		'error 5:5 Unexpected link to missing file `gone.md`, expected an existing file internal-links',
	]);
	// The page is not covered: nothing but the box was added, and the content is where it was.
	expect(document.querySelector('#content h1')?.textContent).toBe('Ops');
});

test('a page with no findings shows nothing, also when other pages have some', () => {
	const { document, receive } = page('/clean/');
	receive({ byPage: { '/ops/': ops } });
	expect(document.querySelector('.wm-dev-findings')).toBeNull();
	// The control: the page that has them shows them.
	const other = page('/ops/');
	other.receive({ byPage: { '/ops/': ops } });
	expect(other.document.querySelector('.wm-dev-findings')).not.toBeNull();
});

test('dismissed, the same findings stay hidden after a reload; changed findings show again; fixed ones go', () => {
	const { document, receive } = page('/ops/');
	receive({ byPage: { '/ops/': ops } });
	(document.querySelector('.wm-dev-findings button') as HTMLButtonElement).click();
	expect(document.querySelector('.wm-dev-findings')).toBeNull();
	receive({ byPage: { '/ops/': ops } });
	expect(document.querySelector('.wm-dev-findings')).toBeNull();
	const more = [
		...ops,
		{
			severity: 'warning' as const,
			rule: 'markdown-lint',
			message: 'Unexpected missing final newline',
			line: 7,
			column: 1,
		},
	];
	receive({ byPage: { '/ops/': more } });
	expect(document.querySelectorAll('.wm-dev-findings li')).toHaveLength(2);
	receive({ byPage: {} });
	expect(document.querySelector('.wm-dev-findings')).toBeNull();
});

test('finds the page by its path as the browser encodes it', () => {
	const { document, receive } = page('/caf%C3%A9/ops%20notes/');
	receive({ byPage: { '/café/ops notes/': ops } });
	expect(document.querySelector('.wm-dev-findings')).not.toBeNull();
});
