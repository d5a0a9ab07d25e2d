import { describe, expect, test } from 'vitest';
import { mystLinkHref, projectTargets } from '../../../tools/myst/project.ts';
import type { MystContext } from '../../../tools/myst/context.ts';
import { rewriteMyst } from '../../../tools/myst/rewrite.ts';

const pages = new Set(['index.md', 'guide/restore.md', 'guide/tabs.md', 'intro.md']);
const texts = new Map([
	[
		'guide/restore.md',
		'(backup:restore)=\n# Restore a backup\n\nText.\n\n(para-label)=\nA paragraph.\n',
	],
	['guide/tabs.md', '# Tabs\n\n```{figure} a.png\n:name: fig-a\n\nCaption.\n```\n'],
	['intro.md', '---\ntitle: Welcome\n---\n# Intro\n'],
]);

function context(engine: 'mystmd' | 'sphinx' = 'mystmd'): MystContext {
	return { engine, ...projectTargets(engine, texts, pages), substitutions: { version: '4.1' } };
}
const rewrite = (text: string, engine: 'mystmd' | 'sphinx' = 'mystmd', path = 'index.md') =>
	rewriteMyst(text, { path, pages }, context(engine));

describe('the minimal case of issue 53', () => {
	const page =
		'(backup:restore)=\n# Restore a backup\n```{note}\nStop the hub before restoring.\n```\nSee [restoring](#backup:restore).';
	test('mystmd: the heading takes the label id, the note is a callout, lines keep their numbers', () => {
		const out = rewrite(page, 'mystmd', 'guide/restore.md');
		expect(out.text.split('\n')).toEqual([
			'',
			'# Restore a backup {#backup-restore}',
			':::note',
			'Stop the hub before restoring.',
			':::',
			'See [restoring](#backup:restore).',
		]);
		expect(out.notes).toEqual([]);
		expect(out.origins).toBeUndefined();
	});
	test('Sphinx: the heading keeps its id and holds the label as an anchor', () => {
		expect(rewrite(page, 'sphinx').text.split('\n')[1]).toBe(
			'# Restore a backup <a id="backup-restore"></a>',
		);
	});
	test('the link reaches the label on the page that holds it', () => {
		const tree = { pages, assets: new Set<string>() };
		expect(mystLinkHref('index.md', '#backup:restore', context(), tree)).toBe(
			'guide/restore.md#backup-restore',
		);
		expect(mystLinkHref('guide/restore.md', '#Backup:Restore', context(), tree)).toBe(
			'#backup-restore',
		);
		expect(mystLinkHref('guide/tabs.md', '#tabs', context(), tree)).toBe('#tabs');
		expect(mystLinkHref('index.md', '#fig-a', context(), tree)).toBe('guide/tabs.md#fig-a');
		expect(mystLinkHref('index.md', '#nowhere', context(), tree)).toBe('#nowhere');
	});
});

describe('links as MyST-Parser resolves them', () => {
	const tree = { pages, assets: new Set(['guide/a.png']) };
	test.each([
		['guide/restore', 'guide/restore.md'],
		['guide/restore.html#x', 'guide/restore.md#x'],
		['backup:restore', 'guide/restore.md#backup-restore'],
		['guide/a.png', 'guide/a.png'],
		['https://example.org/#x', 'https://example.org/#x'],
		['missing.md', 'missing.md'],
		// A label holding dots, as MyST-Parser's `[changelog](changelog-4.0)`.
		['para-label', 'guide/restore.md#para-label'],
	])('%s → %s', (href, expected) =>
		expect(mystLinkHref('index.md', href, context('sphinx'), tree)).toBe(expected),
	);
});

