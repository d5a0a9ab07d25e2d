import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

// An MkDocs site with mkdocs-include-markdown-plugin, as traefik's docs use it: a box included at
// the end of many pages, a README from above the docs folder, a config file into a code block.
// A trusted build shows them; a branch under review (`--untrusted`) reads nothing outside the
// docs folder; a file that holds a secret is never shown; what cannot be shown is reported at the
// directive's line and column, and the page still publishes.

const promo =
	'!!! question "Running the edge router in production?"\n\n    Read [the upgrade guide](../upgrade.md) first.\n';
let repo: string;
beforeAll(async () => {
	repo = await writeFixture({
		'README.md': "# Edge router\n\nThe team's runbooks for the edge router.\n",
		'docs/mkdocs.yml':
			'site_name: Edge\ndocs_dir: content\nplugins:\n  - include-markdown\nmarkdown_extensions:\n  - admonition\n',
		'docs/content/index.md':
			'# Home\n\n{% include-markdown "../../README.md" start="# Edge router" %}\n',
		'docs/content/upgrade.md': '# Upgrade\n\nDrain, then upgrade.\n',
		'docs/content/setup/docker.md':
			'# Docker\n\n```yaml\n{% include "config/traefik.yml" %}\n```\n\nSee the box.\n\n{% include-markdown "includes/promo.md" %}\n\nGone: {% include-markdown "includes/gone.md" %}\n',
		'docs/content/config/traefik.yml': 'entryPoints:\n  web:\n    address: ":80"\n',
		'docs/content/includes/promo.md': promo,
		'docs/content/secrets.md': '# Secrets\n\n{% include-markdown "keys/deploy.pem" %}\n',
		'docs/content/keys/deploy.pem': `-----BEGIN RSA PRIVATE KEY-----\n${'A'.repeat(64)}\n-----END RSA PRIVATE KEY-----\n`,
	});
	// Committed: an untrusted build reads what the branch holds, so the secret is refused for what it holds, not for being untracked.
	const git = (...args: string[]) =>
		promisify(execFile)(
			'git',
			['-c', 'user.name=Ops', '-c', 'user.email=ops@example.com', ...args],
			{ cwd: repo },
		);
	await git('init', '--quiet');
	await git('add', '-A');
	await git('commit', '--quiet', '-m', 'docs');
}, 60_000);
afterAll(() => removeFixture(repo));

async function built(trust: '--trusted' | '--untrusted', route: string): Promise<string> {
	const out = `site${trust}`;
	const result = await runCli(['build', '--root', 'docs/content', '--out', out, trust], {
		cwd: repo,
	});
	expect(result.code, result.stderr).toBe(0);
	return readFile(join(repo, out, route, 'index.html'), 'utf8');
}

test('a trusted build shows the included files where the directives stand, the box a callout, its link rewritten for the page', async () => {
	const docker = await built('--trusted', 'setup/docker');
	expect(docker).toMatch(
		/<aside[^>]*callout[^>]*>[\s\S]*Running the edge router in production\?[\s\S]*<a href="\/upgrade\/">the upgrade guide<\/a>/,
	);
	// The config file in its code block, highlighted.
	expect(docker.replace(/<[^>]+>/g, '')).toContain('entryPoints:\n  web:\n    address: ":80"');
	expect(docker).not.toContain('{%');
	expect(await built('--trusted', '')).toContain(
		'The team’s runbooks for the edge router.'.replace('’', "'"),
	);
});

test('a branch under review reads nothing above the docs folder; a secret is never shown, in either', async () => {
	const home = await built('--untrusted', '');
	expect(home).not.toContain('runbooks for the edge router');
	expect(home).toContain('is not shown here');
	for (const trust of ['--trusted', '--untrusted'] as const) {
		const secrets = await built(trust, 'secrets');
		expect(secrets).not.toContain('BEGIN RSA');
		expect(secrets).toContain('is not shown here');
	}
});

test('`check` reports each directive it cannot show at its line and column', async () => {
	const result = await runCli(['check', '--root', 'docs/content', '--format', 'json'], {
		cwd: repo,
	});
	const findings = (
		JSON.parse(result.stdout) as {
			findings: Array<{ file: string; line: number; column: number; message: string }>;
		}
	).findings.filter((f) => f.message.includes('include-markdown'));
	expect(findings.map((f) => `${f.file}:${f.line}:${f.column}`).sort()).toEqual([
		'secrets.md:3:1',
		'setup/docker.md:11:7',
	]);
	expect(findings.find((f) => f.file === 'setup/docker.md')?.message).toMatch(
		/^Unexpected `\{% include-markdown "includes\/gone\.md" %\}`: not found/,
	);
});
