import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import {
	runProbes,
	type LocatedProbe,
	type ProbeIo,
	type ProbeResult,
} from '../../checks/index.ts';
import { repoRoot } from '../helpers/fixture.ts';

test('exposes the public API and nothing else', async () => {
	expect(Object.keys(await import('../../checks/index.ts')).sort()).toEqual([
		'checkLive',
		'defineRule',
		'formatFinding',
		'loadConfig',
		'parseConfig',
		'reporters',
		'rules',
		'runChecks',
		'runProbes',
	]);
});

test("the package entry (`import … from 'waymark'`) exports what checks/index.ts does", async () => {
	// Node resolves the package by its own name through `exports`, as a project depending on it would.
	const script =
		"const m = await import('waymark'); const i = await import('waymark/integration'); console.log(JSON.stringify([Object.keys(m).sort(), typeof i.default]))";
	const { stdout } = await promisify(execFile)(
		process.execPath,
		['--input-type=module', '-e', script],
		{ cwd: repoRoot },
	);
	expect(JSON.parse(stdout)).toEqual([
		Object.keys(await import('../../checks/index.ts')).sort(),
		'function',
	]);
});

test('runs probes through the public API with injected I/O', async () => {
	const probe: LocatedProbe = {
		id: 'erp-dns',
		kind: 'dns',
		target: 'erp.example.lab',
		dnsType: 'A',
		headers: {},
		conditions: ['[DNS_RCODE] == NOERROR'],
		intervalMs: 60_000,
		timeoutMs: 1000,
		file: 'erp/ops.md',
		line: 4,
		route: '/erp/ops/',
		pageTitle: 'ERP operations',
	};
	const answers: Record<string, string[]> = { 'erp.example.lab': ['10.0.0.7'] };
	const io: ProbeIo = {
		resolver: {
			servers: [],
			query: (name) =>
				Promise.resolve(
					answers[name]
						? { rcode: 'NOERROR', answers: answers[name] }
						: { rcode: 'NXDOMAIN', answers: [] },
				),
			lookup: () => {
				throw new Error('a dns probe does not connect');
			},
		},
	};
	const results: ProbeResult[] = await runProbes(
		[probe, { ...probe, id: 'gone-dns', target: 'gone.example.lab' }],
		io,
	);
	expect(results.map((r) => [r.id, r.state, r.file, r.line])).toEqual([
		['erp-dns', 'up', 'erp/ops.md', 4],
		['gone-dns', 'down', 'erp/ops.md', 4],
	]);
});
