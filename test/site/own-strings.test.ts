import { expect, test } from 'vitest';
import { ownStrings } from '../../integration/own-strings.ts';

test('copies every string of plain objects and arrays, and keeps other values as they are', () => {
	const when = new Date('2026-11-22T00:00:00Z');
	const markdown = `# Restore the ERP database\n\n${'Stop Dolibarr before the restore. '.repeat(20)}`;
	const metadata = {
		headings: [{ depth: 1, slug: 'restore', text: markdown.slice(2, 26) }],
		frontmatter: {
			waymark: { h1: markdown.slice(2, 26), owner: 'ops' },
			reviewed: when,
			count: 3,
			none: null,
		},
	};
	const copy = ownStrings(metadata);
	expect(copy).toEqual(metadata);
	expect(copy.frontmatter.reviewed).toBe(when);
	expect(copy.headings).not.toBe(metadata.headings);
	expect(copy.frontmatter.waymark.h1).toBe('Restore the ERP database');
});
