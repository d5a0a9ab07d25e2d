import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBuiltPages } from '../../integration/built-pages.ts';
import { bodyDigest } from '../../integration/page-entry.ts';
import { removeUnloadedAssets } from '../../integration/unloaded-assets.ts';
import { trimHeap } from '../../core/heap-trim.ts';
import { pick, pickItem, seededRandom, type Random } from '../helpers/seeded-random.ts';

// The output's pages are read once after the build (`built-pages.ts`) and what each step needs is
// taken from that read: the steps must decide as they did reading the files themselves. Generated
// sites: pages naming bundled files every way a page writes them, scripts and styles naming others.
const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
const made: string[] = [];
afterAll(async () => {
	for (const dir of made) await rm(dir, { recursive: true, force: true });
});

const assetNames = [
	'SiteLayout.B9x.js',
	'page.Cq1.css',
	'diagram (1).D2.png',
	"it's.E3.svg",
	'café.F4.woff2',
	'a&b.G5.js',
	'tabs.H6.js',
	'unused.J7.js',
	'mermaid.K8.js',
	'chunk.L9.js',
];

/** How a page writes a bundled file's name: a script, a stylesheet, a picture (encoded, escaped), a srcset, CSS. */
function reference(name: string, random: Random): string {
	const encoded = encodeURI(name)
		.replace(/'/g, '&#39;')
		.replace(/&(?!#)/g, '&amp;');
	return pickItem(random, [
		`<script type="module" src="/_astro/${encoded}"></script>`,
		`<link rel="stylesheet" href="/docs/_astro/${encoded}">`,
		`<img src="/_astro/${encoded}" alt="">`,
		`<img srcset="/_astro/${encoded} 1x, /_astro/${encoded} 2x" alt="">`,
		`<div style="background: url(/_astro/${encoded})"></div>`,
	]);
}

async function writeSite(random: Random): Promise<string> {
	const outDir = await mkdtemp(join(base, 'waymark-built-pages-'));
	made.push(outDir);
	await mkdir(join(outDir, '_astro'), { recursive: true });
	for (const name of assetNames) {
		// Scripts and styles name others, as bundles import chunks and styles load fonts.
		// `unused` and `mermaid` are named by nothing, `chunk` only by scripts.
		const names =
			name.endsWith('.js') || name.endsWith('.css')
				? Array.from({ length: pick(random, 2) }, () =>
						pickItem(random, [...assetNames.slice(0, 7), 'chunk.L9.js']),
					).join(' ')
				: '';
		await writeFile(join(outDir, '_astro', name), `/* ${names} */`);
	}
	const pages = 5 + pick(random, 15);
	for (let n = 0; n < pages; n++) {
		const file =
			n === 0 ? 'index.html' : `${pickItem(random, ['ops', 'db', 'café'])}/p-${n}/index.html`;
		await mkdir(join(outDir, file, '..'), { recursive: true });
		const refs = Array.from({ length: pick(random, 4) }, () =>
			reference(pickItem(random, assetNames.slice(0, 7)), random),
		).join('');
		await writeFile(
			join(outDir, file),
			`<!doctype html><html><head><title>${n} ☕ \u{1F600}</title></head><body>${refs}<p>Page ${n}</p></body></html>`,
		);
	}
	return outDir;
}

async function filesOf(dir: string): Promise<string[]> {
	return (await readdir(dir, { recursive: true, withFileTypes: true }))
		.filter((entry) => entry.isFile())
		.map((entry) => relative(dir, join(entry.parentPath, entry.name)))
		.sort();
}

describe('readBuiltPages', () => {
	it.each([1, 2, 3, 4, 5])(
		'lets the sweep of unloaded bundled files decide as reading the pages itself does (site %i)',
		async (seed) => {
			const outDir = await writeSite(seededRandom(seed));
			const copy = `${outDir}-copy`;
			made.push(copy);
			await cp(outDir, copy, { recursive: true });
			const alone = await removeUnloadedAssets(outDir);
			const fromRead = await removeUnloadedAssets(copy, await readBuiltPages(copy));
			expect(fromRead).toEqual(alone);
			expect(alone).toEqual(expect.arrayContaining(['mermaid.K8.js', 'unused.J7.js']));
			expect(await filesOf(copy)).toEqual(await filesOf(outDir));
		},
	);

	it('gives each HTML file the digest of its bytes, which is the build record’s digest of its text', async () => {
		const outDir = await writeSite(seededRandom(6));
		// A page written from a string with a lone surrogate: the file holds U+FFFD's bytes, and so does the text read back.
		await writeFile(join(outDir, 'odd.html'), `<p>\uD800 half</p>`);
		const built = await readBuiltPages(outDir);
		expect([...built.digests.keys()].sort()).toEqual(
			(await filesOf(outDir)).filter((file) => file.endsWith('.html')),
		);
		for (const [file, digest] of built.digests) {
			const bytes = await readFile(join(outDir, file));
			expect(digest.equals(createHash('sha256').update(bytes).digest()), file).toBe(true);
			expect(digest.toString('base64url').slice(0, 32), file).toBe(
				bodyDigest(bytes.toString('utf8')),
			);
		}
	});

	it('keeps nothing of the pages’ text: 100 pages of 200 KB each, read, hold less than 4 MB', async () => {
		const outDir = await mkdtemp(join(base, 'waymark-built-pages-large-'));
		made.push(outDir);
		for (let n = 0; n < 100; n++) {
			await mkdir(join(outDir, `p-${n}`), { recursive: true });
			// Every page names its own bundled file: a name kept as a slice of the page would keep the page.
			await writeFile(
				join(outDir, `p-${n}`, 'index.html'),
				`<script src="/_astro/PageContent-${n}.B9xQwErTyU1.js"></script><p>${'runbook text '.repeat(16_000)}</p>`,
			);
		}
		// Texts of a megabyte or more are kept outside V8's heap: these are not, and neither are their slices.
		const used = () => (
			trimHeap(),
			process.memoryUsage().heapUsed + process.memoryUsage().external
		);
		const before = used();
		const built = await readBuiltPages(outDir);
		expect(used() - before).toBeLessThan(4 * 2 ** 20);
		expect(built.assets.size).toBe(100);
	});
});
