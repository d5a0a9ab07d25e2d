import { afterAll, beforeAll, expect, test } from 'vitest';
import {
	buildFixture,
	removeFixture,
	runCli,
	writeFixture,
	type CliResult,
} from '../helpers/fixture.ts';

// One engine, two front ends: a strict build fails with the same findings `waymark check` reports,
// printed once, in check's pretty report.
let root: string;
let build: CliResult;
let check: CliResult;

beforeAll(async () => {
	root = await writeFixture({
		'README.md': '# Home\n\n[Ops](ops.md#rollback)\n',
		'ops.md':
			'# Ops\n\n## Roll back\n\n[Home](README.md)\n\n```mermaid\nflowchat TD\n  A --> B\n```\n',
	});
	[build, check] = await Promise.all([
		buildFixture(root, ['--strict']),
		runCli(['check', '--root', root, '--format', 'json']),
	]);
});

afterAll(async () => {
	await removeFixture(root);
	await removeFixture(`${root}-dist`);
});

test('fails a strict build with every error finding, formatted as waymark check formats it, once', () => {
	const findings = (
		JSON.parse(check.stdout) as {
			findings: Array<{
				rule: string;
				severity: string;
				file: string;
				line: number;
				column: number;
				message: string;
			}>;
		}
	).findings;
	const errors = findings.filter((f) => f.severity === 'error');
	expect(errors.map((f) => f.rule).sort()).toEqual(['internal-links', 'mermaid-syntax']);
	expect(build.code).toBe(1);
	const output = `${build.stdout}${build.stderr}`;
	for (const f of errors) {
		expect(build.stdout).toMatch(
			new RegExp(
				`^\\S*${RegExp.escape(f.file)}\\n {2}${f.line}:${f.column} +error +${RegExp.escape(f.message)} +${f.rule}$`,
				'm',
			),
		);
		expect(output.split(f.message)).toHaveLength(2);
	}
	expect(build.stderr).toContain('The build stopped on the 2 errors reported above');
	expect(build.stderr).toContain('Hint: Fix each finding at the file:line:column shown');
});
