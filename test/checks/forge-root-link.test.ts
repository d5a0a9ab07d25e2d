import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { emptyAlertSet } from '../../alerts/types.ts';
import { runRule } from '../../checks/run-rule.ts';
import internalLinks from '../../checks/rules/internal-links.ts';
import { parseConfig } from '../../config/load-config.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// On GitLab and GitHub a root-absolute `/` in a file of the repository is the repository's top,
// which shows its README: with the root in `docs/` (no README of its own), that is a link out of
// the root (a warning without `site.repoUrl`), not a link to a folder without a page.

const made: string[] = [];
afterAll(async () => {
	for (const dir of made) await removeFixture(dir);
});

test.each([
	['.gitlab-ci.yml', 'a GitLab tree'],
	['', 'a GitHub tree'],
])('`[Readme](/)` in %s (%s) reaches the repository top', async (marker) => {
	const dir = await writeFixture({
		'README.md': '# Project\n',
		...(marker && { [marker]: 'stages: [test]\n' }),
		'docs/_sidebar.md': '* [Readme](/)\n* [Setup](setup.md)\n',
		'docs/setup.md': '# Setup\n',
	});
	made.push(dir);
	execFileSync('git', ['init', '-q'], { cwd: dir });
	const tree = await loadGuidebookTree(join(dir, 'docs'));
	const findings = await runRule(
		internalLinks,
		'error',
		tree,
		parseConfig({}),
		new Set(tree.files.pages),
		{ trust: 'trusted', setAside: [], alerts: emptyAlertSet },
	);
	// Reported, as a link out of the root: a warning (an error before, as a folder without a README).
	expect(findings.map((f) => `${f.file}:${f.position?.line} ${f.severity}`)).toEqual([
		'_sidebar.md:1 warning',
	]);
});
