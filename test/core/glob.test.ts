import { expect, test } from 'vitest';
import { compileGlobs } from '../../core/glob.ts';

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
	['a URL prefix with `**`', 'https://git.example.com/**', 'https://git.example.com/org/repo/issues?q=1', 0],
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
