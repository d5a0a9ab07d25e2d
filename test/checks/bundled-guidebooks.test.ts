import { expect, test, vi } from 'vitest';
import { runCli } from '../helpers/fixture.ts';

// Each test spawns the CLI (a fresh Node process); give it room on a busy 2-core runner.
vi.setConfig({ testTimeout: 60_000 });

test('the bundled guidebooks pass every check', async () => {
	const result = await runCli(['check', '--root', 'guidebooks', '--format', 'json']);
	const report = JSON.parse(result.stdout) as { findings: unknown[]; summary: { errors: number } };
	expect(report.findings).toEqual([]);
	expect(result.code).toBe(0);
});
