import { expect, test } from 'vitest';
import { globMatch } from '../../../tools/jekyll/config.ts';
import { costRatio } from '../../helpers/growth.ts';

// `exclude:` in a branch's _config.yml is matched against every page's path: as Ruby's fnmatch
// reads it, in time linear in the name whatever the pattern, and a pattern that cannot compile
// matches nothing instead of ending the read.
test.each([
	['*.md', 'notes.md', true],
	['*.md', 'ops/notes.md', false],
	['**/*.md', 'ops/deep/notes.md', true],
	['draft?', 'drafts', true],
	['[abc]*', 'beta', true],
	['[!abc]*', 'beta', false],
	['[!abc]*', 'delta', true],
	['[^abc]*', 'delta', true],
	['vendor', 'vendor', true],
	['[z-a]', 'z', false],
	['[', '[', true],
])('%s against %s: %s', (pattern, path, expected) => {
	expect(globMatch(pattern, path)).toBe(expected);
});

test('stars that would make a backtracking engine try every split cost what a plain pattern costs', () => {
	const name = 'a'.repeat(4_000);
	for (const stars of [6, 12, 24]) {
		const pattern = `${'*a'.repeat(stars)}*b`;
		expect(
			costRatio(
				() => globMatch(pattern, name),
				() => globMatch('*b', name),
			),
		).toBeLessThan(20);
	}
});
