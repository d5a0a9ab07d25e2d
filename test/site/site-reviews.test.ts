import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, test } from 'vitest';
import { loadAlertSources } from '../../alerts/load-alerts.ts';
import { parseConfig } from '../../config/load-config.ts';
import { collectCitations } from '../../checks/reviews/citations.ts';
import { findCitedChanges } from '../../checks/reviews/find-changes.ts';
import { buildSiteReviews } from '../../integration/site-reviews.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { commitAt, initRepository } from '../helpers/dated-commits.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

const exec = promisify(execFile);
const config = parseConfig({ site: { url: 'https://runbooks.example.com' } });
const repos: string[] = [];
afterEach(async () => {
	for (const repo of repos.splice(0)) await removeFixture(repo);
});

/** A repository whose page links a script that changed after it, and whose review is a year old. */
async function repository(): Promise<string> {
	const repo = await writeFixture({});
	repos.push(repo);
	await initRepository(repo);
	await commitAt(repo, '2026-01-10', {
		'docs/README.md':
			'---\nowner: Platform team\nreviewed: 2026-01-10\n---\n\n# Backup\n\nRun [the script](../scripts/backup.sh).\n',
		'scripts/backup.sh': 'pg_dump erp\n',
	});
	await commitAt(repo, '2026-06-01', { 'scripts/backup.sh': 'pg_dump -Fc erp\n' });
	return repo;
}

async function reviews(repo: string) {
	const root = join(repo, 'docs');
	const tree = await loadGuidebookTree(root);
	return buildSiteReviews(
		tree,
		await loadAlertSources(config, root),
		config,
		new Date('2027-01-15T12:00:00Z'),
	);
}

test('lists a page due for its old review and for a cited change', async () => {
	const found = await reviews(await repository());
	expect(found.noHistory).toBeUndefined();
	expect(found.due['README.md']).toMatchObject({
		owner: 'Platform team',
		reviewAge: 370,
		changes: [{ kind: 'file', name: '../scripts/backup.sh', on: '2026-06-01' }],
	});
});

test('keeps the reviews and says why when git cannot read the history', async () => {
	const repo = await repository();
	// The commit stays, its tree goes: `git log` still runs, reading the tree fails.
	const tree = (await exec('git', ['-C', repo, 'rev-parse', 'HEAD^{tree}'])).stdout.trim();
	await rm(join(repo, '.git/objects', tree.slice(0, 2), tree.slice(2)));
	const found = await reviews(repo);
	expect(found.noHistory).toMatch(/^git could not read the repository's history \(.+\)$/);
	expect(found.due['README.md']).toMatchObject({
		owner: 'Platform team',
		reviewAge: 370,
		changes: [],
	});
});

test('the review list and the cited-changes rule on one tree read its git history once, and a new load reads it again', async () => {
	const repo = await repository();
	const root = join(repo, 'docs');
	// A `git` first on the PATH that logs each call, then runs the real one.
	const bin = join(repo, '.bin');
	const log = join(repo, '.git-calls');
	await mkdir(bin);
	const real = (await exec('sh', ['-c', 'command -v git'])).stdout.trim();
	await writeFile(join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`);
	await chmod(join(bin, 'git'), 0o755);
	const calls = async (work: () => Promise<unknown>): Promise<string[]> => {
		await writeFile(log, '');
		const path = process.env['PATH'];
		process.env['PATH'] = `${bin}:${path}`;
		try {
			await work();
		} finally {
			process.env['PATH'] = path;
		}
		return (await readFile(log, 'utf8')).split('\n').filter(Boolean);
	};
	const alerts = await loadAlertSources(config, root);
	const now = new Date('2027-01-15T12:00:00Z');
	const tree = await loadGuidebookTree(root);
	const rule = () =>
		findCitedChanges({
			tree,
			alerts,
			site: { url: config.site.url, base: config.site.base },
			pages: [...tree.pages.keys()],
			now,
		});
	const first = await calls(() => buildSiteReviews(tree, alerts, config, now));
	expect(first.filter((call) => /\b(log|diff-tree)\b/.test(call)).length).toBeGreaterThan(0);
	let found: Awaited<ReturnType<typeof rule>> | undefined;
	const second = await calls(async () => (found = await rule()));
	// Git is not asked again: HEAD is the one the tree's load found (the key of what was read), and
	// the history, the work tree and the dates are shared.
	expect(second).toEqual([]);
	expect(found?.pages.get('README.md')?.changes.map((change) => change.at.slice(0, 10))).toEqual([
		'2026-06-01',
	]);
	// A tree loaded anew (a later run) reads git again: a commit in between is seen.
	await commitAt(repo, '2026-07-01', { 'scripts/backup.sh': 'pg_dump -Fc -Z9 erp\n' });
	const again = await loadGuidebookTree(root);
	const reviewed = await buildSiteReviews(again, alerts, config, now);
	expect(reviewed.due['README.md']?.changes).toMatchObject([{ on: '2026-07-01' }]);
});

test("each page's citations are collected once per tree, for the pages asked of them", async () => {
	const repo = await repository();
	const root = join(repo, 'docs');
	const alerts = await loadAlertSources(config, root);
	const site = { url: config.site.url, base: config.site.base };
	const tree = await loadGuidebookTree(root);
	const first = collectCitations(tree, alerts, site, ['README.md']);
	expect(first.get('README.md')?.map((citation) => citation.name)).toEqual([
		'../scripts/backup.sh',
	]);
	// The same lists again: not resolved a second time.
	expect(collectCitations(tree, alerts, site, tree.pages.keys()).get('README.md')).toBe(
		first.get('README.md'),
	);
	expect([...collectCitations(tree, alerts, site, []).keys()]).toEqual([]);
	// Another site address is another reading (an alert's runbook URL lands on pages by it).
	expect(
		collectCitations(tree, alerts, { ...site, base: '/other/' }, ['README.md']).get('README.md'),
	).not.toBe(first.get('README.md'));
	// A tree loaded anew is read anew.
	expect(
		collectCitations(await loadGuidebookTree(root), alerts, site, ['README.md']).get('README.md'),
	).not.toBe(first.get('README.md'));
});
