import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runChecks } from '../../checks/engine.ts';
import { linkCacheFile, readKnownBrokenUrls } from '../../checks/links/link-cache.ts';
import { loadConfig } from '../../config/load-config.ts';
import { siteLinkVerdicts } from '../../integration/link-verdicts.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

let project: string;
const pages = {
	'docs/README.md':
		'# Home\n\n[Ops](ops.md) · [Gone](gone.md) · [Heading](ops.md#roll-back) · [Case](OPS.md)\n\n![Map](map.png)\n\n<a href="raw-gone.md">raw</a>\n\n[Dead](https://dead.example/x) · [Fragment](https://live.example/page#missing) · [Live](https://live.example/page#there)\n',
	'docs/ops.md': '# Ops\n\n## Verify\n',
	'docs/other.md': '# Other\n\nNo links.\n',
};

beforeAll(async () => {
	project = await writeFixture(pages);
});

afterAll(async () => {
	await removeFixture(project);
});

async function treeOf(dir: string) {
	const loaded = await loadConfig({ cwd: dir, root: 'docs' });
	return {
		loaded,
		tree: await loadGuidebookTree(loaded.root, {
			dialect: loaded.config.dialect,
			limits: loaded.config.checks,
		}),
	};
}

describe('internal links', () => {
	test('are judged broken by the site exactly where and why `check` reports them', async () => {
		const { loaded, tree } = await treeOf(project);
		const report = await runChecks({
			root: loaded.root,
			config: loaded.config,
			tree,
			only: ['internal-links'],
		});
		const reported = report.findings.filter((f) => f.file === 'README.md').map((f) => f.message);
		const { verdict } = siteLinkVerdicts(tree, loaded.config);
		const judged = (tree.pages.get('README.md')?.links ?? []).flatMap(
			(link) =>
				verdict('README.md', link.url, link.kind === 'image' ? 'image' : 'file')?.message ?? [],
		);
		expect(judged).toEqual(reported);
		// Positive control: each kind of broken link is among them, and the page that works is not.
		expect(judged.join('\n')).toMatch(
			/missing file `gone\.md`[\s\S]*missing heading `#roll-back`[\s\S]*`OPS\.md`[\s\S]*missing image `map\.png`[\s\S]*missing file `raw-gone\.md`/,
		);
		expect(verdict('README.md', 'ops.md', 'file')).toBeUndefined();
	});

	test('mark nothing when `internal-links` is off; images are still judged', async () => {
		const { loaded, tree } = await treeOf(project);
		loaded.config.checks.rules['internal-links'] = 'off';
		const links = siteLinkVerdicts(tree, loaded.config);
		expect(links.markLinks).toBe(false);
		expect(links.verdict('README.md', 'map.png', 'image')?.message).toContain(
			'missing image `map.png`',
		);
	});

	test("change a page's digest when a heading it links to appears, and no other page's", async () => {
		const before = await treeOf(project);
		const after = await writeFixture({
			...pages,
			'docs/ops.md': '# Ops\n\n## Verify\n\n## Roll back\n',
		});
		try {
			const { tree, loaded } = await treeOf(after);
			const [a, b] = [
				siteLinkVerdicts(before.tree, before.loaded.config).digests,
				siteLinkVerdicts(tree, loaded.config).digests,
			];
			expect(a['README.md']).not.toBe(b['README.md']);
			expect(a['other.md']).toBe(b['other.md']);
		} finally {
			await removeFixture(after);
		}
	});
});

describe('external links', () => {
	const now = Date.UTC(2026, 10, 24);
	const entry = (outcome: object, checkedAt: number, fragments: Record<string, boolean> = {}) => ({
		outcome,
		fragments,
		checkedAt,
		judgedWith: '[]',
	});

	test('are broken where the last `check --external` found them dead or missing a fragment, while its result is fresh', async () => {
		const { loaded, tree } = await treeOf(project);
		const file = linkCacheFile(loaded.config.links, project);
		await mkdir(join(file, '..'), { recursive: true });
		await writeFile(
			file,
			JSON.stringify({
				version: 1,
				entries: {
					'https://dead.example/x': entry(
						{ kind: 'dead', observed: 'status 404', expected: 'status 200-299' },
						now - 1000,
					),
					'https://stale.example/': entry(
						{ kind: 'dead', observed: 'status 404', expected: 'status 200-299' },
						now - 2 * 86_400_000,
					),
					'https://live.example/page': entry({ kind: 'ok', observed: 'status 200' }, now - 1000, {
						missing: false,
						there: true,
					}),
				},
			}),
		);
		const known = await readKnownBrokenUrls(file, loaded.config.links.cache.ttlSeconds, now);
		const { verdict } = siteLinkVerdicts(tree, loaded.config, known);
		expect(verdict('README.md', 'https://dead.example/x', 'file')?.message).toBe(
			'Unexpected status 404, expected status 200-299',
		);
		expect(verdict('README.md', 'https://live.example/page#missing', 'file')?.message).toBe(
			'Unexpected missing fragment `#missing` on https://live.example/page, expected an element with id or name `missing`',
		);
		expect(verdict('README.md', 'https://live.example/page#there', 'file')).toBeUndefined();
		// A text fragment after the id is the browser's: the id alone decides, as `check --external` judged it.
		expect(
			verdict('README.md', 'https://live.example/page#missing:~:text=x', 'file')?.message,
		).toBe(
			'Unexpected missing fragment `#missing` on https://live.example/page, expected an element with id or name `missing`',
		);
		expect(verdict('README.md', 'https://live.example/page#:~:text=x', 'file')).toBeUndefined();
		// A result older than `links.cache.ttlSeconds.dead` (a day) no longer says anything.
		expect(verdict('README.md', 'https://stale.example/', 'file')).toBeUndefined();
	});

	test('are never broken without a cache, or with one that does not parse', async () => {
		expect(
			(
				await readKnownBrokenUrls(
					join(project, 'none.json'),
					{ ok: 1, redirected: 1, dead: 1, unreachable: 1, blocked: 1, 'rate-limited': 1 },
					now,
				)
			).size,
		).toBe(0);
		await writeFile(join(project, 'bad.json'), '{ not json');
		expect(
			(
				await readKnownBrokenUrls(
					join(project, 'bad.json'),
					{ ok: 1, redirected: 1, dead: 1, unreachable: 1, blocked: 1, 'rate-limited': 1 },
					now,
				)
			).size,
		).toBe(0);
	});
});
