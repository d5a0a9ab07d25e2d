import { expect, test } from 'vitest';
import internalLinks from '../../checks/rules/internal-links.ts';
import { runExample } from './run-example.ts';

// MkDocs rewrites links to files; any other link is a URL, which the browser resolves against the
// page's folder URL (`use_directory_urls`, the default): `../gitlab/` from `cicd/intro.md` is
// `/cicd/gitlab/`, and `./#x` is the page itself, never its folder.

test.each([
	['../gitlab/', 'cicd/intro.md', []],
	['./#registration', 'plugins/macvtap.md', []],
	['../passt/#setup', 'plugins/macvtap.md', []],
	['./', 'plugins/macvtap.md', []],
	['../no-such-page/', 'cicd/intro.md', ['error']],
] as const)('`%s` from %s', async (href, from, severities) => {
	const files = {
		'mkdocs.yml': 'site_name: Ops\ndocs_dir: .\n',
		'index.md': '# Home\n',
		'cicd/gitlab.md': '# GitLab\n',
		'plugins/passt.md': '# Passt\n\n## Setup\n',
		'plugins/macvtap.md': '# Macvtap\n\n## Registration\n',
		'cicd/intro.md': '# Intro\n',
	} as Record<string, string>;
	files[from] = `${files[from] ?? ''}\nSee [there](${href}).\n`;
	const findings = (await runExample(internalLinks, files)).filter((f) => f.file === from);
	expect(findings.map((f) => f.severity)).toEqual(severities);
});
