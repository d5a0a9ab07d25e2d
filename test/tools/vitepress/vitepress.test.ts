import type { Heading } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { describe, expect, test } from 'vitest';
import { growthRatio } from '../../helpers/growth.ts';
import { parseVitepressConfig } from '../../../tools/vitepress/config.ts';
import { vitepressHeadingSlugger, vitepressSlug } from '../../../tools/vitepress/heading-ids.ts';
import { pagesByPublishedPath, vitepressPageOf } from '../../../tools/vitepress/links.ts';
import {
	publishedPath,
	vitepressRouteForPath,
	type VitepressPlace,
} from '../../../tools/vitepress/pages.ts';
import { rewriteVitepressSource } from '../../../tools/vitepress/source.ts';

describe('config', () => {
	test('reads the keys written as literals and never runs the file', () => {
		const config = parseVitepressConfig(`import { defineConfig } from 'vitepress'
const nav = compute() // {title: 'no'}
export default defineConfig({
  title: "Ops", srcDir: './src', base: '/ops/', cleanUrls: true,
  srcExclude: ['**/README.md', "drafts/**"],
  rewrites: { 'packages/:pkg/src/(.*)': ':pkg/(.*)', "old.md": 'new.md' },
  markdown: { config: (md) => { md.use(container, 'success', { render }) } },
  themeConfig: { nav, sidebar: { '/guide/': [{ text: 'Setup', link: '/guide/setup' }, { text: \`Computed \${x}\`, link: '/guide/b' }] } },
})`);
		expect(config).toEqual({
			title: 'Ops',
			srcDir: 'src',
			base: '/ops/',
			cleanUrls: true,
			srcExclude: ['**/README.md', 'drafts/**'],
			rewrites: [
				['packages/:pkg/src/(.*)', ':pkg/(.*)'],
				['old.md', 'new.md'],
			],
			sidebar: [{ text: 'Setup', link: '/guide/setup' }, { link: '/guide/b' }],
			containers: ['success'],
		});
	});

	test('keeps the defaults for what is computed', () => {
		expect(
			parseVitepressConfig('export default defineConfig({ title: process.env.T, srcDir: dir })'),
		).toEqual({
			srcDir: '.',
			base: '/',
			cleanUrls: false,
			rewrites: [],
			srcExclude: [],
			sidebar: [],
			containers: [],
		});
	});
});

describe('heading ids', () => {
	test('spells ids as VitePress: a leading digit after `_`, punctuation one `-`, accents out', () => {
		expect([
			'1. Automatic upgrade',
			'Setup & teardown',
			'Émile’s “notes”',
			'API: v2/v3',
			'---x---',
			'Ünïcödé 日本',
		]).toEqual([
			'1. Automatic upgrade',
			'Setup & teardown',
			'Émile’s “notes”',
			'API: v2/v3',
			'---x---',
			'Ünïcödé 日本',
		]);
		expect(
			[
				'1. Automatic upgrade',
				'Setup & teardown',
				'Émile’s “notes”',
				'API: v2/v3',
				'---x---',
				'Ünïcödé 日本',
			].map(vitepressSlug),
		).toEqual([
			'_1-automatic-upgrade',
			'setup-teardown',
			'emile-s-notes',
			'api-v2-v3',
			'x',
			'unicode-日本',
		]);
	});

	test('counts repeats as `-1`, `-2`, takes `{#id}`, and leaves a badge and HTML out', () => {
		const headings = fromMarkdown(
			'## Setup\n## Setup\n## Setup {#own}\n## Setup\n## Run `kubectl` <kbd>x</kbd>\n## Beta \u2060` since 2.4 `',
		).children as Heading[];
		const slugger = vitepressHeadingSlugger();
		expect(headings.map((heading) => slugger.next(heading).id)).toEqual([
			'setup',
			'setup-1',
			'own',
			'setup-2',
			'run-kubectl-x',
			'beta',
		]);
	});
});

