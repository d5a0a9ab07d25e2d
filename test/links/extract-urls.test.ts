import '../helpers/load-tools.ts';
import { expect, test } from 'vitest';
import { parsePage } from '../../tree/parse-page.ts';
import { extractUrls } from '../../checks/links/extract-urls.ts';

const urls = (path: string, text: string) =>
	extractUrls(parsePage(path, text)).map((o) => `${o.position.line}:${o.position.column} ${o.url}`);

test('extracts links, images and definitions, and ignores relative links and code', () => {
	const text = [
		'See [docs](https://docs.example.com/a) and ![logo](https://cdn.example.com/l.png).',
		'',
		'[ref]: https://ref.example.com/',
		'',
		'[local](../erp/ops.md) `https://code.example.com` and <https://auto.example.com>',
		'',
		'```sh',
		'curl https://fenced.example.com/',
		'```',
	].join('\n');
	expect(urls('a.md', text)).toEqual([
		'1:5 https://docs.example.com/a',
		'1:44 https://cdn.example.com/l.png',
		'3:1 https://ref.example.com/',
		'5:55 https://auto.example.com',
	]);
});

test('extracts raw-HTML href, src and every srcset candidate at their own columns', () => {
	const text =
		'<p><a href="https://a.example.com/">a</a></p>\n\n<img src="https://b.example.com/1.png" srcset="https://b.example.com/1x.png 1x, https://b.example.com/2x.png 2x">\n';
	expect(urls('a.md', text)).toEqual([
		'1:13 https://a.example.com/',
		'3:11 https://b.example.com/1.png',
		'3:48 https://b.example.com/1x.png',
		'3:81 https://b.example.com/2x.png',
	]);
});

test('takes raw-HTML URLs only from URL attributes, never from look-alikes such as data-href', () => {
	const text =
		'<div data-href="https://no.example.com/" src="https://no.example.com/2"></div>\n\n<video poster="https://p.example.com/p.png"></video>\n';
	expect(urls('a.md', text)).toEqual(['3:16 https://p.example.com/p.png']);
});

test('extracts URL-valued JSX props in MDX pages, outside code', () => {
	const text =
		'import Card from \'./Card.astro\';\n\n<Card title="x" link={"https://jsx.example.com/a"} docs=\'https://jsx.example.com/b\' />\n\n`<Card link="https://inline.example.com" />`\n';
	expect(urls('a.mdx', text)).toEqual([
		'3:24 https://jsx.example.com/a',
		'3:58 https://jsx.example.com/b',
	]);
});

test('names the file’s lines and columns on a Docusaurus `.mdx` page whose rewrite sets tag lines apart and moves tab content left, each URL once', () => {
	const text = [
		'# Install',
		'<details>',
		'<Card link="https://card.example.com/" />',
		'</details>',
		'<Tabs>',
		'  <TabItem value="linux" label="Linux">',
		'    See [the guide](https://guide.example.com/) and <a href="https://a.example.com/">a</a>.',
		'  </TabItem>',
		'</Tabs>',
		'',
	].join('\n');
	const page = parsePage('install.mdx', text, { dialect: 'docusaurus' });
	// The rewrite moved lines and columns: the page is read on other lines than the file's.
	expect(page.sourceLines).toBeDefined();
	expect(page.sourceColumns).toBeDefined();
	expect(extractUrls(page).map((o) => `${o.position.line}:${o.position.column} ${o.url}`)).toEqual([
		'3:13 https://card.example.com/',
		'7:9 https://guide.example.com/',
		'7:62 https://a.example.com/',
	]);
});

test("a URL on a line pasted from another file is at that file's line, one finding naming every page that pastes it", async () => {
	const { collectTargets } = await import('../../checks/links/collect-targets.ts');
	const { groupFindings } = await import('../../checks/links/group-findings.ts');
	const { parseConfig } = await import('../../config/load-config.ts');
	const { formatFinding } = await import('../../checks/finding.ts');
	// As a rewrite leaves a page that pasted line `fileLine` of `parts/drain.md` at its line `at`, two columns in.
	const pasting = (path: string, at: number, fileLine: number) => {
		const lines = ['# Restart', '', 'Intro.', '', '', '', '', '', 'Done.'];
		lines[at - 1] = '  Read [the vendor notes](https://vendor.example.com/gone) first.';
		const page = parsePage(path, lines.join('\n'));
		page.pasted = [{ at, count: 1, file: 'parts/drain.md', line: fileLine, shift: 2 }];
		return page;
	};
	const occurrences = [
		...extractUrls(pasting('ops/restart.md', 7, 5)),
		...extractUrls(pasting('db/failover.md', 6, 4)),
	];
	expect(occurrences.map((o) => [o.file, o.position.line, o.position.column, o.including])).toEqual(
		[
			['parts/drain.md', 5, 6, { page: 'ops/restart.md', line: 7 }],
			['parts/drain.md', 4, 6, { page: 'db/failover.md', line: 6 }],
		],
	);
	const [target] = collectTargets(occurrences);
	const dead = { kind: 'dead' as const, observed: 'HTTP 410', expected: 'HTTP 2xx' };
	const findings = groupFindings(
		[{ target: target!, outcome: dead, fragments: {} }],
		parseConfig({}).links,
	);
	expect(findings.map(formatFinding)).toEqual([
		expect.stringMatching(
			/^parts\/drain\.md:5:6: .*\(also at parts\/drain\.md:4:6\) \(in ops\/restart\.md, included at line 7\) \(external-links\)$/,
		),
	]);
	// The same pasted line from two pages is one place, naming both.
	const same = [
		...extractUrls(pasting('ops/restart.md', 7, 5)),
		...extractUrls(pasting('ops/upgrade.md', 7, 5)),
	];
	const [one] = collectTargets(same);
	expect(
		groupFindings([{ target: one!, outcome: dead, fragments: {} }], parseConfig({}).links).map(
			formatFinding,
		),
	).toEqual([
		expect.stringMatching(
			/^parts\/drain\.md:5:6: .* \(in ops\/restart\.md, included at line 7; also included by ops\/upgrade\.md:7\) \(external-links\)$/,
		),
	]);
});
