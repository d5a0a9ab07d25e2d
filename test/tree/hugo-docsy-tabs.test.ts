import '../helpers/load-tools.ts';
import { expect, test } from 'vitest';
import { rewriteAs } from '../helpers/tool-reading.ts';
import { parsePage } from '../../tree/parse-page.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// Docsy highlights a tab's body as code unless `text=true` is on the tab or its `tabpane`
// (layouts/shortcodes/tabpane.html: `{{ if $text }}…{{ else }}{{ highlight … }}`), and a tab's
// own `text=false` does not undo its pane's `true`. Read as Markdown, a code tab's
// `# install deps` was a heading. Generated panes of both kinds of tab: each code body is one
// code block, each text body Markdown, every line where it was.

const codeBodies = [
	['# install deps', 'npm ci'],
	['kubectl -n crm get pods', '', '# then', 'kubectl -n crm rollout restart deployment/crm-api'],
	['- not a list', '> not a quote', '    indented already'],
];
const textBodies = [['Use `apt`.'], ['## Notes', '', 'Restart **first**.'], ['- one', '- two']];

test.each(Array.from({ length: 40 }, (_, n) => n))(
	'generated pane %i: a code tab is one code block, a text tab Markdown, lines kept',
	(n) => {
		const random = seededRandom(2100 + n);
		const paneText = random() < 0.3;
		const lines = [
			'# Install',
			'',
			`{{< tabpane${paneText ? ' text=true' : ''}${random() < 0.5 ? ' lang=shell' : ''} >}}`,
		];
		const expectedLines = ['# Install', '', ''];
		const headings = ['Install'];
		const blocks: string[] = [];
		for (let i = 0; i < 1 + pick(random, 3); i++) {
			const tabText = pickItem(random, [undefined, 'true', 'false']);
			const code = !paneText && tabText !== 'true';
			const body = code ? pickItem(random, codeBodies) : pickItem(random, textBodies);
			const [open, close] = pickItem<[string, string]>(random, [
				['{{< ', ' >}}'],
				['{{% ', ' %}}'],
			]);
			lines.push(
				`${open}tab header="T${i}"${tabText ? ` text=${tabText}` : ''}${close}`,
				...body,
				`${open}/tab${close}`,
			);
			expectedLines.push(
				`:::tab${i === 0 ? '-new' : ''}[T${i}]`,
				...(code ? body.map((line) => (line === '' ? '' : `    ${line}`)) : body),
				':::',
			);
			if (code) blocks.push(body.join('\n'));
			else
				headings.push(
					...body.filter((line) => line.startsWith('## ')).map((line) => line.slice(3)),
				);
		}
		lines.push('{{< /tabpane >}}', '', 'After.', '');
		expectedLines.push('', '', 'After.', '');
		const text = lines.join('\n');
		const out = rewriteAs(text, {
			dialect: 'hugo',
			path: 'ops/install.md',
			pages: new Set(['ops/install.md']),
			params: {},
		});
		expect(out.text).toBe(expectedLines.join('\n'));
		expect(out.notes).toEqual([]);
		const page = parsePage('ops/install.md', text, { dialect: 'hugo' });
		expect(page.headings.map((heading) => heading.text)).toEqual(headings);
		expect(page.codeBlocks.map((block) => block.value)).toEqual(
			blocks.map((block) => block.replace(/^ {4}/gm, '    ')),
		);
	},
);

test("a shortcode in a code tab is code's: `param` gives its value, another is left as written", () => {
	const text =
		'# Get\n{{< tabpane >}}\n{{< tab header="Shell" >}}\ncurl {{< param url >}}/{{< version >}}\n{{< /tab >}}\n{{< /tabpane >}}\n';
	const out = rewriteAs(text, {
		dialect: 'hugo',
		path: 'ops/a.md',
		pages: new Set(['ops/a.md']),
		params: { url: 'https://dl.example.invalid' },
	});
	expect(out.text).toBe(
		'# Get\n\n:::tab-new[Shell]\n    curl https://dl.example.invalid/{{< version >}}\n:::\n\n',
	);
	expect(out.notes.map((note) => `${note.line}:${note.column} ${note.message}`)).toEqual([
		expect.stringMatching(/^4:24 Unexpected Hugo shortcode `version` in code/),
	]);
});
