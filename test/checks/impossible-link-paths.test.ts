import { expect, test } from 'vitest';
import { commitAt, initRepository } from '../helpers/dated-commits.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// A link's path is looked up on disk in the tree (`.github/…`, an `.html` file the site leaves out)
// and in the repository around it. `README.md/x` (through a file) and a name longer than the file
// system takes made that lookup throw: `check` reported an internal error in place of the link rule
// and a build ended. Generated hrefs from parts that exist, do not, and cannot, in and above the
// root: each is judged, none throws.
const parts = [
	'README.md',
	'docs',
	'..',
	'.github',
	'index.md',
	'scan.html',
	'ops',
	'a'.repeat(300),
	'x',
];

test('no link path ends the checks with an internal error (200 generated links in a repository)', async () => {
	const random = seededRandom(20261125);
	const links = Array.from({ length: 200 }, (_, i) => {
		const path = Array.from({ length: 1 + pick(random, 4) }, () => pickItem(random, parts)).join(
			'/',
		);
		return `[link ${i}](${path}${random() < 0.3 ? '.md' : ''})`;
	});
	const dir = await writeFixture({
		'README.md': '# Top\n',
		'.github/README.md': '# CI\n',
		'docs/index.md': `# Home\n\n${links.join('\n\n')}\n`,
		'docs/ops/scan.html': '<p>report</p>\n',
	});
	try {
		await initRepository(dir);
		await commitAt(dir, '2026-11-25', {});
		const result = await runCli(['check', '--root', 'docs', '--format', 'json'], { cwd: dir });
		const findings = (
			JSON.parse(result.stdout) as { findings: Array<{ rule: string; message: string }> }
		).findings;
		expect(
			findings
				.filter((f) => /internal error/i.test(f.message))
				.map((f) => `${f.rule}: ${f.message}`),
		).toEqual([]);
		expect(findings.filter((f) => f.rule === 'internal-links').length).toBeGreaterThan(50);
	} finally {
		await removeFixture(dir);
	}
});
