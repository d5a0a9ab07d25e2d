import { expect, test } from 'vitest';
import { parsePage } from '../../tree/parse-page.ts';

// remark and parse5 load on first use (`core/lazy-module.ts`); both parsers read a page alike.
const page = [
	'---',
	'title: Restart',
	'---',
	'',
	'# Restart',
	'',
	'<a name="top"></a> See [steps](#steps) and <img src="img/flow.png" alt="">.',
	'',
	'## Steps',
	'',
	'Run `systemctl restart app` at 10:30.',
	'',
].join('\n');

const summary = (parser: 'native' | 'remark') => {
	const parsed = parsePage('restart.md', page, { parser });
	return {
		title: parsed.title,
		anchors: [...parsed.anchors],
		links: parsed.links.map((l) => `${l.kind} ${l.url} ${l.position.line}:${l.position.column}`),
		inlineCode: parsed.inlineCode.map((c) => c.value),
	};
};

test.each(['native', 'remark'] as const)(
	'reads headings, raw HTML anchors and links with the %s parser',
	(parser) => {
		expect(summary(parser)).toEqual({
			title: 'Restart',
			anchors: ['restart', 'top', 'steps'],
			links: ['link #steps 7:24', 'html img/flow.png 7:54'],
			inlineCode: ['systemctl restart app'],
		});
	},
);

// Each YAML error of the front matter at the page line and column where it starts: a bracket or
// quote left open where it opens (yaml gives up at a later line), any other error where yaml says.
const frontmatterErrors = [
	{ name: 'a flow sequence left open', line: 'owner: @[platform' },
	{ name: 'a flow map left open', line: 'owner: @{team: platform' },
	{ name: 'a double quote left open', line: 'summary: @"Restart the replica' },
	{ name: 'a single quote left open', line: "summary: @'Restart the replica" },
	{ name: 'a duplicate key', line: '@title: Again' },
	{ name: 'a mapping in a compact one', line: 'owner: @dba team: x' },
];
test.each(
	frontmatterErrors.flatMap((error) =>
		[0, 1, 2].flatMap((lead) => [0, 1, 2].map((trail) => ({ ...error, lead, trail }))),
	),
)(
	'places $name in front matter at its start ($lead lines before, $trail after)',
	({ line, lead, trail }) => {
		const lines = [
			'---',
			'title: Restart',
			...['status: active', 'description: Restart it'].slice(0, lead),
			line,
			...['reviewed: 2026-01-02', 'tags: [erp]'].slice(0, trail),
			'---',
			'',
			'# Restart',
			'',
		];
		const at = lines.findIndex((l) => l.includes('@'));
		const { frontmatter } = parsePage('ops.md', lines.join('\n').replace('@', ''));
		expect(frontmatter?.errors[0]?.position).toEqual({
			line: at + 1,
			column: (lines[at] ?? '').indexOf('@') + 1,
		});
	},
);
