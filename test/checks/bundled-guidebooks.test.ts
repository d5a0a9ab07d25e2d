import { expect, test } from 'vitest';
import { runCli } from '../helpers/fixture.ts';

test('the bundled guidebooks pass every check', async () => {
	const result = await runCli(['check', '--root', 'guidebooks', '--format', 'json']);
	const report = JSON.parse(result.stdout) as { findings: unknown[]; summary: { errors: number } };
	expect(report.findings).toEqual([]);
	expect(result.code).toBe(0);
});
