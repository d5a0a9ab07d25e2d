import { access, chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../config/load-config.ts';
import { checkTree } from '../helpers/check-tree.ts';
import { formatFinding } from '../../checks/finding.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

// A config a pull request could carry: its "browser" is a script that leaves a marker when run.
const tool = (marker: string) => `#!/bin/sh\ntouch "${marker}"\nexit 1\n`;

let project: string;

beforeAll(async () => {
	project = await writeFixture({
		'waymark.config.yaml': 'diagrams:\n  chromium: ./tools/x.sh\n  cacheDir: ./diagram-cache\n',
		'guidebooks/README.md': '# Home\n\n[Restart](restart.mdx)\n',
		'guidebooks/restart.mdx':
			"# Restart\n\nimport {x} from './x.js'\n\nToken: {process.env.SECRET_TOKEN}\n",
	});
});

afterAll(async () => {
	await removeFixture(project);
});

const findingsOf = async (trust: 'trusted' | 'untrusted') => {
	const loaded = await loadConfig({ cwd: project, trust });
	const report = await checkTree({
		root: loaded.root,
		config: loaded.config,
		trust,
		setAside: { ...(loaded.file && { configFile: loaded.file }), settings: loaded.setAside },
		only: ['untrusted-content'],
	});
	return report.findings.map(formatFinding);
};

describe('untrusted-content', () => {
	test('reports what an untrusted tree may not do, in the config and in MDX pages, at their lines', async () => {
		expect(await findingsOf('untrusted')).toEqual([
			`../waymark.config.yaml:2:3: Unexpected \`diagrams.chromium\` in an untrusted tree's config: it names a program (\`${join(project, 'tools/x.sh')}\`), which an untrusted tree may not choose; Chromium comes from \`WAYMARK_CHROMIUM\` or the installation (untrusted-content)`,
			// The diagram cache is Waymark's state: the branch's config may not place it.
			expect.stringMatching(
				new RegExp(
					`^\\.\\./waymark\\.config\\.yaml:3:3: Unexpected \`diagrams\\.cacheDir\` in an untrusted tree's config: it places Waymark's state \\(\`${RegExp.escape(join(project, 'diagram-cache'))}\`\\), which a branch under review may not choose: .* its state lives outside the tree \\(\`[^\`]+/diagrams\`\\) \\(untrusted-content\\)$`,
				),
			),
			"restart.mdx:3:1: Unexpected MDX import `import {x} from './x.js'`, expected Markdown: an untrusted tree's MDX never runs, the page leaves it out; it runs once the branch is merged and built as trusted (untrusted-content)",
			"restart.mdx:5:8: Unexpected MDX expression `{process.env.SECRET_TOKEN}`, expected Markdown: an untrusted tree's MDX never runs, the page shows a notice in its place; it runs once the branch is merged and built as trusted (untrusted-content)",
		]);
	});

	test('reports nothing for a trusted tree', async () => {
		expect(await findingsOf('trusted')).toEqual([]);
	});

	test('refuses to run probes for an untrusted tree', async () => {
		const loaded = await loadConfig({ cwd: project, trust: 'untrusted' });
		await expect(
			checkTree({ root: loaded.root, config: loaded.config, trust: 'untrusted', live: true }),
		).rejects.toThrow('`--live` runs the probes the pages declare, and this tree is untrusted');
	});
});

describe('the command line', () => {
	test('never runs a program an untrusted config names, and runs it for a trusted one', async () => {
		const diagram = `# Home\n\n[Restart](restart.mdx)\n\n\`\`\`mermaid\nflowchart LR\n  A${Date.now()} --> B\n\`\`\`\n`;
		const tree = await writeFixture({
			'waymark.config.yaml': 'diagrams:\n  chromium: ./tools/x.sh\n  cacheDir: ./diagram-cache\n',
			'guidebooks/README.md': diagram,
			'guidebooks/restart.mdx': '# Restart\n',
		});
		try {
			const untrustedMarker = join(tree, 'ran-untrusted');
			await mkdir(join(tree, 'tools'));
			await writeFile(join(tree, 'tools/x.sh'), tool(untrustedMarker));
			await chmod(join(tree, 'tools/x.sh'), 0o755);
			const untrusted = await runCli(['check', '--untrusted'], {
				cwd: tree,
				env: { WAYMARK_CHROMIUM: '/nonexistent' },
			});
			expect(untrusted.stdout).toContain('Unexpected `diagrams.chromium` in an untrusted tree');
			await expect(access(untrustedMarker)).rejects.toThrow();
			// Positive control: the same config, trusted, does run it.
			const trustedMarker = join(tree, 'ran-trusted');
			await writeFile(join(tree, 'tools/x.sh'), tool(trustedMarker));
			await runCli(['check'], { cwd: tree, env: { WAYMARK_CHROMIUM: '/nonexistent' } });
			await expect(access(trustedMarker)).resolves.toBeUndefined();
		} finally {
			await removeFixture(tree);
		}
	}, 60_000);

	test.each([
		[
			'`--trusted` and `--untrusted` together',
			['check', '--trusted', '--untrusted'],
			'`--trusted` and `--untrusted` were both given.',
		],
		[
			'`probe --untrusted`',
			['probe', '--untrusted'],
			'`waymark probe` runs the probes the pages declare, and this tree is untrusted',
		],
		[
			'`check --changed-since --live` without `--trusted`',
			['check', '--changed-since', 'HEAD', '--live'],
			'`--live` runs the probes the pages declare, and this tree is untrusted',
		],
	])('exits 2 for %s, saying why', async (_name, args, message) => {
		const result = await runCli(args, { cwd: project });
		expect(result.code).toBe(2);
		expect(result.stderr).toContain(message);
		expect(result.stderr).toContain('Hint: ');
	});
});
