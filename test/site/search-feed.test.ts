import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBuiltPages } from '../../integration/built-pages.ts';
import { writeSearchIndex } from '../../integration/pagefind-index.ts';
import { feedSearchIndex } from '../../integration/search-feed.ts';
import { pick, pickItem, seededRandom, type Random } from '../helpers/seeded-random.ts';

// The search index made while the pages are written (`search-feed.ts`) is the one made from the
// files afterwards, byte for byte, however the pages arrive: in any order, some never (Astro served
// them from its cache), some other than what is on disk (a page changed after it was written, or a
// file named wrong), some that were never Astro's (the tree's own HTML). Generated sites, each
// indexed both ways; `early` counts the shards the feed gave.
const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const made: string[] = [];
afterAll(async () => {
	for (const dir of made) await rm(dir, { recursive: true, force: true });
});

/** A site of 20–40 pages: folders in folders, a page beside a folder of its name, names with spaces and accents. */
function site(random: Random): Map<string, string> {
	const folders = ['ops', 'db', 'net', 'café', 'on call'];
	const files = new Map<string, string>([['index.html', page(0, random)]]);
	const count = 20 + pick(random, 21);
	for (let n = 1; files.size < count; n++) {
		const depth = pick(random, 3);
		const path = [
			...Array.from({ length: depth }, () => pickItem(random, folders)),
			random() < 0.2 ? `svc-${n % 7}.html` : `svc-${n % 9}/index.html`,
		].join('/');
		files.set(path, page(n, random));
	}
	return files;
}

function page(n: number, random: Random): string {
	const words = [
		'restart',
		'replica',
		'failover',
		'drain',
		'latency',
		'quorum',
		'rollback',
		'certificate',
	];
	const text = Array.from({ length: 5 + pick(random, 20) }, () => pickItem(random, words)).join(
		' ',
	);
	return `<!doctype html><html lang="en"><head><title>Page ${n}</title></head><body><nav>Menu</nav><main data-pagefind-body><h1 id="p${n}">Page ${n}</h1><p>${text}</p><h2 id="s${n}">Steps</h2><p>${text.split(' ').reverse().join(' ')}</p></main></body></html>`;
}

async function writeSite(files: Map<string, string>): Promise<string> {
	const outDir = await mkdtemp(join(base, 'waymark-search-feed-'));
	made.push(outDir, `${outDir}-cache`);
	for (const [file, html] of files) {
		await mkdir(join(outDir, file, '..'), { recursive: true });
		await writeFile(join(outDir, file), html);
	}
	return outDir;
}

async function searchFiles(outDir: string): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const entry of await readdir(join(outDir, 'pagefind'), {
		withFileTypes: true,
		recursive: true,
	})) {
		if (entry.isFile())
			out[relative(outDir, join(entry.parentPath, entry.name))] = (
				await readFile(join(entry.parentPath, entry.name))
			).toString('base64');
	}
	return out;
}

function shuffled<T>(items: T[], random: Random): T[] {
	const order = [...items];
	for (let i = order.length - 1; i > 0; i--) {
		const j = pick(random, i + 1);
		[order[i], order[j]] = [order[j] as T, order[i] as T];
	}
	return order;
}

type Scenario =
	| 'all'
	| 'one never arrives'
	| 'one differs from disk'
	| 'one is the tree’s own'
	| 'Pagefind’s process ends halfway'
	| 'more held than allowed';

/** Ends the Pagefind process this one started, as a crash would. */
function killPagefind(): boolean {
	const children = readdirSync(`/proc/${process.pid}/task`).flatMap((task) =>
		readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean),
	);
	const pagefind = children.filter((pid) =>
		readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('pagefind'),
	);
	for (const pid of pagefind) process.kill(Number(pid), 'SIGKILL');
	return pagefind.length > 0;
}

describe('feedSearchIndex', () => {
	it('gives the first part of the index the site’s top as its folder, as the files do, when no page is at the top', async () => {
		const random = seededRandom(9);
		const files = new Map([...site(random)].filter(([name]) => name.startsWith('ops/')));
		files.set('ops/index.html', page(99, random));
		const reference = await writeSite(files);
		await writeSearchIndex(reference, { cacheDir: `${reference}-cache`, pagesPerShard: 3 });
		const outDir = await writeSite(files);
		const feed = feedSearchIndex({
			files: [...files.keys()],
			written: new Set(files.keys()),
			cacheDir: `${outDir}-cache`,
			pagesPerShard: 3,
		});
		for (const [name, html] of files) feed.page(name, new TextEncoder().encode(html));
		feed.end();
		const result = await writeSearchIndex(outDir, {
			cacheDir: `${outDir}-cache`,
			pagesPerShard: 3,
			early: feed.shards,
		});
		expect(result.early).toBe(result.shards);
		expect(await searchFiles(outDir)).toEqual(await searchFiles(reference));
	}, 60_000);

	it.each([1, 2, 3])(
		'gives the index the files give, whatever arrives and in whatever order (site %i)',
		async (seed) => {
			const random = seededRandom(seed);
			const files = site(random);
			const pagesPerShard = 4 + pick(random, 4);
			const reference = await writeSite(files);
			const plain = await writeSearchIndex(reference, {
				cacheDir: `${reference}-cache`,
				pagesPerShard,
			});
			expect(plain.shards).toBeGreaterThan(3);
			const expected = await searchFiles(reference);
			for (const scenario of [
				'all',
				'one never arrives',
				'one differs from disk',
				'one is the tree’s own',
				'Pagefind’s process ends halfway',
				'more held than allowed',
			] satisfies Scenario[]) {
				const outDir = await writeSite(files);
				const names = [...files.keys()];
				const odd = pickItem(
					random,
					names.filter((name) => name !== 'index.html'),
				);
				const written = new Set(
					scenario === 'one is the tree’s own' ? names.filter((name) => name !== odd) : names,
				);
				const feed = feedSearchIndex({
					files: names,
					written,
					cacheDir: `${outDir}-cache`,
					pagesPerShard,
					...(scenario === 'more held than allowed' && { holdBytes: 1000 }),
				});
				const order = shuffled(names, random);
				for (const [n, name] of order.entries()) {
					if (name === odd && scenario === 'one never arrives') continue;
					const html =
						name === odd && scenario === 'one differs from disk'
							? (files.get(name) as string).replace('Page', 'Pages')
							: (files.get(name) as string);
					feed.page(name, new TextEncoder().encode(html));
					// Halfway, once Pagefind's process has work: it is killed, as a crash would end it.
					if (
						scenario === 'Pagefind’s process ends halfway' &&
						n === Math.floor(order.length / 2)
					) {
						await new Promise((resolve) => setTimeout(resolve, 50));
						expect(killPagefind()).toBe(true);
					}
				}
				feed.end();
				const result = await writeSearchIndex(outDir, {
					cacheDir: `${outDir}-cache`,
					pagesPerShard,
					early: feed.shards,
					built: await readBuiltPages(outDir),
				});
				expect(await searchFiles(outDir), scenario).toEqual(expected);
				expect({ scenario, indexed: result.indexed, pages: result.pages }).toEqual({
					scenario,
					indexed: plain.shards,
					pages: plain.pages,
				});
				// The feed gave every shard it could: all of them, all but the odd page's, or (ended early) fewer.
				const early =
					{ all: plain.shards, 'more held than allowed': 0 }[scenario as string] ??
					(scenario === 'Pagefind’s process ends halfway' ? undefined : plain.shards - 1);
				if (early === undefined) expect(result.early).toBeLessThan(plain.shards);
				else expect(result.early, scenario).toBe(early);
			}
		},
		120_000,
	);
});
