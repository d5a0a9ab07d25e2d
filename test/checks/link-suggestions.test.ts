import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { checkTree } from '../helpers/check-tree.ts';
import { parseConfig } from '../../config/load-config.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// The same pages under every tool's config; links to them written every way an author might
// (root-absolute from the repository's top or from the root, relative, with slips of case,
// extension and folder), of which many are broken somewhere. A suggestion that reads exactly as the
// broken link sends the reader round in a circle: none may.
const pages = ['ops/restart.md', 'ops/01-drain.md', 'db/backup.md', 'README.md'];
const tools: Record<string, Record<string, string>> = {
	github: {},
	gitlab: { '.gitlab-ci.yml': 'stages: [test]\n' },
	hugo: { 'hugo.toml': 'title = "Ops"\n', 'static/img/a.png': 'png' },
	docusaurus: {
		'docusaurus.config.js':
			'module.exports = { presets: [["classic", { docs: { path: "docs" } }]] };\n',
		'static/img/a.png': 'png',
	},
	mkdocs: { 'mkdocs.yml': 'site_name: Ops\n' },
};

function hrefsTo(page: string): string[] {
	const bare = page.replace(/\.md$/, '');
	const variants = [
		page,
		bare,
		page.toUpperCase(),
		page.replace('/', '/x/'),
		page.replace(/\.md$/, '.mdx'),
		page.replace(/s\//, '/'),
		`${bare}.html`,
		page.replace(/^[^/]+\//, ''),
	];
	return variants.flatMap((variant) => [
		`/docs/${variant}`,
		`/${variant}`,
		`../${variant}`,
		variant,
		`./${variant}`,
	]);
}

test("no broken link is ever told to use itself, on any tool's tree", async () => {
	let findings = 0;
	let suggested = 0;
	const circular: string[] = [];
	for (const [tool, config] of Object.entries(tools)) {
		const links = pages.flatMap(hrefsTo).map((href, i) => `[l${i}](${href})`);
		const files: Record<string, string> = { ...config, 'img/a.png': 'png' };
		for (const page of pages) files[`docs/${page}`] = `# ${page}\n\n${links.join('\n\n')}\n`;
		const dir = await writeFixture(files);
		try {
			await promisify(execFile)('git', ['init', '--quiet', dir]);
			const report = await checkTree({
				root: join(dir, 'docs'),
				config: parseConfig({}),
				only: ['internal-links'],
			});
			for (const finding of report.findings) {
				findings++;
				const match = /^Unexpected link to missing \w+ `([^`]*)`.*; did you mean `([^`]*)`$/.exec(
					finding.message,
				);
				if (!match) continue;
				suggested++;
				if (match[1] === match[2]) circular.push(`${tool} ${finding.file}: ${finding.message}`);
			}
		} finally {
			await removeFixture(dir);
		}
	}
	expect(circular).toEqual([]);
	// Positive control: the links break in many ways, and most breaks get a suggestion.
	expect(findings).toBeGreaterThan(500);
	expect(suggested).toBeGreaterThan(200);
});
