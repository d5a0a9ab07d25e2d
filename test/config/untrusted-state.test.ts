import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { loadConfig } from '../../config/load-config.ts';
import { commitAt, initRepository, writeEdits } from '../helpers/dated-commits.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

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