describe('routes and links', () => {
	const place: VitepressPlace = {
		rootInSrc: '',
		srcInRoot: '',
		rewrites: [
			['runbooks/legacy.md', 'runbooks/restore.md'],
			['packages/:pkg/src/(.*)', ':pkg/(.*)'],
		],
		base: '/ops/',
	};
	const pages = pagesByPublishedPath(
		[
			'index.md',
			'README.md',
			'guide/index.md',
			'guide/setup.md',
			'runbooks/legacy.md',
			'packages/db/src/backup.md',
		],
		place,
	);
	const reach = (from: string, href: string) => vitepressPageOf(from, href, place, pages);

	test('routes only `index.md` as a folder page, and applies `rewrites`', () => {
		expect(
			['index.md', 'README.md', 'guide/index.md', 'guide/setup.md'].map(vitepressRouteForPath),
		).toEqual(['/', '/README/', '/guide/', '/guide/setup/']);
		expect(publishedPath('packages/db/src/backup.md', place.rewrites)).toBe('db/backup.md');
		expect(publishedPath('runbooks/legacy.md', place.rewrites)).toBe('runbooks/restore.md');
	});

	test("reaches a page by `x`, `x.md`, `x.html`, `x/`, from `srcDir`'s top, the base left out, from the rewritten path", () => {
		expect(reach('guide/setup.md', './index')).toEqual({ path: 'guide/index.md', hash: '' });
		expect(reach('guide/setup.md', './')).toEqual({ path: 'guide/index.md', hash: '' });
		expect(reach('guide/setup.md', '../runbooks/restore.html#before-you-start')).toEqual({
			path: 'runbooks/legacy.md',
			hash: 'before-you-start',
		});
		expect(reach('guide/setup.md', '/ops/db/backup')).toEqual({
			path: 'packages/db/src/backup.md',
			hash: '',
		});
		expect(reach('packages/db/src/backup.md', '../guide/setup.md')).toEqual({
			path: 'guide/setup.md',
			hash: '',
		});
		expect(reach('guide/setup.md', '/')).toEqual({ path: 'index.md', hash: '' });
		expect(reach('guide/setup.md', '/guide/missing')).toBeUndefined();
		expect(reach('guide/setup.md', '/images/logo.png')).toBeUndefined();
		expect(reach('guide/setup.md', 'https://example.com/x')).toBeUndefined();
	});
});

