import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { hugoSiteOf } from '../../tree/dialect/hugo-site.ts';
import { mountFilesOf, mountFilter } from '../../tree/dialect/hugo-mount-files.ts';
import { loadGuidebookTree, publishedPages } from '../../tree/load-tree.ts';
import { growthRatio } from '../helpers/growth.ts';
import { pick, pickItem, seededRandom, type Random } from '../helpers/seeded-random.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// A Hugo module mount may take only some files of its source (`files`, Hugo 0.153; `includeFiles`
// and `excludeFiles` before it). Found by the corpus: crossplane mounts `content` onto `static`
// for its `**/manifests/**.yaml` alone, and Waymark served the whole folder, every page's
// Markdown of every version among it (421 files no page used).

/**
 * The reference: gobwas/glob's semantics written as plain backtracking over the pattern, with
 * `/` as the separator. Slow on long inputs, exact on the short generated ones.
 */
function referenceGlob(pattern: string, text: string): boolean {
	if (pattern === '') return text === '';
	if (pattern.startsWith('**')) return [...Array(text.length + 1).keys()].some((n) => referenceGlob(pattern.slice(2), text.slice(n)));
	if (pattern[0] === '*') {
		for (let n = 0; n <= text.length; n++) {
			if (referenceGlob(pattern.slice(1), text.slice(n))) return true;
			if (text[n] === '/') return false;
		}
		return false;
	}
	if (pattern[0] === '{') {
		const close = pattern.indexOf('}');
		return pattern
			.slice(1, close)
			.split(',')
			.some((choice) => referenceGlob(choice + pattern.slice(close + 1), text));
	}
	if (text === '') return false;
	if (pattern[0] === '?') return text[0] !== '/' && referenceGlob(pattern.slice(1), text.slice(1));
	if (pattern[0] === '[') {
		const close = pattern.indexOf(']');
		const body = pattern.slice(1, close);
		const negated = body.startsWith('!');
		const set = negated ? body.slice(1) : body;
		const inSet = [...set.matchAll(/(.)-(.)|(.)/g)].some(([, from, to, one]) => (one !== undefined ? text[0] === one : text[0]! >= from! && text[0]! <= to!));
		return inSet !== negated && referenceGlob(pattern.slice(close + 1), text.slice(1));
	}
	return pattern[0] === text[0] && referenceGlob(pattern.slice(1), text.slice(1));
}

function referenceFilter(include: string[], exclude: string[], path: string): boolean {
	const anchored = (pattern: string) => (pattern.startsWith('/') ? pattern : `/${pattern}`).toLowerCase();
	const full = `/${path.toLowerCase()}`;
	const parts = full.split('/');
	for (let end = 2; end <= parts.length; end++) {
		if (exclude.some((pattern) => referenceGlob(anchored(pattern), parts.slice(0, end).join('/')))) return false;
	}
	return include.length === 0 || include.some((pattern) => referenceGlob(anchored(pattern), full));
}

const names = ['manifests', 'Docs', 'img', 'v2.3', 'a.yaml', 'b.md', 'logo.PNG', 'x-y.yml'];
const pieces = ['*', '**', '?', 'manifests', 'docs', 'img', '.yaml', '.md', '/', '[a-c]', '[!x]', '{md,yaml}', '{a,b}*', 'v2.?'];

function randomPath(random: Random): string {
	return Array.from({ length: 1 + pick(random, 4) }, () => pickItem(random, names)).join('/');
}

function randomPattern(random: Random): string {
	const body = Array.from({ length: 1 + pick(random, 5) }, () => pickItem(random, pieces)).join('');
	return pick(random, 2) === 0 ? `/${body}` : body;
}

