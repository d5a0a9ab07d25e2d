import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, test } from 'vitest';
import { loadAlertSources } from '../../alerts/load-alerts.ts';
import { parseConfig } from '../../config/load-config.ts';
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
