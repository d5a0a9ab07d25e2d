import '../helpers/load-tools.ts';
import { expect, test } from 'vitest';
import { publishedPath } from '../../tools/vitepress/pages.ts';
import { costRatio } from '../helpers/growth.ts';
import { rewriteAs } from '../helpers/tool-reading.ts';

// What a branch under review writes in a tool's config or page reaches these readers: none may
// throw or take time that grows with the product of two inputs.

test('a VitePress rewrite with parameters side by side matches nothing, in time linear in the path', () => {
	const path = `${'b'.repeat(300)}!.md`;
	const adjacent: Array<[string, string]> = [[':a:b:c:d:e.md', 'x/:a.md']];
	expect(publishedPath(path, adjacent)).toBe(path);
	expect(
		costRatio(
			() => publishedPath(path, adjacent),
			() => publishedPath(path, [['other/:a.md', 'x/:a.md']]),
		),
	).toBeLessThan(20);
	// One literal between them is a rewrite VitePress makes.
	expect(publishedPath('guide/intro.md', [[':dir/:page.md', ':page/:dir.md']])).toBe(
		'intro/guide.md',
	);
});

test('a GitBook file block whose name holds a malformed escape is a link to it, named as written', () => {
	const { text } = rewriteAs('{% file src="files/a%zz.pdf" %}\n', {
		dialect: 'gitbook',
		path: 'ops/page.md',
		pages: new Set(['ops/page.md']),
	});
	expect(text).toContain('[a%zz.pdf](<files/a%zz.pdf>)');
});
