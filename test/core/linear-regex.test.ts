import { expect, test } from 'vitest';
import { compileLinearRegex, type LinearRegex } from '../../core/linear-regex.ts';
import { costRatio } from '../helpers/growth.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';

// Exclude patterns as MkDocs projects write them (the `exclude` plugin's `regex`, anchored at the
// start as Python's `re.match` is), and file names generated from the pieces they test for.
const patterns = [
	'.*\\.(tmp|bin|tar)$',
	'.*\\.ipynb$',
	'^_.*',
	'.*/_[^/]*$',
	'drafts/.*',
	'(?i).*\\.pdf$',
	'.*README\\.md$',
	'^includes/',
	'.*/\\..*',
	'assets/js/.*\\.map$',
	'(.*/)?_[^/]*\\.md',
	'\\w+\\.bak',
	'^internal/.*$',
	'.*[0-9]{4}-[0-9]{2}.*',
	'.*\\.(?:tmp|swp)$',
	'(?P<section>drafts|wip)/.*',
	'.*\\.md\\Z',
	'[^/]+/[^/]+/.*',
	'.*(\\.|-)old\\.md$',
	'snippets?/.*',
	'.*\\u00e9\\.md$',
];
const pieces = [
	'docs',
	'drafts',
	'wip',
	'_partials',
	'includes',
	'assets',
	'js',
	'Internal',
	'README.md',
	'app.js.map',
	'a.tmp',
	'b.PDF',
	'c.ipynb',
	'2024-05-notes.md',
	'x-old.md',
	'.hidden',
	'n.bak',
	'snippet',
	'page.md',
	'é.md',
];

function* paths(count: number): Generator<string> {
	// A fixed sequence, so a failure names the same path on every run.
	const random = seededRandom(20_261_124);
	const next = (n: number) => pick(random, n);
	yield* ['assets/js/app.js.map', 'docs/_intro.md', 'internal/runbook.md'];
	for (let i = 0; i < count; i++)
		yield Array.from({ length: 1 + next(4) }, () => pieces[next(pieces.length)]).join('/');
}

const linear = (source: string, ignoreCase = false): LinearRegex => {
	const compiled = compileLinearRegex(source, { ignoreCase });
	if (!compiled.ok) throw new Error(`refused ${source}: ${compiled.reason}`);
	return compiled.regex;
};

test.each(patterns)('answers as JavaScript does for the exclude pattern %s', (pattern) => {
	const ours = linear(`^(?:${pattern})`);
	// JavaScript's own spelling of the two Python forms in the list.
	const reference = new RegExp(
		`^(?:${pattern.replace('(?i)', '').replace('(?P<', '(?<').replace('\\Z', '$')})`,
		pattern.startsWith('(?i)') ? 'i' : '',
	);
	const answers = [...paths(400)].map((path) => [path, ours.test(path)] as const);
	expect(answers).toEqual(answers.map(([path]) => [path, reference.test(path)]));
	// Each pattern both matches and misses some of the paths: the comparison can fail.
	expect(new Set(answers.map(([, matched]) => matched)).size).toBe(2);
});

test('matches a catastrophic pattern as fast as a plain one on the same text', () => {
	const regex = linear('^(?:(a+)+$)');
	expect(regex.test(`${'a'.repeat(40)}!`)).toBe(false);
	expect(regex.test('a'.repeat(40))).toBe(true);
	// JavaScript needs 2^n steps for the nested one: 40 characters take hours, 30 000 never end.
	const text = `${'a'.repeat(30_000)}!`;
	const plain = linear('^(?:a+$)');
	expect(
		costRatio(
			() => regex.test(text),
			() => plain.test(text),
		),
	).toBeLessThan(20);
});

test('refuses what RE2 cannot run in linear time, saying why', () => {
	const reasons = [
		'^(?!docs/).*',
		'(a)\\1',
		'(?P<x>a)(?P=x)',
		'x{1001}',
		'[[:alpha:]]+',
		'(?x) a b',
	].map((source) => {
		const compiled = compileLinearRegex(source);
		return compiled.ok ? `${source}: accepted` : `${source}: ${compiled.reason}`;
	});
	expect(reasons).toMatchInlineSnapshot(`
		[
		  "^(?!docs/).*: RE2 runs no lookaround (\`(?=\`, \`(?!\`, \`(?<=\`, \`(?<!\`)",
		  "(a)\\1: RE2 runs no backreference (\`\\1\`, \`(?P=name)\`)",
		  "(?P<x>a)(?P=x): RE2 runs no backreference (\`\\1\`, \`(?P=name)\`)",
		  "x{1001}: RE2 repeats at most 1000 times (\`{1000}\`)",
		  "[[:alpha:]]+: RE2 reads \`[[:alpha:]]\` as a POSIX class, where Python and JavaScript read the characters \`[:alph\`",
		  "(?x) a b: RE2 cannot read it (invalid or unsupported Perl syntax: \`(?x\`)",
		]
	`);
});