describe('directives', () => {
	test('colon fences nest as the site reads them: the outer fence is the longer', () => {
		const out = rewrite('::::{warning} Drain first\n:class: dropdown\n:::{tip}\nInner.\n:::\n::::');
		expect(out.text.split('\n')).toEqual([
			'::::warning[Drain first]{collapse=closed}',
			':::tip',
			'Inner.',
			':::',
			'::::',
		]);
	});
	test('admonition takes its class as its type; dropdown is collapsed', () => {
		expect(
			rewrite('```{admonition} Heads up\n:class: warning\nBody.\n```').text.split('\n')[0],
		).toBe(':::warning[Heads up]');
		expect(rewrite('```{dropdown} More\nBody.\n```').text.split('\n')[0]).toBe(
			':::note[More]{collapse=closed}',
		);
	});
	test('code-block keeps its language and body, options left out', () => {
		expect(
			rewrite('```{code-block} bash\n:caption: x\n:linenos:\nkubectl get pods\n```').text,
		).toBe('```bash\nkubectl get pods\n```');
	});
	test('a tab-set is the site’s tabs', () => {
		const out = rewrite(
			'`````{tab-set}\n````{tab-item} AWS\n:sync: aws\nA.\n````\n````{tab-item} GCP\nG.\n````\n`````',
		);
		expect(out.text.split('\n')).toEqual([
			'',
			':::tab[AWS]',
			'A.',
			':::',
			':::tab[GCP]',
			'G.',
			':::',
			'',
		]);
	});
	test('a figure is its picture and caption, its name an anchor', () => {
		const out = rewrite('```{figure} img/a.png\n:name: fig-a\n:alt: Diagram\n\nThe caption.\n```');
		expect(out.text).toBe('<a id="fig-a"></a>\n\n![Diagram](<img/a.png>)\n\n\nThe caption.\n');
		expect(out.origins).toEqual([1, 1, 1, 1, 4, 5, 6]);
	});
	test('a toctree lists its pages by their titles, a hidden one nothing', () => {
		expect(rewrite('```{toctree}\n:maxdepth: 2\nguide/restore\nSecond <intro.md>\n```').text).toBe(
			'- [Restore a backup](<guide/restore.md>)\n- [Second](<intro.md>)\n\n',
		);
		expect(rewrite('```{toctree}\n:hidden:\nguide/restore\n```').text.trim()).toBe('');
	});
	test('toctree entries leave their source suffix and climb folders as Sphinx reads them', () => {
		expect(rewrite('```{toctree}\n../guide/restore.rst\n```', 'sphinx', 'guide/tabs.md').text).toBe(
			'- [Restore a backup](<restore.md>)\n\n',
		);
	});
	test('a mermaid diagram keeps its body; a closing fence after a link definition gets a blank line', () => {
		expect(rewrite('```{mermaid}\nflowchart TD\n  a --> b\n```').text).toBe(
			'```mermaid\nflowchart TD\n  a --> b\n```',
		);
		expect(rewrite('```{note}\nSee [x].\n\n[x]: https://example.org\n```').text).toBe(
			':::note\nSee [x].\n\n[x]: https://example.org\n\n:::',
		);
	});
	test('a directive Waymark cannot run: a notice and a warning, its body kept', () => {
		const out = rewrite('```{card-carousel} 2\nBody kept.\n```');
		expect(out.text).toContain('Body kept.');
		expect(out.text).toContain('*(Directive “card-carousel 2” is not shown here)*');
		expect(out.notes.map((note) => [note.line, note.severity])).toEqual([[1, 'warning']]);
		expect(out.notes[0]?.message).toContain('{card-carousel}');
	});
	test('a list-table is a table', () => {
		expect(
			rewrite('```{list-table}\n:header-rows: 1\n* - Name\n  - Role\n* - hub\n  - proxy\n```').text,
		).toContain('| Name | Role |\n| --- | --- |\n| hub | proxy |');
	});
	test('code fences are left alone, directives in them too', () => {
		const page = '````markdown\n```{note}\nx\n```\n(label)=\n````';
		expect(rewrite(page).text).toBe(page);
	});
	test('a target before a paragraph is an anchor on a line of its own', () => {
		const out = rewrite('(para)=\nA paragraph.');
		expect(out.text).toBe('<a id="para"></a>\n\nA paragraph.');
		expect(out.origins).toEqual([1, 1, 2]);
	});
});

