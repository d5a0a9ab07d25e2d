import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from './fixture.ts';
import { comparableSiteFiles } from './output-files.ts';

/**
 * Builds the project at `dir` again into `out` (its state kept in `.waymark/`), then from nothing
 * into `clean` (state in `clean-state`), and expects both to write the same files byte for byte
 * (`label` names the step in a failure). Returns what the incremental build printed.
 */
export async function expectIncrementalAsClean(dir: string, label?: string): Promise<string> {
	const incremental = await runCli(['build', '--out', 'out'], { cwd: dir, timeoutMs: 240_000 });
	expect(incremental.code, incremental.stderr).toBe(0);
	await rm(join(dir, 'clean-state'), { recursive: true, force: true });
	await rm(join(dir, 'clean'), { recursive: true, force: true });
	const clean = await runCli(['build', '--out', 'clean', '--state-dir', 'clean-state'], {
		cwd: dir,
		timeoutMs: 240_000,
	});
	expect(clean.code, clean.stderr).toBe(0);
	const [a, b] = await Promise.all([
		comparableSiteFiles(join(dir, 'out')),
		comparableSiteFiles(join(dir, 'clean')),
	]);
	expect([...a.keys()].sort(), label).toEqual([...b.keys()].sort());
	const differing = [...a].filter(([path, text]) => b.get(path) !== text).map(([path]) => path);
	if (differing.length > 0)
		process.stderr.write(
			`first difference in ${differing[0]}:\n${firstDifference(a.get(differing[0]!) ?? '', b.get(differing[0]!) ?? '')}\n`,
		);
	expect(differing, label).toEqual([]);
	return incremental.stdout;
}

/** Where two texts first differ, with a little of each around it. */
function firstDifference(a: string, b: string): string {
	let at = 0;
	while (at < a.length && a[at] === b[at]) at++;
	return `incremental: …${a.slice(Math.max(0, at - 80), at + 120)}…\nclean:       …${b.slice(Math.max(0, at - 80), at + 120)}…`;
}
