import { execFile } from 'node:child_process';
import { chmod, mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { removeFixture, writeFixture } from './fixture.ts';

const exec = promisify(execFile);
const identity = [
	'-c',
	'user.email=t@example.lab',
	'-c',
	'user.name=t',
	'-c',
	'commit.gpgsign=false',
];
const git = async (cwd: string, ...args: string[]) =>
	(await exec('git', [...identity, ...args], { cwd })).stdout;

/** Where a branch plants a repository: at the root `docs`, inside it, and deeper. */
export const plantings = ['docs', 'docs/runbooks', 'docs/runbooks/erp'];

export interface PlantedRepository {
	/** The real repository's work tree: `main` clean, `review` checked out with the plantings. */
	repo: string;
	/** The names of the marker files the planted programs left, sorted. */
	fired(): Promise<string[]>;
	/** Removes the markers (after a positive control). */
	clearMarkers(): Promise<void>;
	remove(): Promise<void>;
}

/**
 * A repository whose `review` branch plants git configuration naming programs: a repository at each
 * of `plantings` (`HEAD`, a config setting every program-naming key, hooks, attributes choosing its
 * drivers, `objects` and `refs` linked to the real ones), and `.gitattributes` choosing drivers the
 * user's own config defines. Each program leaves a marker file named after its key and place.
 */
export async function writePlantedRepository(): Promise<PlantedRepository> {
	const repo = await writeFixture({
		'docs/runbooks/README.md': '# Runbooks\n\n[ERP](erp/ops.md)\n',
		'docs/runbooks/erp/ops.md': '# Ops\n\n## Verify\n',
		'docs/README.md': '# Docs\n\n[Runbooks](runbooks/README.md)\n',
	});
	const markers = join(repo, '..', `${repo.split('/').pop()}-markers`);
	await mkdir(markers);
	const marking = (name: string) => `touch '${join(markers, name)}'; exit 0`;
	await git(repo, 'init', '-q', '-b', 'main');
	await git(repo, 'add', '.');
	await git(repo, 'commit', '-q', '-m', 'base');
	await git(repo, 'checkout', '-q', '-b', 'review');
	for (const folder of plantings) await plantRepository(repo, folder, marking);
	await writeFile(join(repo, 'docs/.gitattributes'), '*.md filter=userfilter diff=usertextconv\n');
	await writeFile(join(repo, 'docs/runbooks/erp/ops.md'), '# Ops\n\n## Verify the rollout\n');
	await git(repo, 'add', '-A');
	await git(repo, 'commit', '-q', '-m', 'plant');
	// The user's own drivers, which the tree's attributes choose (set after the commits, which would run them).
	await git(repo, 'config', 'filter.userfilter.clean', marking('user-filter-clean'));
	await git(repo, 'config', 'filter.userfilter.process', marking('user-filter-process'));
	await git(repo, 'config', 'diff.usertextconv.textconv', marking('user-textconv'));
	// Uncommitted and untracked changes too, so the work tree is compared with the commit.
	await writeFile(
		join(repo, 'docs/runbooks/README.md'),
		'# Runbooks\n\n[ERP](erp/ops.md#verify)\n',
	);
	await writeFile(join(repo, 'docs/runbooks/new.md'), '# New\n');
	// A change where the user's drivers apply (deeper folders' planted attributes choose the planted ones).
	await writeFile(
		join(repo, 'docs/README.md'),
		'# Docs\n\n[Runbooks](runbooks/README.md), revised\n',
	);
	return {
		repo,
		fired: async () => (await readdir(markers)).sort(),
		clearMarkers: async () => {
			for (const name of await readdir(markers)) await removeFixture(join(markers, name));
		},
		remove: async () => {
			await removeFixture(repo);
			await removeFixture(markers);
		},
	};
}

/** Every config key that starts a program, as a planted repository would set them. */
function plantedConfig(place: string, marking: (name: string) => string): string {
	const m = (key: string) => marking(`${place}-${key}`);
	return [
		'[core]',
		'\trepositoryformatversion = 0',
		'\tbare = false',
		'\tworktree = .',
		`\tfsmonitor = "${m('fsmonitor')}"`,
		`\tsshCommand = "${m('sshCommand')}"`,
		`\tpager = "${m('pager')}"`,
		`\talternateRefsCommand = "${m('alternateRefsCommand')}"`,
		'\thooksPath = hooks',
		'[diff]',
		`\texternal = "${m('diff-external')}"`,
		'[log]',
		'\tshowSignature = true',
		'[gpg]',
		`\tprogram = "${m('gpg')}"`,
		'[filter "planted"]',
		`\tclean = "${m('filter-clean')}"`,
		`\tsmudge = "${m('filter-smudge')}"`,
		'[diff "planted"]',
		`\ttextconv = "${m('textconv')}"`,
		'',
	].join('\n');
}

async function plantRepository(
	repo: string,
	folder: string,
	marking: (name: string) => string,
): Promise<void> {
	const dir = join(repo, folder);
	const place = folder.replaceAll('/', '_');
	const up = folder
		.split('/')
		.map(() => '..')
		.join('/');
	await mkdir(join(dir, 'hooks'), { recursive: true });
	await writeFile(join(dir, 'HEAD'), 'ref: refs/heads/main\n');
	await writeFile(join(dir, 'config'), plantedConfig(place, marking));
	await writeFile(join(dir, '.gitattributes'), '* filter=planted diff=planted\n');
	for (const hook of [
		'pre-commit',
		'post-checkout',
		'reference-transaction',
		'post-index-change',
		'fsmonitor-watchman',
	]) {
		await writeFile(join(dir, 'hooks', hook), `#!/bin/sh\n${marking(`${place}-hook-${hook}`)}\n`);
		await chmod(join(dir, 'hooks', hook), 0o755);
	}
	await symlink(`${up}/.git/objects`, join(dir, 'objects'));
	await symlink(`${up}/.git/refs`, join(dir, 'refs'));
}
