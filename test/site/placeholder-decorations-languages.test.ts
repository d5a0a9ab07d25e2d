import { createShikiHighlighter } from '@astrojs/markdown-remark/shiki';
import type { Element, Root, RootContent } from 'hast';
import { bundledLanguagesInfo } from 'shiki';
import { expect, test } from 'vitest';
import { siteShikiConfig } from '../../markdown/plugins.ts';

// Placeholders are marked by offsets in a block's source: in any language Shiki shows, marking
// them must never fail the block (an ANSI block with `<host>` after an escape code failed its
// whole page), and where they are marked, the marks hold exactly the placeholder's text.
const highlighter = await createShikiHighlighter({ themes: siteShikiConfig.themes });
const codes = [
	'ssh <host> && systemctl restart <service>',
	'curl {{ $labels.instance }}/healthz\r\nkubectl -n <namespace> get pods',
	'\u001b[31mfailed\u001b[0m on <host> at {{ $labels.instance }}',
];
const languages = [
	...bundledLanguagesInfo.map((info) => info.id),
	'ansi',
	'plaintext',
	'text',
	'console',
];

function marks(node: Root | RootContent, out: string[] = []): string[] {
	if (
		node.type === 'element' &&
		String(node.properties['class'] ?? '')
			.split(' ')
			.includes('wm-ph')
	)
		out.push(text(node));
	if ('children' in node) for (const child of node.children) marks(child, out);
	return out;
}
function text(node: Element | RootContent): string {
	return node.type === 'text'
		? node.value
		: 'children' in node
			? node.children.map(text).join('')
			: '';
}

test.each(languages)('%s: marking placeholders never fails a block', async (lang) => {
	for (const code of codes) {
		const root = await highlighter.codeToHast(code, lang, {
			defaultColor: false,
			transformers: siteShikiConfig.transformers,
		});
		for (const mark of marks(root))
			expect(mark).toMatch(/^(?:<[a-z][\w-]*>|\{\{ \$labels\.\w+ \}\})$/);
	}
});

test('the positive control: a shell block marks its placeholders', async () => {
	const root = await highlighter.codeToHast(codes[1] as string, 'bash', {
		defaultColor: false,
		transformers: siteShikiConfig.transformers,
	});
	expect(marks(root)).toEqual(['{{ $labels.instance }}', '<namespace>']);
});
