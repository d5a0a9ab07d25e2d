import { expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

test('check --untrusted names an exclude regex RE2 cannot run at its line in mkdocs.yml, applies the others and checks the rest', async () => {
	// A backreference: RE2 refuses it rather than backtrack. `old/.*` beside it still applies.
	const project = await writeFixture({
		'mkdocs.yml':
			"site_name: Ops\nplugins:\n  - exclude:\n      regex:\n        - 'old/.*'\n        - '(\\w+)-\\1\\.md'\n",
		'docs/index.md': '# Home\n\n[Twin](a-a.md)\n',
		// Checked, since the refused pattern is not applied: its broken link is reported.
		'docs/a-a.md': '# Twin\n\n[Gone](gone.md)\n',
		// Left out by the pattern that applies: its broken link is not.
		'docs/old/x.md': '# Old\n\n[Gone](gone.md)\n',
	});
	try {
		const result = await runCli(['check', '--root', 'docs', '--untrusted'], {
			cwd: project,
			timeoutMs: 60_000,
		});
		// No stack trace, and the run reached its dialect line (a positive control for stderr).
		expect(result.stderr).toMatch(/^Reading docs\/ as a MkDocs tree/m);
		expect(result.stderr).not.toMatch(/at .*\.ts:\d+|TypeError|RangeError/);
		expect(result.code).toBe(1);
		expect(result.stdout).toMatchInlineSnapshot(`
			"mkdocs.yml
			  6:11  warning  Unexpected pattern \`(\\w+)-\\1\\.md\` in the \`exclude\` plugin, expected one RE2 runs in linear time (RE2 runs no backreference (\`\\1\`, \`(?P=name)\`)); Waymark does not apply it, so the files it would leave out are checked and published  dialect-syntax

			docs/a-a.md
			  3:1  error    Unexpected link to missing file \`gone.md\`, expected an existing file  internal-links

			✖ 1 error, 1 warning in 3 files checked
			"
		`);
	} finally {
		await removeFixture(project);
	}
}, 90_000);
