import type { Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { expect, test } from 'vitest';
import type { CheckReport } from '../../checks/engine.ts';
import { formatFinding, type Finding } from '../../checks/finding.ts';
import type { ProbeResult } from '../../checks/probes/types.ts';
import { reporters } from '../../checks/report/index.ts';
import type { ReportContext } from '../../checks/report/reporter.ts';
import {
	markdownDestination,
	markdownText,
	terminalLines,
	terminalText,
} from '../../core/escape.ts';
import { changedPagesMarkdown } from '../../preview/comment.ts';
import { growthRatio } from '../helpers/growth.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// A finding quotes what the branch wrote (a link target, a value, a file name), and every format
// carries it somewhere trusted: the CI log, where a line starting `::` is a workflow command, and
// the bot's pull-request comment, where Markdown becomes links, images and mentions. Messages,
// file names and probe fields are generated from the pieces such text is made of, and each format
// is read back the way its reader reads it.
const random = seededRandom(20261126);
const pieces = [
	'`',
	'``',
	'```',
	' ',
	'ops',
	'x',
	'\\',
	'|',
	'*',
	'_',
	'~~',
	'&amp;',
	'$x$',
	'](',
	'[^1]',
	'[a](https://evil.example/a)',
	'![i](https://evil.example/i.png)',
	'<img src=x onerror=alert(1)>',
	'<b>',
	'<https://evil.example>',
	'https://evil.example/p',
	'(https://evil.example)',
	'www.evil.example',
	'a@evil.example',
	'@octocat',
	'#12',
	'GH-7',
	'org/repo#3',
	'a)(www.evil.example',
	')',
	'(',
	'\n::error file=x.md::forged',
	'\r\n::add-mask::x',
	'::warning::',
	'##[error]',
	'\u001b[2K',
	'\u001b]8;;https://evil.example\u0007',
	'\u202e',
	'\u2028',
	'\u0000',
	'\t',
];
const hostile = (min = 1): string =>
	Array.from({ length: min + pick(random, 6) }, () => pickItem(random, pieces)).join('');
/** How rules write messages: their own words around quoted text. */
const message = (): string =>
	pickItem(random, [
		() => `Unexpected link to missing file \`${hostile()}\`, expected an existing file`,
		() => `Unexpected \`${hostile()}\` for \`status\`, expected one of \`active\`, \`draft\``,
		() => hostile(2),
	])();
const finding = (file: string): Finding => ({
	ruleId: pickItem(random, ['internal-links', 'frontmatter', 'probe-failed']),
	severity: pickItem(random, ['error', 'warning'] as const),
	file,
	position: { line: 1 + pick(random, 90), column: 1 + pick(random, 9) },
	message: message(),
});
const probe = (file: string): ProbeResult => ({
	id: hostile(),
	kind: 'http',
	target: hostile(),
	state: pickItem(random, ['up', 'down', 'degraded', 'unknown'] as const),
	ok: false,
	latencyMs: null,
	observed: {},
	message: message(),
	file,
	line: 3,
	checkedAt: '2026-11-26T08:00:00Z',
});

function generatedReport(): CheckReport {
	const files = [`${hostile()}.md`, 'ops/disk.md'];
	const findings = Array.from({ length: 1 + pick(random, 4) }, () =>
		finding(pickItem(random, files)),
	);
	const probes = Array.from({ length: pick(random, 3) }, () => probe(pickItem(random, files)));
	return {
		version: 1,
		findings,
		checked: files,
		summary: { errors: 1, warnings: 1, files: files.length },
		probes,
	} as unknown as CheckReport;
}

const context = (color: boolean): ReportContext => ({
	root: '/repo',
	cwd: '/repo',
	color,
	rules: [],
});
const unprintable =
	// eslint-disable-next-line no-control-regex -- looking for them is the point
	/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** What a line in a CI log must never be: a workflow command it did not mean. */
const forged = (line: string): boolean => /^\s*::/.test(line) || line.includes('##[');
// eslint-disable-next-line no-control-regex -- the reporter's own colours
const colours = /\u001b\[\d+m/g;

const reports = Array.from({ length: 200 }, generatedReport);

test('no finding or probe starts a line of its own, a workflow command or an escape in the terminal and the CI log', () => {
	for (const report of reports) {
		for (const color of [false, true]) {
			const text = reporters.pretty(report, context(color));
			// Only the reporter's own colours reach the terminal.
			const shown = color ? text.replace(colours, '') : text;
			expect(shown, text).not.toMatch(unprintable);
			expect(text.split('\n').filter(forged), text).toEqual([]);
			const rows = text
				.split('\n')
				.filter((line) => /^ {2}\S*\s+(error|warning)\b/.test(line.replace(colours, '')));
			expect(rows, text).toHaveLength(report.findings.length);
		}
		for (const f of report.findings)
			expect(forged(formatFinding(f)) || unprintable.test(formatFinding(f))).toBe(false);
		// Every format may go to stdout in CI: only the annotations' own lines are commands.
		for (const [format, reporter] of Object.entries(reporters)) {
			if (format === 'github') continue;
			const text = reporter(report, context(false));
			expect(text.split('\n').filter(forged), `${format}\n${text}`).toEqual([]);
		}
		// Workflow commands: one per finding and unknown probe, each its own.
		const annotations = reporters.github(report, context(false)).trimEnd().split('\n');
		expect(annotations).toHaveLength(
			report.findings.length + (report.probes ?? []).filter((p) => p.state === 'unknown').length,
		);
		for (const line of annotations) expect(line).toMatch(/^::(error|warning|notice) file=/);
		// JSON keeps the text exactly.
		expect(
			(JSON.parse(reporters.json(report, context(false))) as CheckReport).findings.map(
				(f) => f.message,
			),
		).toEqual(report.findings.map((f) => f.message));
	}
});

const parse = (text: string): Root => unified().use(remarkParse).use(remarkGfm).parse(text);
/** What the reader sees of a node, code included. */
const visible = (node: RootContent | Root): string => {
	let text = '';
	visit(node, (n) => {
		if (n.type === 'text' || n.type === 'inlineCode') text += n.value;
	});
	return text;
};
/** Markup a branch's text must not make: anything but text and code. */
function markupIn(tree: Root): string[] {
	const found: string[] = [];
	visit(tree, (node) => {
		if (node.type === 'link' && !node.url.startsWith('https://preview.example/pr-7/'))
			found.push(`link ${node.url}`);
		if (
			[
				'image',
				'html',
				'linkReference',
				'imageReference',
				'footnoteReference',
				'emphasis',
				'delete',
				'inlineMath',
			].includes(node.type)
		)
			found.push(node.type);
		// GitHub links these after rendering: they may only appear in code.
		if (node.type === 'text' && /@|#\d|\bGH-\d|:\/\/|www\./.test(node.value))
			found.push(`linked text ${node.value}`);
	});
	return found;
}
/** Text as compared: control characters and their shown escapes, spaces and backticks left out. */
const bare = (text: string): string =>
	text
		.replaceAll('##[', '#[')
		.replace(/\\x[\da-f]{2}|\\u[\da-f]{4}|\\[nrt]/g, '')
		.replace(new RegExp(unprintable.source, 'g'), '')
		.replace(/[\s`]/g, '');

test('in the Markdown report and the pull-request comment a finding is text and code only, and shows all it says', () => {
	for (const report of reports) {
		const text = reporters.markdown(report, context(false));
		const tree = parse(text);
		expect(markupIn(tree), text).toEqual([]);
		const items: RootContent[] = [];
		visit(tree, 'listItem', (item) => void items.push(item));
		expect(items).toHaveLength(report.findings.length);
		const shown = items.map((item) => bare(visible(item)));
		for (const f of report.findings)
			expect(
				shown.some((s) => s.includes(bare(f.message))),
				`${f.message}\n${text}`,
			).toBe(true);

		const drift = report.findings.map((f) => ({ ...f, ruleId: 'probe-failed' }));
		// Routes as the page names make them; `hrefForRoute` leaves parentheses as they are.
		const comment = changedPagesMarkdown(
			{
				ref: hostile(),
				commit: 'abc',
				changes: report.checked.map((path) => ({
					status: 'changed' as const,
					path,
					route: `/${path.replace(/\.md$/, '')}/`,
					through: [hostile()],
				})),
				others: [hostile()],
			},
			{ ...report, findings: drift },
			'https://preview.example/pr-7/',
		);
		expect(markupIn(parse(comment)), comment).toEqual([]);
	}
});

test('escapes in time linear in the text', () => {
	// A word of letters, backslashes or backticks a page could hold, at 10,000 and 80,000 characters.
	for (const unit of ['a', '\\', '`', 'a`', '|\\', '#', ':']) {
		// CPU time, fastest of several tries (`growthRatio`), not a wall clock a GC pause or another
		// process's turn can stretch: linear work about 8 times the time, quadratic about 64.
		const escape = (n: number) => {
			const text = unit.repeat(n / unit.length);
			for (const place of ['cell', 'line'] as const) markdownText(text, place);
			terminalLines(text);
		};
		expect(growthRatio(escape, 10_000, 80_000), unit).toBeLessThan(16);
	}
});

test('escapes as the readers read them, for a few cases by hand', () => {
	expect(terminalText('a\n::error file=x::y \u001b[31m')).toBe('a\\n::error file=x::y \\x1b[31m');
	expect(terminalText('  ::warning::x')).toBe('  \\x3a:warning::x');
	expect(terminalLines('one\n::error::two')).toBe('one\n\\x3a:error::two');
	expect(markdownText('Unexpected `a`b` at [x](https://e.example) @me #4 *y*', 'line')).toBe(
		'Unexpected `a`b\\` at `[x](https://e.example)` `@me` `#4` \\*y\\*',
	);
	expect(markdownText('`x|y` | z')).toBe('`x\\|y` \\| z');
	expect(markdownDestination('https://p.example/a)(www.x/')).toBe(
		'https://p.example/a%29%28www.x/',
	);
	expect(terminalLines('\u001b[33mok\u001b[8mhidden\u001b[08m', { colours: true })).toBe(
		'\u001b[33mok\\x1b[8mhidden\\x1b[08m',
	);
});
