import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { writeFixture } from '../helpers/fixture.ts';

const exec = promisify(execFile);

export async function git(cwd: string, ...args: string[]): Promise<string> {
	return (await exec('git', args, { cwd })).stdout;
}

/** Each commit: files to write (path → text) or delete (path → null), paths relative to the repository. */
export type CommitSpec = Record<string, string | null>;

/**
 * A throwaway git repository (identity set locally, no global config needed) with one commit per
 * spec, on `main`. Returns the repository folder; the guidebooks live wherever the specs put them.
 */
export async function writeGitFixture(commits: CommitSpec[]): Promise<string> {
	const dir = await writeFixture({});
	await git(dir, 'init', '--quiet', '--initial-branch=main');
	await git(dir, 'config', 'user.email', 'preview-tests@example.invalid');
	await git(dir, 'config', 'user.name', 'Preview Tests');
	await git(dir, 'config', 'commit.gpgsign', 'false');
	for (const [i, spec] of commits.entries()) {
		await applySpec(dir, spec);
		await git(dir, 'add', '--all');
		await git(dir, 'commit', '--quiet', '--allow-empty', '-m', `commit ${i}`);
	}
	return dir;
}

export async function applySpec(dir: string, spec: CommitSpec): Promise<void> {
	for (const [path, text] of Object.entries(spec)) {
		const full = join(dir, path);
		if (text === null) await rm(full, { force: true });
		else {
			await mkdir(dirname(full), { recursive: true });
			await writeFile(full, text);
		}
	}
}

/** Base → head of a small guidebook: one page of each kind of change, plus one left alone. */
export const baseTree: CommitSpec = {
	'guidebooks/README.md': '# Runbooks\n\nStart with [Operations](erp/operations.md).\n',
	'guidebooks/erp/operations.md': [
		'# Operations',
		'',
		'Restart the service now and wait for the health check.',
		'',
		'- Stop the queue',
		'- Drain the workers',
		'- Start the queue',
		'',
		'| Host | Port |',
		'| --- | --- |',
		'| db1 | 5432 |',
		'| db2 | 5432 |',
		'',
		'```sh',
		'systemctl stop erp',
		'systemctl start erp',
		'```',
		'',
		'> [!WARNING]',
		'> Never restart during the nightly backup.',
		'',
		'This paragraph goes away.',
		'',
	].join('\n'),
	'guidebooks/legacy.md': '# Legacy\n\nThe old mail relay, switched off last year.\n',
	'guidebooks/backup.md':
		'# Backup\n\nBackups run every night at one and are kept for thirty days on the storage box.\n',
	'guidebooks/unchanged.md': '# Unchanged\n\nNothing happens here.\n',
	'guidebooks/erp/topology.md':
		'# Topology\n\n```mermaid\nflowchart LR\n  previewclient[Preview client] --> previewerp[ERP]\n```\n',
	'notes/outside.md': '# Outside the guidebooks\n',
};

export const headTree: CommitSpec = {
	'guidebooks/erp/operations.md': [
		'# Operations',
		'',
		'Restart the worker now and wait for the health check to pass.',
		'',
		'- Stop the queue',
		'- Start the queue',
		'- Check the logs',
		'',
		'| Host | Port |',
		'| --- | --- |',
		'| db1 | 6432 |',
		'| db2 | 5432 |',
		'',
		'```sh',
		'systemctl stop erp',
		'systemctl restart erp',
		'```',
		'',
		'> [!WARNING]',
		'> Never restart during the weekly backup.',
		'',
	].join('\n'),
	'guidebooks/legacy.md': null,
	'guidebooks/backup.md': null,
	'guidebooks/storage/backup.md':
		'# Backup\n\nBackups run every night at one and are kept for thirty days on the storage box.\n',
	'guidebooks/howto/new-page.md': '# New page\n\nA page that did not exist before.\n',
	'guidebooks/erp/topology.md':
		'# Topology\n\n```mermaid\nflowchart LR\n  previewclient[Preview client] --> previewerp[ERP]\n  previewerp --> previewdb[(Database)]\n```\n',
	'notes/outside.md': '# Outside the guidebooks, changed\n',
};
