import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { hugoSiteOf } from '../../tools/hugo/site.ts';
import { filenameFilter, mountFilesOf, mountFilter } from '../../tools/hugo/mount-files.ts';
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
	if (pattern.startsWith('**'))
		return [...Array(text.length + 1).keys()].some((n) =>
			referenceGlob(pattern.slice(2), text.slice(n)),
		);
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
		const inSet = [...set.matchAll(/(.)-(.)|(.)/g)].some(([, from, to, one]) =>
			one !== undefined ? text[0] === one : text[0]! >= from! && text[0]! <= to!,
		);
		return inSet !== negated && referenceGlob(pattern.slice(close + 1), text.slice(1));
	}
	return pattern[0] === text[0] && referenceGlob(pattern.slice(1), text.slice(1));
}

/** Hugo's `expandFilenameGlobPattern`: each run of `/`, `**`, `/` may also be `/`, every variant kept. */
function expandVariants(pattern: string): string[] {
	const patterns = [pattern];
	for (let i = 0; i < patterns.length; i++) {
		const p = patterns[i] as string;
		for (let j = 0; ;) {
			const at = p.indexOf('/**/', j);
			if (at === -1) break;
			const variant = p.slice(0, at + 1) + p.slice(at + 4);
			if (!patterns.includes(variant)) patterns.push(variant);
			j = at + 4;
		}
	}
	return patterns;
}

/** Hugo's `NewFilenameFilterV2` and `doMatch`, over the reference globs. */
function referenceMatch(patterns: string[], path: string, isFolder: boolean): boolean {
	const full = (path.startsWith('/') ? path : `/${path}`).toLowerCase();
	let hasInclude = false;
	for (const written of patterns) {
		const exclude = written.startsWith('! ');
		const base = (exclude ? written.slice(2) : written).toLowerCase();
		for (const variant of expandVariants(base.startsWith('/') ? base : `/${base}`)) {
			if (exclude) {
				if (referenceGlob(variant, full)) return false;
				continue;
			}
			if (referenceGlob(variant, full)) return true;
			hasInclude = true;
			const dir = variant.slice(0, Math.max(variant.lastIndexOf('/'), 0)).split('/');
			for (let i = 0; i < dir.length; i++)
				if (isFolder && referenceGlob(`/${dir.slice(1, i + 1).join('/')}`, full)) return true;
		}
	}
	return !hasInclude;
}

function referenceFilter(patterns: string[], path: string): boolean {
	const parts = `/${path}`.split('/');
	for (let end = 2; end < parts.length; end++)
		if (!referenceMatch(patterns, parts.slice(0, end).join('/'), true)) return false;
	return referenceMatch(patterns, path, false);
}

const names = ['manifests', 'Docs', 'img', 'v2.3', 'a.yaml', 'b.md', 'logo.PNG', 'x-y.yml'];
const pieces = [
	'*',
	'**',
	'?',
	'manifests',
	'docs',
	'img',
	'.yaml',
	'.md',
	'/',
	'/**/',
	'[a-c]',
	'[!x]',
	'{md,yaml}',
	'{a,b}*',
	'v2.?',
];

function randomPath(random: Random): string {
	return Array.from({ length: 1 + pick(random, 4) }, () => pickItem(random, names)).join('/');
}

function randomPattern(random: Random): string {
	const body = Array.from({ length: 1 + pick(random, 5) }, () => pickItem(random, pieces)).join('');
	return pick(random, 2) === 0 ? `/${body}` : body;
}

