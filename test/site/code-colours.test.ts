import { createShikiHighlighter } from '@astrojs/markdown-remark/shiki';
import type { Root, RootContent } from 'hast';
import { expect, test } from 'vitest';
import { codeThemeNames, codeThemes, compactCodeColours } from '../../markdown/code-colours.ts';
import { classColours, declarations } from '../helpers/code-colours.ts';

// Runbook code of the kinds the guidebooks carry: shell with flags and strings, YAML, SQL, a diff.
const samples: Array<[string, string]> = [
	[
		'bash',
		'kubectl -n erp rollout restart deploy/erp --context "prod-1" # restart\necho "$DB" | grep -c ok',
	],
	['yaml', 'erp:\n  replicas: 2\n  probes: { readiness: /healthz }\n'],
	['sql', "SELECT count(*) FROM invoices WHERE status = 'open'; -- backlog"],
	['diff', '- replicas: 1\n+ replicas: 2'],
	['python', 'def restore(path: str) -> bool:\n    """Restore."""\n    return True'],
];

const highlighter = await createShikiHighlighter({ themes: codeThemeNames });
const render = (code: string, lang: string, transformers: (typeof compactCodeColours)[] = []) =>
	highlighter.codeToHast(code, lang, { defaultColor: false, transformers });

const text = (value: unknown): string =>
	typeof value === 'string' ? value : Array.isArray(value) ? value.join(' ') : '';

/** What each token's colours come to: its classes' custom properties from the stylesheet, then its inline ones. */
function tokenColours(root: Root): string[] {
	const css = classColours();
	const out: string[] = [];
	const walk = (node: Root | RootContent) => {
		if (
			node.type === 'element' &&
			node.tagName === 'span' &&
			text(node.properties['className'] ?? node.properties['class']) !== 'line'
		) {
			const props: Record<string, string> = {};
			for (const name of text(node.properties['className'] ?? node.properties['class'])
				.split(/\s+/)
				.filter(Boolean))
				Object.assign(props, css.get(name));
			Object.assign(props, declarations(text(node.properties['style'])));
			out.push(JSON.stringify(Object.entries(props).sort()));
		}
		if ('children' in node) for (const child of node.children) walk(child);
	};
	walk(root);
	return out;
}

test.each(samples)('paints every %s token the colours Shiki writes inline', async (lang, code) => {
	const inline = await render(code, lang);
	const compact = await render(code, lang, [compactCodeColours]);
	expect(tokenColours(compact)).toEqual(tokenColours(inline));
	expect(JSON.stringify(compact)).not.toContain('--shiki-light:#');
});

test('drops from each block only what the stylesheet gives every block', async () => {
	const root = await render('echo ok', 'bash', [compactCodeColours]);
	const pre = root.children[0];
	expect(pre?.type === 'element' && pre.properties).toEqual(
		expect.objectContaining({ class: 'astro-code', tabindex: '0', dataLanguage: 'bash' }),
	);
	expect(pre?.type === 'element' && pre.properties['style']).toBeUndefined();
	const block = classColours().get('pre');
	expect(block).toEqual({
		'--shiki-light': codeThemes.light.colors?.['editor.foreground']?.toLowerCase(),
		'--shiki-dark': codeThemes.dark.colors?.['editor.foreground']?.toLowerCase(),
		'--shiki-light-bg': codeThemes.light.colors?.['editor.background']?.toLowerCase(),
		'--shiki-dark-bg': codeThemes.dark.colors?.['editor.background']?.toLowerCase(),
	});
});

test('names the same themes Shiki is given by name', () => {
	expect({ light: codeThemes.light.name, dark: codeThemes.dark.name }).toEqual(codeThemeNames);
});

test('leaves a colour the palette lacks, and any other declaration, inline', () => {
	const span = {
		type: 'element' as const,
		tagName: 'span',
		properties: {
			style: '--shiki-light:#123456;--shiki-dark:#a5d6ff;--shiki-light-font-style:italic',
		},
		children: [],
	};
	const context = {
		addClassToHast: (node: typeof span, classes: string[]) =>
			Object.assign(node.properties, { class: classes.join(' ') }),
	};
	compactCodeColours.span?.call(context as never, span, 1, 1, span as never, {} as never);
	expect(span.properties).toEqual({
		style: '--shiki-light:#123456;--shiki-light-font-style:italic',
		class: 'd7',
	});
});
