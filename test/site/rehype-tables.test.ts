import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { expect, test } from 'vitest';
import { rehypeTables } from '../../markdown/rehype-tables.ts';

const labels = (html: string) => {
	const tree = fromHtml(html, { fragment: true });
	rehypeTables()(tree);
	return [...toHtml(tree).matchAll(/<div class="table-scroll" data-label="([^"]*)">/g)].map(
		(match) => match[1],
	);
};

test('names each table scroller after its caption or the heading above it, unique on the page', () => {
	const table = '<table><tr><td>1</td></tr></table>';
	expect(
		labels(
			`${table}<h2>Restore</h2>${table}<p>x</p>${table}<h3>Verify <code>psql</code></h3>${table}<table><caption>Ports</caption><tr><td>1</td></tr></table>`,
		),
	).toEqual(['Table', 'Restore table', 'Restore table 2', 'Verify psql table', 'Ports']);
});
