/**
 * `npm test` and `npm run test:coverage`: the whole suite as two vitest runs side by side (lanes),
 * then one report of both. The build and browser files run one at a time (vitest.config.ts says
 * why), and a build keeps about one core busy; run after the unit files, as one vitest run orders
 * them, they left the second core idle for the longer half of the suite. Here the `build` lane runs
 * them, and the `unit` lane runs the unit files beside them on the cores left, and the `status`
 * project's build and browser files, so both lanes end near the same time. Both share one folder
 * of builds that files only read (WAYMARK_SHARED_BUILDS), each lane writes a blob (its results and
 * coverage), and `--merge-reports` prints the whole report once, writes CI's JSON and checks the
 * coverage floors against both.
 *
 * With arguments other than `--coverage` (a file, `--project unit`, a filter), it is one plain
 * `vitest run` with them.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const vitest = join(repoRoot, 'node_modules/vitest/vitest.mjs');
const blobs = join(repoRoot, 'test/.tmp/blobs');
/** Each lane's name (WAYMARK_SUITE_PART) and the projects it runs (in the order vitest picks). */
const lanes = { build: ['build'], unit: ['unit', 'status'] } as const;
const parts = Object.keys(lanes) as Array<keyof typeof lanes>;

/** Runs vitest with `args` (its output shown as it comes); resolves to its exit code. */
function runVitest(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
	const child = spawn(process.execPath, [vitest, 'run', ...args], {
		cwd: repoRoot,
		env,
		stdio: 'inherit',
	});
	// CI stops a job with SIGTERM: the runs stop with it rather than outlive it.
	const stop = () => child.kill('SIGTERM');
	process.once('SIGTERM', stop);
	return new Promise((resolve) => {
		child.on('close', (code, signal) => {
			process.off('SIGTERM', stop);
			resolve(code ?? (signal ? 1 : 0));
		});
	});
}

const seconds = (since: number) => `${Math.round((performance.now() - since) / 1000)} s`;

/** Both lanes side by side, then the report of both; the exit code of the whole. */
async function runWholeSuite(coverage: string[]): Promise<number> {
	rmSync(blobs, { recursive: true, force: true });
	const sharedBuilds = mkdtempSync(join(tmpdir(), 'waymark-shared-builds-'));
	const started = performance.now();
	const timings: string[] = [];
	const codes = await Promise.all(
		parts.map(async (part) => {
			const code = await runVitest(
				[
					...lanes[part].flatMap((project) => ['--project', project]),
					'--reporter=blob',
					`--outputFile.blob=${join(blobs, `${part}.json`)}`,
					'--reporter=./test/helpers/progress-reporter.ts',
					...coverage,
				],
				{ ...process.env, WAYMARK_SUITE_PART: part, WAYMARK_SHARED_BUILDS: sharedBuilds },
			);
			timings.push(`${lanes[part].join(' and ')} files ${seconds(started)}`);
			return code;
		}),
	);
	rmSync(sharedBuilds, { recursive: true, force: true });
	const missing = parts.filter((part) => !existsSync(join(blobs, `${part}.json`)));
	for (const part of missing)
		process.stderr.write(
			`The ${part} run ended (exit code ${codes[parts.indexOf(part)]}) without its report: its output above says why.\n`,
		);
	// The floors hold for the whole suite: half of it would fail them and say only that.
	if (missing.length > 0 && coverage.length > 0)
		process.stderr.write(
			`Coverage floors not checked: they are for the whole suite, and the ${missing.join(' and ')} run did not finish.\n`,
		);
	const merging = performance.now();
	const merged =
		missing.length === parts.length
			? 1
			: await runVitest(['--merge-reports', blobs, ...(missing.length > 0 ? [] : coverage)]);
	timings.push(`report ${seconds(merging)}`);
	process.stdout.write(`\nThe suite took ${seconds(started)}: ${timings.join(', ')}.\n`);
	return merged !== 0 || missing.length > 0 || codes.some((code) => code !== 0) ? 1 : 0;
}

const args = process.argv.slice(2);
const coverage = args.filter((arg) => arg === '--coverage');
process.exitCode =
	args.length > coverage.length ? await runVitest(args) : await runWholeSuite(coverage);
