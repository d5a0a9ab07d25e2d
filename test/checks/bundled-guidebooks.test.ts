import { readdir } from 'node:fs/promises';
import { expect, test, vi } from 'vitest';
import { repoRoot, runCli } from '../helpers/fixture.ts';

// Each test spawns the CLI (a fresh Node process); give it room on a busy 2-core runner.
vi.setConfig({ testTimeout: 60_000 });

test('the bundled guidebooks pass every check, and every page was checked', async () => {
	const result = await runCli(['check', '--root', 'guidebooks', '--format', 'json']);
	const report = JSON.parse(result.stdout) as { findings: unknown[]; checked: string[] };
	const pages = (await readdir(`${repoRoot}guidebooks`, { recursive: true })).filter((path) => path.endsWith('.md'));
	expect(pages.length).toBeGreaterThan(10);
	expect([...report.checked].sort()).toEqual(pages.sort());
	expect(report.findings).toEqual([]);
	expect(result.code).toBe(0);
});
