import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { buildStatusSnapshot, writeStatusFiles } from '../../checks/probes/snapshot.ts';
import { runProbe } from '../../checks/probes/probe-one.ts';
import { createNetworkAgent } from '../../network/agent.ts';
import { createResolver } from '../../network/resolver.ts';
import { readProbeManifest } from '../../server/probe-manifest.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// What a page writes as it is: the built site must carry none of it.
const literals = ['ops-user-7', 'hunter2-in-url', 'literal-bearer-9', 'sess-cookie-3', 'api-key-5'];
let server: Server;
const seen: IncomingHttpHeaders[] = [];
let root: string;
let outDir: string;

beforeAll(async () => {
	server = createServer((req, res) => {
		seen.push(req.headers);
		res.end('{}');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `127.0.0.1:${(server.address() as AddressInfo).port}`;
	const probes = [
		`  - id: in-url\n    http: http://ops-user-7:hunter2-in-url@${origin}/a\n`,
		`  - id: in-headers\n    http: http://${origin}/b\n    headers:\n      Authorization: Bearer literal-bearer-9\n      Cookie: session=sess-cookie-3\n      X-Api-Key: api-key-5\n      X-Token: \${env:PROBE_TOKEN}\n      Accept: application/json\n`,
	];
	root = await writeFixture({ 'README.md': `---\nprobes:\n${probes.join('')}---\n\n# ERP\n` });
	outDir = await writeFixture({});
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
	await Promise.all([removeFixture(root), removeFixture(outDir)]);
});

async function filesUnder(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return Promise.all(
		entries.filter((e) => e.isFile()).map((e) => readFile(join(e.parentPath, e.name), 'utf8')),
	);
}

test('writes no credential a probe declares as written into the output folder, and keeps the templates serve expands', async () => {
	const { snapshot, probes } = await buildStatusSnapshot(
		await loadGuidebookTree(root),
		parseConfig({}),
	);
	// Control: the declarations do hold every literal, so leaving them out is the manifest's doing.
	expect(literals.every((literal) => JSON.stringify(probes).includes(literal))).toBe(true);
	await writeStatusFiles(outDir, snapshot, probes, 'trusted');
	const written = (await filesUnder(outDir)).join('\n');
	for (const literal of literals) expect(written).not.toContain(literal);
	const { probes: manifest, problem } = await readProbeManifest(outDir);
	expect(problem).toBeUndefined();
	expect(manifest.map((p) => [p.id, p.target.replace(/:\d+/, ':PORT'), p.headers])).toEqual([
		['in-url', 'http://127.0.0.1:PORT/a', {}],
		[
			'in-headers',
			'http://127.0.0.1:PORT/b',
			{ 'X-Token': '${env:PROBE_TOKEN}', Accept: 'application/json' },
		],
	]);
});

test('serve runs the manifest it reads with its own environment: templates expanded, literals absent', async () => {
	const { probes } = await readProbeManifest(outDir);
	const resolver = createResolver();
	const { dispatcher } = createNetworkAgent({ lookup: resolver.lookup });
	seen.length = 0;
	try {
		for (const probe of probes)
			await runProbe(probe, {
				resolver,
				dispatcher,
				env: { PROBE_TOKEN: 'from-serve-env' },
				allowedEnv: ['PROBE_TOKEN'],
			});
	} finally {
		await (dispatcher as { close(): Promise<void> }).close();
	}
	expect(
		seen.map((headers) => [
			headers.authorization,
			headers.cookie,
			headers['x-api-key'],
			headers['x-token'],
		]),
	).toEqual([
		[undefined, undefined, undefined, undefined],
		[undefined, undefined, undefined, 'from-serve-env'],
	]);
});

test('serve runs no probe of an untrusted build, whatever it trusts itself, and says why', async () => {
	const { snapshot, probes } = await buildStatusSnapshot(
		await loadGuidebookTree(root),
		parseConfig({}),
	);
	const preview = await writeFixture({});
	try {
		await writeStatusFiles(preview, snapshot, probes, 'untrusted');
		const read = await readProbeManifest(preview);
		expect(read.probes).toEqual([]);
		expect(read.problem?.name).toBe('ProbeManifestUntrusted');
		expect(read.problem?.message).toMatch(
			/Live status is off: .* was written by an untrusted build/,
		);
		// Control: the same probes from a trusted build are run.
		await writeStatusFiles(preview, snapshot, probes, 'trusted');
		expect((await readProbeManifest(preview)).probes).toHaveLength(probes.length);
	} finally {
		await removeFixture(preview);
	}
});