describe('Hugo mount file filters', () => {
	test('read from `files` (in order, `! ` excludes), else `includeFiles` then `excludeFiles`, as a string or a list', () => {
		expect(
			mountFilesOf({ source: 'content', target: 'static', includeFiles: '**/manifests/**.yaml' }),
		).toEqual({ patterns: ['**/manifests/**.yaml'] });
		expect(
			mountFilesOf({ source: 'content', target: 'content', files: ['**.md', '! drafts/**'] }),
		).toEqual({ patterns: ['**.md', '! drafts/**'] });
		expect(
			mountFilesOf({
				source: 'content',
				target: 'content',
				excludeFiles: ['a', 'b'],
				includeFiles: 'c',
			}),
		).toEqual({ patterns: ['c', '! a', '! b'] });
		expect(mountFilesOf({ source: 'content', target: 'content' })).toBeUndefined();
	});

	// Hugo's own cases (`hugofs/hglob/filename_filter_test.go`, `TestFilenameFilter`).
	test("give Hugo's answers to its own filter's test cases", () => {
		const legacy = (include: string[], exclude: string[]) =>
			filenameFilter(
				mountFilesOf({ includeFiles: include, excludeFiles: exclude }) ?? { patterns: [] },
			);
		const almostNoJson = legacy(['/a/b/c/foo.json'], ['**.json']);
		expect([
			almostNoJson('/data/my.json', false),
			almostNoJson('/a/b/c/foo.json', false),
			almostNoJson('/a/b/c/foo.bar', false),
		]).toEqual([false, true, false]);
		expect(['/a/b/c', '/a/b', '/a', '/', ''].map((folder) => almostNoJson(folder, true))).toEqual([
			true,
			true,
			true,
			true,
			true,
		]);
		const onlyFooJson = legacy(['/a/**/foo.json'], ['**.json']);
		expect([
			onlyFooJson('/data/my.json', false),
			onlyFooJson('/a/b/c/d/e/foo.json', false),
		]).toEqual([false, true]);
		expect(['/a/b/c', '/a/b/', '/', '/b'].map((folder) => onlyFooJson(folder, true))).toEqual([
			true,
			true,
			true,
			false,
		]);
		const includeOnly = legacy(['**.json', '**.jpg'], []);
		expect(['ab.json', 'ab.jpg', 'ab.gif'].map((file) => includeOnly(file, false))).toEqual([
			true,
			true,
			false,
		]);
		const excludeOnly = legacy([], ['**.json', '**.jpg']);
		expect(['ab.json', 'ab.jpg', 'ab.gif'].map((file) => excludeOnly(file, false))).toEqual([
			false,
			false,
			true,
		]);
		// `files`: the first pattern that matches decides.
		const ordered = filenameFilter({ patterns: ['**.md', '! drafts/**'] });
		expect(ordered('/drafts/x.md', false)).toBe(true);
		expect(filenameFilter({ patterns: ['! drafts/**', '**.md'] })('/drafts/x.md', false)).toBe(
			false,
		);
	});

	test("answer as Hugo's filter does over gobwas globs (2,000 generated pattern lists and paths)", () => {
		const random = seededRandom(20261127);
		let kept = 0;
		for (let n = 0; n < 2000; n++) {
			const patterns = Array.from({ length: 1 + pick(random, 3) }, () =>
				pick(random, 3) === 0 ? `! ${randomPattern(random)}` : randomPattern(random),
			);
			const path = randomPath(random);
			const expected = referenceFilter(patterns, path);
			expect(
				mountFilter({ patterns })(path),
				`patterns ${JSON.stringify(patterns)} path ${path}`,
			).toBe(expected);
			if (expected) kept++;
		}
		// Both answers occur often: the generated cases are not all one way.
		expect(kept).toBeGreaterThan(200);
		expect(kept).toBeLessThan(1800);
	});

	test('refuse what cannot run in bounded time: an exclusion then leaves everything out, an inclusion takes nothing', () => {
		expect(mountFilter({ patterns: [`! ${'{a,'.repeat(20_000)}`] })('docs/a.md')).toBe(false);
		expect(mountFilter({ patterns: ['{'.repeat(40) + 'a' + '}'.repeat(40)] })('a')).toBe(false);
		expect(mountFilter({ patterns: ['docs/[a'] })('docs/[a')).toBe(false);
	});

	test('take time linear in the path and the pattern, whatever they hold', () => {
		const stars = (size: number) =>
			mountFilter({ patterns: [`${'*a'.repeat(20)}*b`] })(`${'a'.repeat(size)}`);
		expect(growthRatio(stars, 20_000, 80_000)).toBeLessThan(12);
		const brackets = (size: number) => mountFilter({ patterns: ['['.repeat(size)] })('docs/a.md');
		expect(growthRatio(brackets, 5_000, 40_000)).toBeLessThan(24);
	});

	test('give the folders a static mount serves', () => {
		const site = hugoSiteOf(
			{
				module: {
					mounts: [{ source: 'content', target: 'static', includeFiles: ['**/manifests/**.yaml'] }],
				},
			},
			'/site',
		);
		expect(site.staticFolders).toEqual([
			{ dir: '/site/content', servedAt: '', files: { patterns: ['**/manifests/**.yaml'] } },
		]);
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
		'content/docs/deploy.md':
			'---\ntitle: Deploy\n---\n\nApply [the manifest](/docs/manifests/app.yaml).\n',
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
			expect([...tree.excludedPages.keys()]).toContain('drafts/next.md');
			expect(tree.files.assets).not.toContain('drafts/diagram.png');
			expect([...(tree.staticFiles?.files.keys() ?? [])]).toEqual(['docs/manifests/app.yaml']);
			expect((await publishedPages(root, 'hugo')).sort()).toEqual(['_index.md', 'deploy.md']);
		} finally {
			await removeFixture(dir);
		}
	});
});
