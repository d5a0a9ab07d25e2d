import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { parseConfig } from '../../config/load-config.ts';
import { checkLive } from '../../checks/probes/check-live.ts';
import { createNetworkAgent } from '../../network/agent.ts';
import { createResolver } from '../../network/resolver.ts';
import { buildStatusSnapshot } from '../../checks/probes/snapshot.ts';
import type { ProbeIo } from '../../checks/probes/probe-one.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { startLoopback, type Loopback } from './loopback.ts';

let lb: Loopback;
let root: string;
let io: ProbeIo;
beforeAll(async () => {
	lb = await startLoopback();
	root = await writeFixture({
		'a.md': `---\nprobes:\n  - id: a-ready\n    http: http://a.test.lab:${lb.httpPort}/readyz\n    conditions: ["[STATUS] == 200"]\n---\n\n# A\n\nSee \`docs.gigafibre.ca\`.\n`,
		'b.md': `---\nprobes:\n  - id: b-live\n    http: http://b.test.lab:${lb.httpPort}/healthz\n---\n\n# B\n\nSee \`docs.gigafibre.ca\`.\n`,
	});
	const resolver = createResolver({ servers: [lb.dns.server], timeoutMs: 500 });
	io = {
		resolver,
		dispatcher: createNetworkAgent({ lookup: resolver.lookup }).dispatcher,
		env: {},
	};
});
afterAll(async () => {
	await (io.dispatcher as { close(): Promise<void> }).close();
	await lb.close();
	await removeFixture(root);
});

test('does not contact anything at build time unless asked, and says so', async () => {
	lb.seenHeaders.length = 0;
	const { snapshot } = await buildStatusSnapshot(await loadGuidebookTree(root), parseConfig({}), {
		io,
	});
	expect(snapshot.probes.map((p) => [p.id, p.state, p.checkedAt])).toEqual([
		['a-ready', 'unknown', null],
		['b-live', 'unknown', null],
	]);
	expect(snapshot.probes[0]?.message).toBe('Not checked yet');
	expect(lb.seenHeaders).toEqual([]);
});

test('runs every probe once at build time with WAYMARK_PROBE_AT_BUILD=1', async () => {
	const { snapshot } = await buildStatusSnapshot(await loadGuidebookTree(root), parseConfig({}), {
		probeAtBuild: true,
		io,
	});
	expect(snapshot.probes.map((p) => [p.id, p.state, p.message])).toEqual([
		['a-ready', 'down', '[STATUS] (503) == 200'],
		['b-live', 'up', '[STATUS] < 400'],
	]);
});

test('check --live reports only on the pages in scope', async () => {
	const { findings, probes } = await checkLive(await loadGuidebookTree(root), parseConfig({}), {
		io,
		domains: ['gigafibre.ca'],
		targets: new Set(['b.md']),
	});
	expect(probes.map((p) => p.id)).toEqual(['b-live']);
	expect(findings.map((f) => `${f.file}:${f.position?.line} ${f.ruleId}`)).toEqual([
		'b.md:9 hostname-drift',
	]);
});
