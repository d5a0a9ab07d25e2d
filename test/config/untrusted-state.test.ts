import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { loadConfig } from '../../config/load-config.ts';
import { commitAt, initRepository, writeEdits } from '../helpers/dated-commits.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

// A branch under review may commit files where the state folder or one of its caches is: an
// untrusted run must then read none of them as its own results. Every state path, at its default
// or written in the config, with a file committed there and with the same file left untracked.
const config = ['root: docs', 'diagrams:', '  cacheDir: ./cache/diagrams', 'links:', '  cache:', '    dir: ./cache/links', 'status:', '  database: ./cache/status.sqlite', ''].join('\n');
const places = [
	{ key: 'stateDir', file: '.waymark/astro/docs-0/cache/incremental-build.json', read: (c: Loaded) => c.stateDir },
	{ key: 'diagrams.cacheDir', file: 'cache/diagrams/verdicts.json', read: (c: Loaded) => c.config.diagrams.cacheDir ?? '' },
	{ key: 'links.cache.dir', file: 'cache/links/links.json', read: (c: Loaded) => c.config.links.cache.dir ?? '' },
	{ key: 'status.database', file: 'cache/status.sqlite', read: (c: Loaded) => c.config.status.database ?? '' },
];
type Loaded = Awaited<ReturnType<typeof loadConfig>>;

const projects: string[] = [];
afterAll(() => Promise.all(projects.map((project) => removeFixture(project))));

test.each(places.flatMap((place) => [{ ...place, committed: true }, { ...place, committed: false }]))('$key holding $file (committed: $committed)', async ({ key, file, read, committed }) => {
	const project = await writeFixture({ 'waymark.config.yaml': config, 'docs/README.md': '# Home\n' });
	projects.push(project);
	await initRepository(project);
	await commitAt(project, '2026-11-20', committed ? { [file]: '{}\n' } : {});
	if (!committed) await writeEdits(project, { [file]: '{}\n' });
	const written = read(await loadConfig({ cwd: project, trust: 'trusted' }));
	const loaded = await loadConfig({ cwd: project, trust: 'untrusted' });
	const reasons = loaded.setAside.filter((s) => s.key === key).map((s) => s.reason);
	if (committed) {
		expect(reasons).toEqual([expect.stringMatching(new RegExp(`^holds \`${file.replaceAll('.', '\\.')}\`, a file the branch committed, .*; a new temporary folder is used`))]);
		expect(read(loaded).startsWith(project)).toBe(false);
	} else {
		// The control: the same file, untracked (the runner's own), leaves the path as written.
		expect(reasons).toEqual([]);
		expect(read(loaded)).toBe(written);
	}
	// The trusted run is the repository's own: it keeps its paths either way.
	expect(written.startsWith(project)).toBe(true);
	expect(written).toBe(key === 'stateDir' ? join(project, '.waymark') : join(project, file.replace(/\/[^/]+\.json$/, '')));
});

test('check --untrusted reports the state folder set aside, without a config file, and writes nothing into it', async () => {
	const project = await writeFixture({ 'docs/README.md': '# Home\n' });
	projects.push(project);
	await initRepository(project);
	await commitAt(project, '2026-11-20', { '.waymark/planted.json': '{}\n' });
	const run = await runCli(['check', '--root', 'docs', '--untrusted', '--format', 'json'], { cwd: project });
	const findings = (JSON.parse(run.stdout) as { findings: Array<{ file: string; rule: string; message: string }> }).findings;
	expect(findings.map((f) => [f.file, f.rule, f.message.replace(/\(`[^`]+`\)$/, '')])).toEqual([
		['.', 'untrusted-content', "Unexpected `stateDir` in an untrusted tree's config: it holds `.waymark/planted.json`, a file the branch committed, and an untrusted run reads nothing the branch wrote as its own results; a new temporary folder is used "],
	]);
	expect(await readdir(join(project, '.waymark'))).toEqual(['planted.json']);
});
