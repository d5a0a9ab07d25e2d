import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';

// An injected stall: a "Chromium" that starts and never answers, so the diagram renderer waits for
// ever. Playwright would give up after 30 s; the watchdog, set to 2 s here, must end the run first,
// name what it was waiting on, and exit 2 (Waymark's failure, not the content's).
const never = '#!/bin/sh\nexec sleep 60\n';
const page = '# Home\n\n```mermaid\nflowchart LR\n  A --> B\n```\n';

let project: string;
let checkRun: CliResult & { ms: number };
let buildRun: CliResult & { ms: number };
let control: CliResult;

async function timed(run: Promise<CliResult>): Promise<CliResult & { ms: number }> {
	const started = performance.now();
	const result = await run;
	return { ...result, ms: performance.now() - started };
}

beforeAll(async () => {
	project = await writeFixture({
		'fake-chromium': never,
		// `check` draws diagrams itself (`mermaid-render`); this build leaves them to the site.
		'check.yaml': 'diagrams:\n  chromium: ./fake-chromium\n  cacheDir: ./cache\nbuild:\n  stallTimeoutSeconds: 2\n',
		'build.yaml': 'diagrams:\n  chromium: ./fake-chromium\n  cacheDir: ./cache\n  renderInCheck: false\nbuild:\n  stallTimeoutSeconds: 2\n',
		'control.yaml': 'diagrams:\n  chromium: ./no-such-browser\n  cacheDir: ./cache\n',
		'guidebooks/README.md': page,
	});
	await chmod(join(project, 'fake-chromium'), 0o755);
	[checkRun, buildRun, control] = await Promise.all([
		timed(runCli(['check', '--config', 'check.yaml'], { cwd: project })),
		timed(runCli(['build', '--config', 'build.yaml', '--out', 'dist'], { cwd: project })),
		runCli(['build', '--config', 'control.yaml', '--out', 'dist-control'], { cwd: project }),
	]);
}, 120_000);

afterAll(async () => {
	await removeFixture(project);
});

test('ends a check waiting on a browser that never answers with exit 2, naming the step', () => {
	expect(checkRun.code).toBe(2);
	expect(checkRun.stderr.replaceAll(project, '<project>')).toMatch(/^Waymark made no progress for 2 s while .*running the rule `mermaid-render`; starting Chromium \(<project>\/fake-chromium\) to draw diagrams.*, and stopped\.\nHint: This is a problem in Waymark or in a tool it runs/);
	// Well before Playwright's own 30 s launch timeout.
	expect(checkRun.ms).toBeLessThan(25_000);
});

test('ends a build waiting on it inside Astro with exit 2, naming the step', () => {
	expect(buildRun.code).toBe(2);
	expect(buildRun.stderr.replaceAll(project, '<project>')).toMatch(/^Waymark made no progress for 2 s while preparing the site; starting Chromium \(<project>\/fake-chromium\) to draw diagrams \(last done: .*\), and stopped\./m);
	expect(buildRun.stdout).not.toMatch(/^Built /m);
	expect(buildRun.ms).toBeLessThan(25_000);
});

test('builds the same tree when the browser is missing instead of stuck (the control)', () => {
	expect(control.code, control.stderr).toBe(0);
	expect(control.stdout).toMatch(/^Built 1 page into dist-control\/$/m);
});
