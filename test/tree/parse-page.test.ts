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
	return { title: parsed.title, anchors: [...parsed.anchors], links: parsed.links.map((l) => `${l.kind} ${l.url} ${l.position.line}:${l.position.column}`), inlineCode: parsed.inlineCode.map((c) => c.value) };
};

test.each(['native', 'remark'] as const)('reads headings, raw HTML anchors and links with the %s parser', (parser) => {
	expect(summary(parser)).toEqual({
		title: 'Restart',
		anchors: ['restart', 'top', 'steps'],
		links: ['link #steps 7:24', 'html img/flow.png 7:54'],
		inlineCode: ['systemctl restart app'],
	});
});
