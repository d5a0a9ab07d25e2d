import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

// A Hugo root that is one version of a site's content (crossplane's `content/v2.3`): its `ref`s
// reach the rest of the content, the CLI's docs and older versions, as Hugo looks them up. They
// were reported missing, and in code as Hugo's REF_NOT_FOUND. `test/tree/hugo-ref-beyond-root.test.ts`
// generates the forms; this runs `waymark check` on a repository as a user would.

const refs = [
	{ ref: '/cli/v2', ok: true },
	{ ref: '/cli/v2/#install', ok: true },
	{ ref: '../../v1/concepts/connection-details', ok: true },
	{ ref: '/v2/guides/other', ok: true },
	{ ref: 'connection-details', ok: true },
	{ ref: './gone', ok: false },
	// Typos Hugo stops on (REF_NOT_FOUND): by name, from the content's top, into another version.
	{ ref: 'conection-details', ok: false },
	{ ref: '/cli/v9', ok: false },
	{ ref: '../../v1/concepts/gone', ok: false },
];

let repo: string;
beforeAll(async () => {
	repo = await writeFixture({
		'hugo.yaml': 'title: Fleet\n',
		// Pages outside the root are the forge's to show (without it, a warning says so).
		'waymark.config.yaml': 'site:\n  repoUrl: https://github.com/acme/fleet-docs\n',
		'content/cli/v2/_index.md': '---\ntitle: CLI\n---\n\n## Install\n\nDownload it.\n',
		'content/v1/concepts/connection-details.md':
			'---\ntitle: Connection details\n---\n\nOld ways.\n',
		'content/v2/_index.md': '---\ntitle: Fleet v2\n---\n\n[Guide](guides/setup.md)\n',
		'content/v2/guides/other.md': '---\ntitle: Other\n---\n\nMore.\n',
		'content/v2/guides/setup.md': `---\ntitle: Setup\n---\n\n${refs.map(({ ref }) => `- [link]({{<ref "${ref}">}})`).join('\n')}\n\nIn code: \`{{<ref "/cli/v2">}}\` and \`{{<ref "/cli/v9">}}\`\n`,
	});
	await promisify(execFile)('git', ['init', '--quiet', repo]);
	await promisify(execFile)('git', ['-C', repo, 'add', '.']);
});
afterAll(() => removeFixture(repo));

test('refs to the content outside the root are found there; a ref the root lacks is still an error at its line', async () => {
	const result = await runCli(['check', '--root', 'content/v2', '--format', 'json'], {
		cwd: repo,
		timeoutMs: 60_000,
	});
	const findings = (
		JSON.parse(result.stdout) as {
			findings: Array<{ rule: string; file: string; line: number; message: string }>;
		}
	).findings.filter((f) => f.file.endsWith('setup.md') && f.rule !== 'stale-page');
	const firstLine = 5;
	for (const [i, { ref, ok }] of refs.entries()) {
		const at = findings
			.filter((f) => f.line === firstLine + i)
			.map((f) => `${f.rule}: ${f.message}`);
		if (ok) expect(at, ref).toEqual([]);
		else expect(at, ref).toEqual([expect.stringMatching(/^internal-links: Unexpected link/)]);
	}
	// In code Hugo prints the page's URL: REF_NOT_FOUND only for the page it does not find.
	expect(
		findings.filter((f) => f.line === firstLine + refs.length + 1).map((f) => f.message),
	).toEqual([expect.stringMatching(/`ref "\/cli\/v9"`.*REF_NOT_FOUND/)]);
	expect(result.code).toBe(1);
}, 120_000);
