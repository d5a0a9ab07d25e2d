import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';

let root: string;
let result: CliResult;

beforeAll(async () => {
	root = await writeFixture({
		'waymark.config.yaml': 'diagrams:\n  cacheDir: ./diagram-cache\n',
		'guidebooks/README.md': '# Home\n\n[Cutover](cutover.md)\n',
		'guidebooks/cutover.md': '# Cutover\n\n```mermaid\nflowchart TD\n  A --> B\n  B --> [[\n```\n\nPlan:\n\n```mermaid\ngantt\n  dateFormat YYYY-MM-DD\n  section Freeze\n  Announce :a1, 2026-13-45, 1d\n```\n',
	});
	result = await runCli(['build', '--root', 'guidebooks', '--out', 'dist', '--strict'], { cwd: root });
});

afterAll(async () => {
	await removeFixture(root);
});

test('fails a strict build with each broken diagram at its file and line', () => {
	expect(result.code).toBe(1);
	expect(result.stderr).toMatch(/cutover\.md:6:\d+: Unexpected `SUBROUTINESTART`, expected one of [^\n]+ \(mermaid-syntax\)/);
	expect(result.stderr).toContain("cutover.md:15:17: Unexpected invalid date `2026-13-45`, expected a date matching the diagram's `dateFormat` (mermaid-render)");
});
