import { execFileSync } from 'node:child_process';
import {
	appendFile,
	mkdir,
	readFile,
	rename,
	rm,
	symlink,
	utimes,
	writeFile,
} from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { siteFilesDigest } from '../../integration/site-files.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { pick, pickItem, seededRandom, type Random } from '../helpers/seeded-random.ts';

// A patch starts only from an output folder whose files are as the last build left them
// (`integration/site-files.ts`): the digest must survive the cache CI restores the site from
// (`tar --posix`, as actions/cache makes it), and change with any file added, removed, rewritten
// or replaced. Sites and changes are generated.

let top: string;

beforeAll(async () => {
	top = await writeFixture({ '.keep': '' });
});

afterAll(async () => {
	await removeFixture(top);
});

/** A built site's shape: pages in folders, assets, a search index; `count` files from `random`. */
async function generateSite(dir: string, random: Random, count: number): Promise<string[]> {
	const files: string[] = [];
	for (let i = 0; i < count; i++) {
		const folder = pickItem(random, ['', 'ops/', 'ops/db/', '_astro/', 'pagefind/fragment/']);
		const name = folder.startsWith('pagefind')
			? `en_${i}.pf_fragment`
			: folder === '_astro/'
				? `page.${i}.js`
				: `${i}/index.html`;
		files.push(`${folder}${name}`);
		await mkdir(dirname(join(dir, folder, name)), { recursive: true });
		await writeFile(join(dir, folder, name), `<p>${'x'.repeat(pick(random, 200))}</p>\n`);
	}
	return files;
}

/** The ways a step after the build can leave the site: each must change the digest. */
const changes: Array<[string, (dir: string, file: string) => Promise<void>]> = [
	['a file added', (dir) => writeFile(join(dir, 'CNAME'), 'runbooks.example.org\n')],
	['a file removed', (dir, file) => rm(join(dir, file))],
	['a byte appended', (dir, file) => appendFile(join(dir, file), '<!-- banner -->')],
	[
		'the same bytes written again a second later',
		async (dir, file) => {
			const path = join(dir, file);
			await writeFile(path, await readFile(path));
			await utimes(path, new Date(), new Date(Date.now() + 1000));
		},
	],
	['a file renamed', (dir, file) => rename(join(dir, file), join(dir, `${file}.old`))],
	[
		'a file replaced by a link to it',
		async (dir, file) => {
			const path = join(dir, file);
			await rename(path, `${path}.real`);
			await symlink(`${path}.real`, path);
		},
	],
];

test.each([1, 2, 3, 4, 5, 6, 7, 8])(
	'the digest survives a tar --posix cache and changes with every kind of change (site %i)',
	async (seed) => {
		const random = seededRandom(20261129 + seed);
		const built = join(top, `built-${seed}`);
		const files = await generateSite(built, random, 5 + pick(random, 60));
		const digest = await siteFilesDigest(built);
		expect(digest).toMatch(/^[0-9a-f]{64}$/);

		// Saved and restored as actions/cache does it, into a fresh checkout at another path.
		const restored = join(top, `restored-${seed}`);
		await mkdir(restored);
		execFileSync('tar', ['--posix', '-cf', `${built}.tar`, '-C', built, '.']);
		execFileSync('tar', ['-xf', `${built}.tar`, '-C', restored]);
		expect(await siteFilesDigest(restored)).toBe(digest);

		for (const [name, change] of changes) {
			const copy = join(top, `changed-${seed}`);
			await rm(copy, { recursive: true, force: true });
			await mkdir(copy);
			execFileSync('tar', ['-xf', `${built}.tar`, '-C', copy]);
			await change(copy, pickItem(random, files));
			expect(await siteFilesDigest(copy), name).not.toBe(digest);
		}
	},
);
