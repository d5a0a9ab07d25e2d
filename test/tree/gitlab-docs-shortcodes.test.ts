import '../helpers/load-tools.ts';
import { afterAll, describe, expect, test } from 'vitest';
import { rewriteAs } from '../helpers/tool-reading.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { pickItem, seededRandom, type Random } from '../helpers/seeded-random.ts';

const made: string[] = [];
afterAll(async () => {
	for (const dir of made) await removeFixture(dir);
});

const rewrite = (text: string, dialect: 'gitlab' | 'github' | 'hugo' = 'gitlab') =>
	rewriteAs(text, { dialect, path: 'settings/redis.md', pages: new Set(['settings/redis.md']) });

// docs.gitlab.com's shortcodes, as GitLab's docs write them.
const wrappers = [
	'alert type="note"',
	'alert type="warning"',
	'alert type="flag"',
	'alert type="disclaimer"',
	'details',
	'history',
	'cards',
];
const inline = [
	'{{< yes >}}',
	'{{< no >}}',
	'{{< icon name="pencil" >}}',
	'{{< icon name="dotted-circle" >}}',
];

/** A block of GitLab docs: paragraphs with inline shortcodes, wrappers (tabs holding tabs) nested up to `depth`. */
function block(random: Random, depth: number): string[] {
	const lines = [
		`Select **Edit** (${pickItem(random, inline)}) or see the table: | x | ${pickItem(random, inline)} |`,
		'',
	];
	if (depth === 0) return lines;
	const inner = () => block(random, depth - 1);
	if (random() < 0.3) {
		const tabs = ['{{< tabs >}}', ''];
		for (let i = 0; i < 1 + Math.floor(random() * 3); i++)
			tabs.push(`{{< tab title="Tab ${i}" >}}`, '', ...inner(), `{{< /tab >}}`, '');
		return [...lines, ...tabs, '{{< /tabs >}}', ''];
	}
	const wrapper = pickItem(random, wrappers);
	return [...lines, `{{< ${wrapper} >}}`, '', ...inner(), `{{< /${wrapper.split(' ')[0]} >}}`, ''];
}

describe('a GitLab tree written for docs.gitlab.com', () => {
	test('renders every shortcode of that site, nested any way, keeping each line where it was', () => {
		const random = seededRandom(27_04);
		for (let n = 0; n < 200; n++) {
			const source = ['# Page', '', ...block(random, 1 + Math.floor(random() * 3))].join('\n');
			const { text, notes } = rewrite(source);
			expect(text, source).not.toMatch(/\{\{[<%]/);
			expect(notes, source).toEqual([]);
			expect(text.split('\n').length).toBe(source.split('\n').length);
		}
	});

	test('draws them as the site does: callouts, the availability box, a collapsed history, one titled panel per tab, words for icons', () => {
		const source =
			'{{< details >}}\n\n- Tier: Free\n\n{{< /details >}}\n\n{{< history >}}\n\n- Introduced in 18.9.\n\n{{< /history >}}\n\n{{< alert type="flag" >}}\n\nFlagged.\n\n{{< /alert >}}\n\n{{< tabs >}}\n\n{{< tab title="Debian/Ubuntu" >}}\n\nRun it.\n\n{{< /tab >}}\n\n{{< /tabs >}}\n\n| Backups | {{< yes >}} | {{< no >}} | {{< icon name="dotted-circle" >}} |\n';
		expect(rewrite(source).text).toMatchInlineSnapshot(`
			":::info{notitle}

			- Tier: Free

			:::

			:::note[History]{collapse=closed}

			- Introduced in 18.9.

			:::

			:::note[Feature flag]

			Flagged.

			:::



			:::note[Debian/Ubuntu]{collapse=open}

			Run it.

			:::



			| Backups | Yes | No | dotted circle |
			"
		`);
	});

	test('still reports a shortcode that site does not define, and leaves a GitHub tree as written', () => {
		const source =
			'Versions: {{< maintained-versions >}}\n\n{{< details >}}\n\nText.\n\n{{< /details >}}\n';
		expect(rewrite(source).notes.map((note) => note.message)).toEqual([
			'Unexpected Hugo shortcode `maintained-versions`, expected Markdown: Waymark cannot render it and shows a notice in its place',
		]);
		expect(rewrite(source, 'github').text).toBe(source);
		// A Hugo site's own `details` stays hugo-book's disclosure.
		expect(rewrite(source, 'hugo').text).toContain(':::note{collapse=closed}');
	});
});

describe('which trees are written for docs.gitlab.com', () => {
	// gitlab-runner's docs: many `_index.md` and shortcode pages outweigh `.gitlab-ci.yml`, so the tree reads as Hugo.
	const pages = Object.fromEntries(
		Array.from({ length: 4 }, (_, i) => [
			`docs/s${i}/_index.md`,
			`# S${i}\n\n{{< details >}}\n\n- Tier: Free\n\n{{< /details >}}\n\nSelect {{< icon name="pencil" >}}.\n`,
		]),
	);

	test.each([
		[
			'a GitLab project read as Hugo, with no Hugo config of its own',
			{ '.gitlab-ci.yml': 'stages: [test]\n' },
			true,
		],
		[
			'a Hugo site that happens to live in a GitLab project',
			{ '.gitlab-ci.yml': 'stages: [test]\n', 'hugo.toml': 'title = "Ops"\ncontentDir = "docs"\n' },
			false,
		],
		['a Hugo tree outside any GitLab project', {}, false],
	])('%s', async (_, around, gitlabDocs) => {
		const dir = await writeFixture({ '.git/HEAD': 'ref: refs/heads/main\n', ...around, ...pages });
		made.push(dir);
		const tree = await loadGuidebookTree(`${dir}/docs`);
		expect(tree.dialect.name).toBe('hugo');
		const notes = [...tree.pages.values()].flatMap((page) =>
			page.dialectNotes.map((note) => note.message),
		);
		// docs.gitlab.com's `icon` is drawn; any other Hugo site's is a shortcode Waymark does not know.
		expect(notes.some((message) => message.includes('`icon`'))).toBe(!gitlabDocs);
	});
});