describe('roles and the rest', () => {
	test('{ref}, {doc} and {numref} are links titled as their target', () => {
		expect(
			rewrite(
				'{ref}`backup:restore` and {ref}`again <backup:restore>` and {doc}`guide/tabs` and {numref}`Figure %s <fig-a>`',
			).text,
		).toBe(
			'[Restore a backup](<#backup:restore>) and [again](<#backup:restore>) and [Tabs](<guide/tabs.md>) and [Figure](<#fig-a>)',
		);
	});
	test('{kbd}, {sub}, {abbr}, {term} and literal roles', () => {
		expect(
			rewrite(
				'{kbd}`Ctrl+C`, H{sub}`2`O, {abbr}`SRE (site reliability)`, {term}`hub <JupyterHub>`, {code}`a`',
			).text,
		).toBe(
			'<kbd>Ctrl+C</kbd>, H<sub>2</sub>O, <abbr title="site reliability">SRE</abbr>, hub, `a`',
		);
	});
	test('{eval} needs a kernel: a notice and a warning', () => {
		const out = rewrite('Total: {eval}`n_nodes`.');
		expect(out.text).toBe('Total: *(Role “eval” n\\_nodes is not shown here)*.');
		expect(out.notes[0]?.message).toContain('execution engine');
	});
	test("{ref} to another project's label (intersphinx) is its text, with a warning", () => {
		const out = rewriteMyst(
			'See {ref}`jupyterhub:subdomains`.',
			{ path: 'index.md', pages },
			{ ...context('sphinx'), intersphinx: ['jupyterhub'] },
		);
		expect(out.text).toBe('See *subdomains*.');
		expect(out.notes[0]?.message).toContain('intersphinx_mapping');
	});
	test('a domain role is its text as code, with a warning', () => {
		const out = rewrite('See {py:class}`kubespawner.KubeSpawner`.');
		expect(out.text).toBe('See `kubespawner.KubeSpawner`.');
		expect(out.notes).toHaveLength(1);
	});
	test('roles inside code spans stay as written', () => {
		expect(rewrite('Write `` {ref}`label` `` to link.').text).toBe(
			'Write `` {ref}`label` `` to link.',
		);
	});
	test('substitutions take the project’s value, else a notice', () => {
		const out = rewrite('Version {{ version }} of {{ chart }}.');
		expect(out.text).toBe('Version 4.1 of *(Substitution “chart” is not shown here)*.');
		expect(out.notes).toHaveLength(1);
	});
	test('% comments and +++ breaks are left out', () => {
		expect(rewrite('% a comment\n+++ {"x": 1}\nText.').text).toBe('\n\nText.');
	});
	test('page titles come from front matter, else the first heading', () => {
		expect(context().titles).toMatchObject({
			'intro.md': 'Welcome',
			'guide/tabs.md': 'Tabs',
			'guide/restore.md': 'Restore a backup',
		});
	});
});

describe('blocks nested past the depth read', () => {
	test.each(['```{note}', ':::{warning}', '````{admonition} Step', '```'])(
		'%s opened thousands of times and never closed: one warning, the rest as written, no colons past the depth',
		(opener) => {
			const lines = Array.from({ length: 5000 }, (_, i) => `${opener}\nStep ${i}.`);
			const out = rewrite(`# Page\n${lines.join('\n')}\n`);
			const deep = out.notes.filter((note) => note.message.includes('16 blocks deep'));
			// A code fence opens nothing inside it: no block is ever that deep.
			expect(deep).toHaveLength(opener === '```' ? 0 : 1);
			expect(out.text.length).toBeLessThan(3 * lines.join('\n').length);
			expect(
				Math.max(...out.text.split('\n').map((line) => /^:*/.exec(line)![0].length)),
			).toBeLessThan(20);
		},
	);
});