describe('rewrite', () => {
	const rewrite = (text: string, frontmatter?: Record<string, unknown>) =>
		rewriteVitepressSource(
			text,
			{ path: 'a.md', pages: new Set(['a.md']), ...(frontmatter && { frontmatter }) },
			{ title: 'Ops' },
		);

	test("writes containers as the site's callouts, nested ones with more colons, and leaves unknown ones to the foreign pass", () => {
		const { text, notes } = rewrite(
			[
				'::: tip Heads up',
				'x',
				':::',
				'::: details',
				'y',
				':::',
				'::: danger STOP {foo}',
				'::: info',
				'z',
				':::',
				':::',
				'::: custom',
				'w',
				':::',
				'::: raw',
				'<b>r</b>',
				':::',
			].join('\n'),
		);
		expect(text.split('\n')).toEqual([
			':::tip[Heads up]',
			'x',
			':::',
			':::note[Details]{collapse=closed}',
			'y',
			':::',
			'::::danger[STOP]',
			':::info',
			'z',
			':::',
			'::::',
			'::: custom',
			'w',
			':::',
			'',
			'<b>r</b>',
			'',
		]);
		expect(notes).toEqual([]);
	});

	test('writes `vitepress-plugin-tabs` as tabs holding callouts, and a registered container as a block of its class', () => {
		const { text } = rewriteVitepressSource(
			[
				':::tabs key:os',
				'== Linux',
				'::: success',
				'ok',
				':::',
				'== macOS',
				'brew',
				':::',
				'::: checklist Before',
				'x',
				':::',
			].join('\n'),
			{ path: 'a.md', pages: new Set(['a.md']) },
			{ containers: ['success', 'checklist'] },
		);
		expect(text.split('\n')).toEqual([
			'',
			'::::tab[Linux]',
			':::success[Success]',
			'ok',
			':::',
			'::::',
			'::::tab[macOS]',
			'brew',
			'::::',
			':::note[Before]',
			'x',
			':::',
		]);
	});

	test('reads a container indented inside a list item, keeping its indentation', () => {
		const { text } = rewrite(
			['1. Copy the key', '    ::: tip Tip', '    Make sure the folder exists.', '    :::'].join(
				'\n',
			),
		);
		expect(text.split('\n')).toEqual([
			'1. Copy the key',
			'    :::tip[Tip]',
			'    Make sure the folder exists.',
			'    :::',
		]);
	});

	test("writes a code group as tabs titled by its blocks' labels, the file's lines kept through origins", () => {
		const { text, origins } = rewrite(
			[
				'::: code-group',
				'```sh [npm]',
				'npm i',
				'```',
				'```ts:line-numbers{2}',
				'let a',
				'```',
				':::',
			].join('\n'),
		);
		expect(text.split('\n')).toEqual([
			'',
			':::tab[npm]',
			'```sh',
			'npm i',
			'```',
			':::',
			':::tab[ts]',
			'```ts',
			'let a',
			'```',
			':::',
		]);
		expect(origins).toEqual([1, 2, 2, 3, 4, 5, 5, 5, 6, 7, 8]);
	});

	test('fills in front matter values, names other expressions in a notice, and leaves code alone', () => {
		const { text, notes } = rewrite(
			'---\nowner: ops\n---\nBy {{ $frontmatter.owner }} on {{ $site.title }}: {{ count + 1 }} `{{ x }}`\n```\n{{ y }}\n```',
			undefined,
		);
		expect(text.split('\n').slice(3)).toEqual([
			'By ops on Ops: *(Vue expression “count + 1” is not shown here)* `{{ x }}`',
			'```',
			'{{ y }}',
			'```',
		]);
		expect(notes.map((note) => `${note.line}:${note.column}`)).toEqual(['4:51']);
	});

	test("leaves out `<script setup>` and `<style>`, shows a badge's text and ClientOnly's children, `[[toc]]` as the site's", () => {
		const { text } = rewrite(
			[
				'<script setup>',
				"import X from './x.vue'",
				'</script>',
				'## Beta <Badge type="tip" text="new" />',
				'<ClientOnly>',
				'kept',
				'</ClientOnly>',
				'[[toc]]',
				'<style scoped>',
				'.a{}',
				'</style>',
			].join('\n'),
		);
		expect(text.split('\n')).toEqual([
			'',
			'',
			'',
			'## Beta \u2060` new `',
			'',
			'kept',
			'',
			'::toc',
			'',
			'',
			'',
		]);
	});

	test("draws a home page's hero and features from its front matter", () => {
		const { text } = rewrite('', {
			layout: 'home',
			hero: {
				name: 'Ops',
				text: 'Runbooks',
				tagline: 'Fast',
				image: { src: '/logo.svg', alt: 'Logo' },
				actions: [{ text: 'Start', link: '/start' }],
			},
			features: [{ title: 'Backups', details: 'Nightly' }],
		});
		expect(text).toBe(
			'**Ops** Runbooks\n\nFast\n\n![Logo](</logo.svg>)\n\n[Start](</start>)\n\n- **Backups**: Nightly\n\n',
		);
	});
});

describe('badges cost their length', () => {
	const rewrite = (text: string) =>
		rewriteVitepressSource(text, { path: 'a.md', pages: new Set(['a.md']) }, { title: 'Ops' });
	// A badge with text reads up to its close; one never closed may not scan the rest of the line
	// from every opener (the fixtures' badges are all self-closing, so the growth test has none).
	const openers = [
		'<Badge>',
		'<Badge type="tip">beta',
		'<Badge type="tip">beta</Badge',
		'<Badge text="x"',
	];
	test.each(openers)('a line of %j repeated grows about as it does', (opener) => {
		const line = (n: number) => `## Status ${Array(n).fill(opener).join(' ')}\n`;
		expect(growthRatio((n) => rewrite(line(n)), 500, 4_000, 2)).toBeLessThan(30);
	});

	test('a badge with text shows the text, the next badge its own', () => {
		expect(
			rewrite('## A <Badge type="tip">beta</Badge> <Badge type="info">new</Badge>\n').text,
		).toBe('## A \u2060` beta ` \u2060` new `\n');
	});
});
