import { readdir } from 'node:fs/promises';
import { expect, test, vi } from 'vitest';
import { repoRoot, runCli } from '../helpers/fixture.ts';

// Each test spawns the CLI (a fresh Node process); give it room on a busy 2-core runner.
vi.setConfig({ testTimeout: 60_000 });

// How old a review is and what changed since depend on the day and on this repository's history:
// `review-due` and `cited-changes` have tests of their own, with histories built for them.
const timeBound = new Set(['review-due', 'cited-changes']);

test('the bundled guidebooks pass every check, and every page was checked', async () => {
	const result = await runCli(['check', '--root', 'guidebooks', '--format', 'json']);
	const report = JSON.parse(result.stdout) as {
		findings: Array<{ rule: string; severity: string }>;
		checked: string[];
	};
	const files = await readdir(`${repoRoot}guidebooks`, { recursive: true });
	const pages = files.filter((path) => path.endsWith('.md'));
	// The bundled alert rule files (waymark.config.yaml, `alerts.rules`) are checked too.
	const ruleFiles = files.filter((path) => /^alerts\/.*\.ya?ml$/.test(path));
	expect(pages.length).toBeGreaterThan(10);
	expect(ruleFiles.length).toBe(2);
	expect([...report.checked].sort()).toEqual([...pages, ...ruleFiles].sort());
	expect(report.findings.filter((finding) => !timeBound.has(finding.rule))).toEqual([]);
	expect(report.findings.filter((finding) => finding.severity !== 'warning')).toEqual([]);
	expect(result.code).toBe(0);
});
