import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadPage } from '../helpers/dom.ts';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';

let root: string;
let result: CliResult;
const broken = 'flowchart TD\n  A --> B\n  B --> [[';

beforeAll(async () => {
	root = await writeFixture({
		// The mermaid rules off: nothing else reports these diagrams, and the build must still finish.
		'waymark.config.yaml':
			'diagrams:\n  cacheDir: ./diagram-cache\nchecks:\n  rules: { mermaid-syntax: off, mermaid-render: off }\n',
		'guidebooks/README.md': '# Home\n\n[Cutover](cutover.md)\n',
		'guidebooks/cutover.md': `# Cutover\n\n\`\`\`mermaid\n${broken}\n\`\`\`\n\nPlan:\n\n\`\`\`mermaid\ngantt\n  dateFormat YYYY-MM-DD\n  section Freeze\n  Announce :a1, 2026-13-45, 1d\n\`\`\`\n\nAfter:\n\n\`\`\`mermaid\nflowchart LR\n  freeze --> migrate\n\`\`\`\n`,
	});
	result = await runCli(['build', '--root', 'guidebooks', '--out', 'dist'], {
		cwd: root,
		env: { WAYMARK_LOG_LEVEL: 'warn' },
	});
});

afterAll(async () => {
	await removeFixture(root);
});

test('finishes the build and prints each broken diagram as a finding at its file (named from the working directory) and line', () => {
	expect(result.code).toBe(0);
	const output = `${result.stdout}\n${result.stderr}`;
	expect(output).toContain(
		' guidebooks/cutover.md:6:9: Unexpected unclosed `[[` in `[[`, expected `]]` to close the shape on the same line (mermaid-syntax)',
	);
	expect(output).toContain(
		" guidebooks/cutover.md:15:17: Unexpected invalid date `2026-13-45`, expected a date matching the diagram's `dateFormat` (mermaid-render)",
	);
});

test('shows a readable notice with the source where each broken diagram was, and draws the rest', async () => {
	const page = await loadPage(join(root, 'dist'), '/cutover/');
	const failed = [...page.querySelectorAll('figure.wm-diagram--failed')];
	expect(failed.map((figure) => figure.querySelector('.wm-diagram__failure')?.textContent)).toEqual(
		[
			'This diagram could not be drawn: Unexpected unclosed `[[` in `[[`, expected `]]` to close the shape on the same line (line 3 of the diagram).',
			"This diagram could not be drawn: Unexpected invalid date `2026-13-45`, expected a date matching the diagram's `dateFormat` (line 4 of the diagram).",
		],
	);
	expect(failed[0]?.querySelector('pre code.language-mermaid')?.textContent).toBe(broken);
	// Positive control: the good diagram after them is drawn as usual.
	expect(page.querySelectorAll('figure.wm-diagram .wm-diagram__view > svg').length).toBe(1);
});
