import '../helpers/load-tools.ts';
import type { Node, Parent, Root } from 'mdast';
import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { createPageRenderer } from '../../preview/render.ts';
import { tools } from '../../tools/index.ts';
import { parsePage } from '../../tree/parse-page.ts';
import { growthRatio } from '../helpers/growth.ts';
import { rewriteAs, testReading } from '../helpers/tool-reading.ts';

/**
 * Issue 53, item 2: a construct of a tool Waymark does not read (or of one of the six, on a tree
 * of another) is never markup printed as text nor content dropped without a word. Each construct
 * goes on a page of each tool: what has a Markdown form renders as it (a callout, code), the rest
 * is a notice where it stood and a warning at its line, its content kept.
 */
interface Construct {
	name: string;
	/** The lines, put after a heading and a blank line (the construct starts on line 3). */
	lines: string[];
	/** Syntax that must not be left in the page's visible text. */
	raw: RegExp;
	/** Words of its content that must still be on the page (text, or a picture's URL). */
	kept: string[];
	/** Rendered as the tool it comes from renders it: no notice, no warning. */
	rendered?: 'callout' | 'as-written';
	/** Inside a URL, where no notice can stand: the warning alone. */
	inUrl?: true;
	/** The tools that render it themselves, where it is left to them (Backstage TechDocs is MkDocs with a plugin). */
	ownedBy?: string[];
}

