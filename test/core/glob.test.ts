import picomatch from 'picomatch';
import { expect, test } from 'vitest';
import { compileGlobs, globProblem } from '../../core/glob.ts';
import { costRatio } from '../helpers/growth.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';

test.each([
	['`**` crosses folders', ['drafts/**'], 'drafts/a/b.md', 0],
	['`*` stays inside one folder', ['drafts/*'], 'drafts/a/b.md', -1],
	['`*` matches within a folder', ['drafts/*'], 'drafts/b.md', 0],
	['dot names like any other', ['drafts/**'], 'drafts/.wip.md', 0],
	['braces', ['{old,retired}/**'], 'retired/x.md', 0],
	['the first matching pattern', ['a/**', '**/*.md'], 'b/c.md', 1],
	['paths in their own case', ['Drafts/**'], 'drafts/a.md', -1],
])('matches paths: %s', (_name, patterns, text, index) => {
	expect(compileGlobs(patterns).indexOf(text)).toBe(index);
});

test.each([
	[
		'a URL prefix with `**`',
		'https://git.example.com/**',
		'https://git.example.com/org/repo/issues?q=1',
		0,
	],
	['one segment with `*`', 'https://git.example.com/*', 'https://git.example.com/org/repo', -1],
	['a host in any case', 'https://git.example.com/**', 'https://GIT.Example.com/org', 0],
	['a host glob over several labels', '*.lab', 'erp.db.example.lab', 0],
	['not the bare suffix', '*.lab', 'lab', -1],
])('matches URLs and hosts (nocase): %s', (_name, pattern, text, index) => {
	expect(compileGlobs([pattern], { nocase: true }).indexOf(text)).toBe(index);
});

test('compiles one list once and reuses it', () => {
	const patterns = ['a/**'];
	expect(compileGlobs(patterns)).toBe(compileGlobs(patterns));
	expect(compileGlobs(patterns, { nocase: true })).not.toBe(compileGlobs(patterns));
});

// Globs as configs write them (`checks.ignore`, `exclude_docs`, link rules), each against paths
// generated from the names they test for: RE2 must answer as picomatch's own matcher does.
const globs = [
	'drafts/**',
	'**/*.md',
	'*.md',
	'a/*/b',
	'**',
	'x?.md',
	'[abc].md',
	'{a,b}/**',
	'+(a|b).md',
	'@(a|b)',
	'*(a)',
	'?(a)',
	'**/README.md',
	'[[:alpha:]]*',
	'a/**/b',
	'.github/**',
	'*.{md,mdx}',
	'!drafts/**',
	'foo\\*bar',
	'**/_*',
	'a/b',
	'**/drafts/**',
	'[!a]*.md',
	'*.[mM][dD]',
	'a/{b,c}/*.md',
	'{1..3}.md',
	'ops/**/*.md',
	'**/.*',
	'_*/**',
];
const names = [
	'a',
	'b',
	'c',
	'drafts',
	'.github',
	'README.md',
	'x1.md',
	'ops',
	'_tmp',
	'aa.md',
	'b.MD',
	'foo*bar',
	'ab.md',
	'.hidden.md',
	'2.md',
	'a.mdx',
	'foobar',
];

function* paths(count: number): Generator<string> {
	const random = seededRandom(20_261_124);
	const next = (n: number) => pick(random, n);
	for (let i = 0; i < count; i++)
		yield Array.from({ length: 1 + next(4) }, () => names[next(names.length)]).join('/');
}

test.each(globs)('answers as picomatch does for %s', (glob) => {
	const reference = picomatch(glob, { dot: true });
	const ours = compileGlobs([glob]);
	const answers = [...paths(600)].map((path) => [path, ours.indexOf(path) === 0] as const);
	expect(answers).toEqual(answers.map(([path]) => [path, reference(path)]));
});

test('matches a glob that makes JavaScript backtrack as fast as a plain one on the same name', () => {
	const name = 'a'.repeat(3_000);
	const stars = compileGlobs(['*a*a*a*a*a*a*a*a*a*a*a*a*b']);
	const plain = compileGlobs(['*b']);
	expect([stars.indexOf(name), stars.indexOf(`${name}b`)]).toEqual([-1, 0]);
	// picomatch's own regex takes longer than the test runs for on 60 characters.
	expect(
		costRatio(
			() => stars.indexOf(name),
			() => plain.indexOf(name),
		),
	).toBeLessThan(20);
});

test('matches nothing with a glob RE2 cannot run, and says why', () => {
	expect(compileGlobs(['!(draft).md']).indexOf('ops.md')).toBe(-1);
	expect([globProblem('!(draft).md'), globProblem('drafts/**'), globProblem('!drafts/**')]).toEqual(
		['RE2 runs no lookaround, which picomatch writes for `!(…)`', undefined, undefined],
	);
});
