import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';

// An injected stall: a "Chromium" that starts and never answers, so the diagram renderer waits for
// ever. Playwright would give up after 30 s; the watchdog, set to 6 s here, must end the run first,
// name what it was waiting on, and exit 2 (Waymark's failure, not the content's). The runs go one
// after the other: on a busy machine, loading mermaid's parser alone can take seconds.
const never = '#!/bin/sh\nexec sleep 60\n';
const page = '# Home\n\n```mermaid\nflowchart LR\n  A --> B\n```\n';

let project: string;
let checkRun: CliResult & { ms: number };
let buildRun: CliResult & { ms: number };
let strictRun: CliResult & { ms: number };
let control: CliResult;

async function timed(run: Promise<CliResult>): Promise<CliResult & { ms: number }> {
	const started = performance.now();
	const result = await run;
	return { ...result, ms: performance.now() - started };
}

beforeAll(async () => {
	project = await writeFixture({
		'fake-chromium': never,
		// `check` draws diagrams itself (`mermaid-render`); this build checks none and leaves them to the site.
		'check.yaml':
			'diagrams:\n  chromium: ./fake-chromium\n  cacheDir: ./cache\nbuild:\n  stallTimeoutSeconds: 6\n',
		'build.yaml':
			'diagrams:\n  chromium: ./fake-chromium\n  cacheDir: ./cache\nchecks:\n  rules: { mermaid-syntax: off, mermaid-render: off }\nbuild:\n  stallTimeoutSeconds: 6\n',
		'control.yaml': 'diagrams:\n  chromium: ./no-such-browser\n  cacheDir: ./cache\n',
		'guidebooks/README.md': page,
	});
	await chmod(join(project, 'fake-chromium'), 0o755);
	// Processes of their own: a stalled run is given up, and its process ends with what it left running.
	checkRun = await timed(
		runCli(['check', '--config', 'check.yaml'], { cwd: project, process: true }),
	);
	buildRun = await timed(
		runCli(['build', '--config', 'build.yaml', '--out', 'dist'], { cwd: project, process: true }),
	);
	// A strict build checks before Astro starts, so the site's own drawing waits inside Astro.
	strictRun = await timed(
		runCli(['build', '--strict', '--config', 'build.yaml', '--out', 'dist'], {
			cwd: project,
			process: true,
		}),
	);
	control = await runCli(['build', '--config', 'control.yaml', '--out', 'dist-control'], {
		cwd: project,
		process: true,
	});
}, 150_000);

afterAll(async () => {
	await removeFixture(project);
});

test('ends a check waiting on a browser that never answers with exit 2, naming the step', () => {
	expect(checkRun.code).toBe(2);
	expect(checkRun.stderr.replaceAll(project, '<project>')).toMatch(
		/^Waymark made no progress for 6 s while .*running the rule `mermaid-render`; starting Chromium \(<project>\/fake-chromium\) to draw diagrams.*, and stopped\.\nHint: This is a problem in Waymark or in a tool it runs/,
	);
	// Well before Playwright's own 30 s launch timeout.
	expect(checkRun.ms).toBeLessThan(25_000);
});

test('ends a build waiting on it, before or inside Astro, with exit 2, naming the step', () => {
	// The browser starts before Astro, which draws the diagrams while it runs.
	expect(buildRun.code).toBe(2);
	expect(buildRun.stderr.replaceAll(project, '<project>')).toMatch(
		/^Waymark made no progress for 6 s while starting Chromium \(<project>\/fake-chromium\) to draw diagrams \(last done: reading the alert rules\), and stopped\./m,
	);
	expect(buildRun.stdout).not.toMatch(/^Built /m);
	expect(buildRun.ms).toBeLessThan(25_000);
	expect(strictRun.code).toBe(2);
	expect(strictRun.stderr.replaceAll(project, '<project>')).toMatch(
		/^Waymark made no progress for 6 s while preparing the site; starting Chromium \(<project>\/fake-chromium\) to draw diagrams \(last done: .*\), and stopped\./m,
	);
	expect(strictRun.stdout).not.toMatch(/^Built /m);
	expect(strictRun.ms).toBeLessThan(25_000);
});

test('builds the same tree when the browser is missing instead of stuck (the control)', () => {
	expect(control.code, control.stderr).toBe(0);
	expect(control.stdout).toMatch(
		/^Built 1 guidebook page, plus the status and 404 pages, into dist-control\/$/m,
	);
});