const constructs: Construct[] = [
	{
		name: 'kramdown attribute list',
		lines: ['{: .no_toc}'],
		raw: /\{:/,
		kept: [],
		ownedBy: ['mkdocs', 'techdocs', 'jekyll'],
	},
	{
		name: 'Liquid variable in a picture URL',
		lines: ['![logo]({{ site.baseurl }}/images/logo.png)'],
		raw: /\{\{/,
		kept: ['/images/logo.png'],
		inUrl: true,
		ownedBy: ['mkdocs', 'techdocs', 'jekyll'],
	},
	{
		name: 'Liquid variable in text',
		lines: ['Version {{ book.version }} is current.'],
		raw: /\{\{/,
		kept: ['Version', 'is current.'],
		ownedBy: ['mkdocs', 'techdocs'],
	},
	{
		name: 'Tera or Jinja call in text (a Zola shortcode)',
		lines: ['Scaled: {{ resize_image(path="a.png", width=150, op="scale") }} here.'],
		raw: /\{\{/,
		kept: ['Scaled:', 'here.'],
		ownedBy: ['mkdocs', 'techdocs'],
	},
	{
		name: 'GitBook hint',
		lines: ['{% hint style="warning" %}', 'Drain the node first.', '{% endhint %}'],
		raw: /\{%/,
		kept: ['Drain the node first.'],
		rendered: 'callout',
		ownedBy: ['mkdocs', 'techdocs'],
	},
	{
		name: 'Liquid include',
		lines: ['{% include footer.html %}'],
		raw: /\{%/,
		kept: [],
		ownedBy: ['mkdocs', 'techdocs'],
	},
	{
		name: 'unknown template block',
		lines: ['{% frobnicate level=2 %}', 'Keep this body.', '{% endfrobnicate %}'],
		raw: /\{%/,
		kept: ['Keep this body.'],
		ownedBy: ['mkdocs', 'techdocs'],
	},
	{
		name: 'Liquid raw',
		lines: ['{% raw %}', 'Shown as written.', '{% endraw %}'],
		raw: /\{%/,
		kept: ['Shown as written.'],
		rendered: 'as-written',
		ownedBy: ['mkdocs', 'techdocs'],
	},
	{
		name: 'VitePress container',
		lines: ['::: warning Back up first', 'Stop the service.', ':::'],
		raw: /:::/,
		kept: ['Stop the service.'],
		rendered: 'callout',
		ownedBy: ['mkdocs', 'techdocs', 'docusaurus'],
	},
	{
		name: 'unknown container',
		lines: ['::: frobnicate', 'Keep this body.', ':::'],
		raw: /:::/,
		kept: ['Keep this body.'],
		ownedBy: ['mkdocs', 'techdocs', 'docusaurus'],
	},
	{ name: 'MyST target', lines: ['(backup:restore)='], raw: /\)=/, kept: [], ownedBy: ['myst'] },
	{
		name: 'MyST note',
		lines: ['```{note}', 'Stop the hub before restoring.', '```'],
		raw: /\{note\}/,
		kept: ['Stop the hub before restoring.'],
		rendered: 'callout',
	},
	{
		name: 'MyST unknown directive',
		lines: ['```{frobnicate}', ':maxdepth: 2', 'intro', '```'],
		raw: /\{frobnicate\}|:maxdepth:/,
		kept: ['intro'],
	},
	{
		name: 'Vue component with a picture',
		lines: ['<ZoomableImage src="/images/logo.png" />'],
		raw: /<Zoomable/,
		kept: ['/images/logo.png'],
		ownedBy: ['docusaurus'],
	},
	{
		name: 'unknown component with children',
		lines: ['<Frobnicate kind="x">', 'Keep this body.', '</Frobnicate>'],
		raw: /<\/?Frobnicate/,
		kept: ['Keep this body.'],
		ownedBy: ['docusaurus'],
	},
];

/** The page's visible text outside code, and the URLs of its pictures and links. */
function visible(tree: Root): { text: string; urls: string[]; callouts: string[]; code: string[] } {
	const out = {
		text: [] as string[],
		urls: [] as string[],
		callouts: [] as string[],
		code: [] as string[],
	};
	const walk = (node: Node) => {
		if (node.type === 'code')
			return void out.code.push((node as unknown as { value: string }).value);
		if (node.type === 'inlineCode' || node.type === 'html') return;
		if (node.type === 'text') out.text.push((node as unknown as { value: string }).value);
		if (node.type === 'image' || node.type === 'link')
			out.urls.push((node as unknown as { url: string }).url);
		if (node.type === 'containerDirective')
			out.callouts.push((node as unknown as { name: string }).name);
		for (const child of (node as Parent).children ?? []) walk(child);
	};
	walk(tree);
	return { text: out.text.join('\n'), urls: out.urls, callouts: out.callouts, code: out.code };
}

describe.each(tools.map((tool) => tool.name))('on a %s tree', (name) => {
	test.each(constructs.filter((construct) => !construct.ownedBy?.includes(name)))(
		'$name: no raw syntax, nothing lost, a notice and a warning unless rendered',
		(construct) => {
			const text = `# Runbook\n\n${construct.lines.join('\n')}\n\nAfter.\n`;
			const page = parsePage('ops/runbook.md', text, { tool: testReading({ dialect: name }) });
			const shown = visible(page.tree);
			expect(shown.text, page.text).not.toMatch(construct.raw);
			for (const word of construct.kept)
				expect(
					[shown.text, ...shown.urls, ...shown.code].some((part) => part.includes(word)),
					`${word} in ${page.text}`,
				).toBe(true);
			expect(shown.text).toContain('After.');
			const warnings = page.dialectNotes.filter(
				(note) => note.line >= 3 && note.line < 3 + construct.lines.length,
			);
			if (construct.rendered) {
				expect(warnings).toEqual([]);
				if (construct.rendered === 'callout') expect(shown.callouts.length, page.text).toBe(1);
			} else {
				expect(
					warnings.map((note) => [note.line, note.severity]),
					page.text,
				).toEqual([[3, 'warning']]);
				expect(warnings[0]!.message).toMatch(/^Unexpected .+, expected Markdown/);
				if (!construct.inUrl) expect(shown.text, page.text).toMatch(/is not shown here/);
				else expect(shown.urls).toContain('/images/logo.png');
			}
		},
	);
});

test('a tool that renders a construct itself is left to it', () => {
	const mkdocs = parsePage('index.md', '# Home\n\n{: .wide}\n\n::: my_package.module\n', {
		tool: testReading({ dialect: 'mkdocs' }),
	});
	expect(
		mkdocs.dialectNotes.filter((note) => /attribute list|container/.test(note.message)),
	).toEqual([]);
	const docusaurus = parsePage(
		'intro.md',
		'# Intro\n\n:::warning Careful\nBody.\n:::\n\n<Tabs>\n\nText.\n\n</Tabs>\n',
		{ tool: testReading({ dialect: 'docusaurus' }) },
	);
	expect(
		docusaurus.dialectNotes.filter((note) => /component|container/.test(note.message)),
	).toEqual([]);
});

test('code shows foreign syntax as written', () => {
	const page = parsePage(
		'a.md',
		'# A\n\n```liquid\n{% include x.html %}\n{{ site.baseurl }}\n```\n\nRun `{% raw %}` here.\n\n    <img src="{{ site.baseurl }}/a.png">\n    {% include y.html %}\n',
		{ tool: testReading({ dialect: 'github' }) },
	);
	expect(page.dialectNotes).toEqual([]);
	expect(page.text).toContain('{% include x.html %}\n{{ site.baseurl }}');
	expect(page.text).toContain('    <img src="{{ site.baseurl }}/a.png">\n    {% include y.html %}');
});

test('a Go template stays text, as forges and tools show it', () => {
	const page = parsePage('a.md', '# A\n\nSet {{ .Values.image.tag }} in the chart.\n', {
		tool: testReading({ dialect: 'github' }),
	});
	expect(page.dialectNotes).toEqual([]);
	expect(page.text).toContain('{{ .Values.image.tag }}');
});

// Every check and build runs this pass on every page: pages of many constructs, unclosed ones
// above all, cost time linear in the page, and keep their lines.
const shapes: Record<string, (n: number) => string> = {
	'template tags never closed': (n) => '{% frobnicate %}\nText.\n'.repeat(n),
	'closings of another name': (n) => `${'{% hint %}\n'.repeat(n)}${'{% endtabs %}\n'.repeat(n)}`,
	'nested blocks': (n) =>
		`${'{% hint style="warning" %}\n'.repeat(n)}Body.\n${'{% endhint %}\n'.repeat(n)}`,
	'containers never closed': (n) => '::: frobnicate\nText.\n'.repeat(n),
	'directive fences': (n) => '```{frobnicate}\n:opt: 1\nBody.\n```\n'.repeat(n),
	'a directive fence never closed': (n) => `\`\`\`{note}\n${'Body.\n'.repeat(n)}`,
	'variables on one line': (n) => `${'{{ site.baseurl }} '.repeat(n)}\n`,
	components: (n) => '<Frobnicate src="/a.png">\nText.\n</Frobnicate>\n'.repeat(n),
	'a tag that never ends, on one line': (n) => `<Insert${' a=b c'.repeat(n)} d,\n`,
};

const rewrite = (text: string) =>
	rewriteAs(text, { dialect: 'github', path: 'ops/page.md', pages: new Set(['ops/page.md']) });

test.each(Object.entries(shapes))(
	'rewrites in time linear in the page, keeping its lines: %s',
	(_shape, page) => {
		expect(growthRatio((n) => rewrite(page(n)), 1_000, 8_000)).toBeLessThan(20);
		const text = page(20_000);
		expect(rewrite(text).text.split('\n')).toHaveLength(text.split('\n').length);
	},
);

// The site's own pipeline (`preview/render.ts`, the one the build shares) on the pages: what
// a reader sees holds no raw syntax, and shows the callout, the picture and each notice.
test.each(
	tools
		.map((tool) => tool.name)
		.filter((name) => name !== 'mkdocs' && name !== 'techdocs' && name !== 'docusaurus'),
)('a %s site shows no raw syntax of other tools, and loses nothing', async (name) => {
	const page = [
		'# Runbook',
		'{: .no_toc}',
		'',
		'![logo]({{ site.baseurl }}/images/logo.png)',
		'',
		'{% hint style="warning" %}',
		'Drain the node first.',
		'{% endhint %}',
		'',
		'(backup:restore)=',
		'## Restore a backup',
		'',
		'```{note}',
		'Stop the hub before restoring.',
		'```',
		'',
		'::: tip Faster',
		'Use the snapshot.',
		':::',
		'',
		'<ZoomableImage src="/images/zoom.png" />',
		'',
	].join('\n');
	const files = {
		pages: new Set(['page.md']),
		assets: new Set(['images/logo.png', 'images/zoom.png']),
		folders: new Set(['', 'images']),
		tool: testReading({ dialect: name }),
	};
	const render = await createPageRenderer(
		{ root: '/guidebooks', title: 'Runbooks', base: '/', editUrl: null },
		{ trust: 'trusted', allowRawHtml: false },
		files,
	);
	const { document } = parseHTML(
		`<!doctype html><html><body>${await render(page, 'page.md')}</body></html>`,
	);
	for (const code of document.querySelectorAll('pre, code')) code.remove();
	const text = document.body.textContent ?? '';
	expect(text).not.toMatch(/\{[:%{]|:::|\)=|<Zoomable|\{note\}/);
	expect([...document.querySelectorAll('aside.callout')].map((aside) => aside.className)).toEqual([
		'callout callout-warning',
		'callout callout-note',
		'callout callout-tip',
	]);
	expect(text).toContain('Drain the node first.');
	expect(text).toContain('Stop the hub before restoring.');
	expect(text).toContain('Use the snapshot.');
	expect([...document.querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual(
		expect.arrayContaining([
			expect.stringContaining('logo.png'),
			expect.stringContaining('zoom.png'),
		]),
	);
	// A tool that renders MyST's targets makes an anchor of the one on the page, not a notice; Jekyll
	// applies the attribute list itself (`{: .no_toc}` keeps the heading out of its table of contents).
	const ownTarget = testReading({ dialect: name }).rendersItself?.includes('target') ? 1 : 0;
	expect(text.match(/is not shown here/g)).toHaveLength(
		3 - ownTarget - (name === 'jekyll' ? 1 : 0),
	);
});

test("a container's closing is found past the directives inside it", () => {
	const page = parsePage(
		'a.md',
		'# A\n\n::: warning Outer\n\n:::note\nInner.\n:::\n\nOuter body.\n\n:::\n\n::: frobnicate\n:::tip\nTip.\n:::\n:::\n\nAfter.\n',
		{ tool: testReading({ dialect: 'github' }) },
	);
	const names: string[] = [];
	const walk = (node: Node, depth: number) => {
		if (node.type === 'containerDirective')
			names.push(`${depth}:${(node as unknown as { name: string }).name}`);
		for (const child of (node as Parent).children ?? [])
			walk(child, depth + (node.type === 'containerDirective' ? 1 : 0));
	};
	walk(page.tree, 0);
	expect(names).toEqual(['0:warning', '1:note', '0:tip']);
	expect(visible(page.tree).text).toContain('After.');
	expect(page.dialectNotes.map((note) => note.line)).toEqual([13]);
});

// A placeholder in angle brackets is no HTML tag for CommonMark, so GitHub shows it as text: the
// site too, with no warning (found on a runbook template of the corpus).
test('a placeholder in angle brackets that is no tag stays text', () => {
	const page = parsePage(
		'a.md',
		'# A\n\n## Mitigation\n\n<Insert the steps of your site, for example growing a volume.>\n',
		{ tool: testReading({ dialect: 'github' }) },
	);
	expect(page.dialectNotes).toEqual([]);
	expect(page.text).toContain('<Insert the steps of your site, for example growing a volume.>');
});
