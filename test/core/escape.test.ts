import { expect, test } from 'vitest';
import { escapeHtml, escapeMarkdownCell } from '../../core/escape.ts';

test('escapes markup and both quotes for HTML and XML, and drops control characters XML cannot carry', () => {
	expect(escapeHtml(`<a href="x">Tom & Jerry's</a>\u0007\ttab`)).toBe(
		'&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;\ttab',
	);
});

test('keeps a Markdown cell on one line and stops `|` and `<` from breaking it, leaving code spans as written', () => {
	expect(escapeMarkdownCell('a | b\r\nc <script> `x|y` `<dir>` ``a`<b``')).toBe(
		'a \\| b c &lt;script> `x\\|y` `<dir>` ``a`<b``',
	);
});