describe('Hugo mount file filters', () => {
	test('read from `files` (`! ` excludes), `includeFiles` and `excludeFiles`, as a string or a list', () => {
		expect(mountFilesOf({ source: 'content', target: 'static', includeFiles: '**/manifests/**.yaml' })).toEqual({ include: ['**/manifests/**.yaml'], exclude: [] });
		expect(mountFilesOf({ source: 'content', target: 'content', files: ['! drafts/**', '**.md'] })).toEqual({ include: ['**.md'], exclude: ['drafts/**'] });
		expect(mountFilesOf({ source: 'content', target: 'content', excludeFiles: ['a', 'b'] })).toEqual({ include: [], exclude: ['a', 'b'] });
		expect(mountFilesOf({ source: 'content', target: 'content' })).toBeUndefined();
	});

	test('answer as gobwas/glob does under Hugo\'s filter (2,000 generated patterns and paths)', () => {
		const random = seededRandom(20261127);
		let kept = 0;
		for (let n = 0; n < 2000; n++) {
			const include = Array.from({ length: pick(random, 3) }, () => randomPattern(random));
			const exclude = Array.from({ length: pick(random, 2) }, () => randomPattern(random));
			const path = randomPath(random);
			const expected = referenceFilter(include, exclude, path);
			expect(mountFilter({ include, exclude })(path), `include ${JSON.stringify(include)} exclude ${JSON.stringify(exclude)} path ${path}`).toBe(expected);
			if (expected) kept++;
		}
		// Both answers occur often: the generated cases are not all one way.
		expect(kept).toBeGreaterThan(200);
		expect(kept).toBeLessThan(1800);
	});

	test('take time linear in the path and the pattern, whatever they hold', () => {
		const stars = (size: number) => mountFilter({ include: [`${'*a'.repeat(20)}*b`], exclude: [] })(`${'a'.repeat(size)}`);
		expect(growthRatio(stars, 20_000, 80_000)).toBeLessThan(12);
		const brackets = (size: number) => mountFilter({ include: ['['.repeat(size)], exclude: [] })('docs/a.md');
		expect(growthRatio(brackets, 5_000, 20_000)).toBeLessThan(12);
	});

	test('give the folders a static mount serves', () => {
		const site = hugoSiteOf({ module: { mounts: [{ source: 'content', target: 'static', includeFiles: ['**/manifests/**.yaml'] }] } }, '/site');
		expect(site.staticFolders).toEqual([{ dir: '/site/content', servedAt: '', files: { include: ['**/manifests/**.yaml'], exclude: [] } }]);
	});
});

describe('a Hugo tree whose mounts filter files', () => {
	const files = {
		'hugo.yaml': [
			'title: Platform',
			'module:',
			'  mounts:',
			'    - source: content',
			'      target: content',
			'      files: ["! **/drafts/**"]',
			'    - source: content',
			'      target: static',
			'      includeFiles: ["**/manifests/**.yaml"]',
			'',
		].join('\n'),
		'content/docs/_index.md': '---\ntitle: Docs\n---\n\nSee [the deployment](deploy.md).\n',
		'content/docs/deploy.md': '---\ntitle: Deploy\n---\n\nApply [the manifest](/docs/manifests/app.yaml).\n',
		'content/docs/manifests/app.yaml': 'kind: Deployment\n',
		'content/docs/drafts/next.md': '---\ntitle: Next\n---\n\nNot yet.\n',
		'content/docs/drafts/diagram.png': 'png',
	};

	test('publishes what Hugo does: no draft-folder page or file, the manifests alone as static files', async () => {
		const dir = await writeFixture(files);
		try {
			const root = join(dir, 'content/docs');
			const tree = await loadGuidebookTree(root);
			expect(tree.dialect.name).toBe('hugo');
			expect([...tree.pages.keys()].sort()).toEqual(['_index.md', 'deploy.md']);
			expect(tree.excludedPages).toContain('drafts/next.md');
			expect(tree.files.assets).not.toContain('drafts/diagram.png');
			expect([...(tree.staticFiles?.files.keys() ?? [])]).toEqual(['docs/manifests/app.yaml']);
			expect((await publishedPages(root, 'hugo')).sort()).toEqual(['_index.md', 'deploy.md']);
		} finally {
			await removeFixture(dir);
		}
	});
});
