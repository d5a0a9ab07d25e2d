import { expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';

test('refuses globs RE2 cannot run at their keys, and loads the rest', () => {
	expect(() =>
		parseConfig({
			checks: { ignore: ['drafts/**', '!(keep).md'] },
			links: {
				privateHosts: ['*.lab', '@(a|!(b)).lab'],
				rules: [{ pattern: '!(https://x/**)', skip: true }],
			},
		}),
	).toThrowErrorMatchingInlineSnapshot(`
		[ConfigInvalid: Configuration has 3 invalid keys:
		  ! checks.ignore[1]: Unexpected \`"!(keep).md"\`, expected a glob that runs in linear time (RE2 runs no lookaround, which picomatch writes for \`!(…)\`)
		  ! links.privateHosts[1]: Unexpected \`"@(a|!(b)).lab"\`, expected a glob that runs in linear time (RE2 runs no lookaround, which picomatch writes for \`!(…)\`)
		  ! links.rules[0].pattern: Unexpected \`"!(https://x/**)"\`, expected a glob that runs in linear time (RE2 runs no lookaround, which picomatch writes for \`!(…)\`)]
	`);
	const loaded = parseConfig({
		checks: { ignore: ['drafts/**', '!drafts/keep.md', '*a*a*a*a*a*b'] },
		links: {
			privateHosts: ['*.lab'],
			rules: [{ pattern: 'https://git.example.com/**', skip: true }],
		},
	});
	expect(loaded.checks.ignore).toHaveLength(3);
});
