import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';

// GitHub looks a link's fragment up in lower case too: `[why](#Motivation)` reaches
// `## Motivation` (id `motivation`) there, as rust-lang's infra runbooks link it; GitLab matches
// exactly. Links in generated casings, in a GitHub tree and the same pages in a GitLab tree: the
// first has no finding and each link's fragment on the site is an id of the page it points at; the
// second reports each one. An id written in capitals in raw HTML stays as written.

const headings = ['Motivation', 'Restore the primary', 'Check replication lag', 'Roll back'];
const slug = (heading: string) => heading.toLowerCase().replaceAll(' ', '-');
const random = seededRandom(2026);
const recase = (text: string) =>
	[...text].map((char) => (pick(random, 2) ? char.toUpperCase() : char.toLowerCase())).join('');
/** Each link's fragment in a casing other than the id's. */
const casings = headings.map((heading) => {
	let cased = recase(slug(heading));
	while (cased === slug(heading)) cased = recase(slug(heading));
	return cased;
});

const pages = {
	'README.md': [
		'# Database',
		'',
		...headings.map((heading, i) => `See [${heading}](restore.md#${casings[i]}).`),
		'',
		`And [the anchor](restore.md#Raw-Anchor), [here](#${casings[0]}) and [by reference][lag].`,
		'',
		`[lag]: restore.md#${casings[2]}`,
		'',
		`<p><a href="restore.md#${casings[3]}">Roll back, in HTML</a></p>`,
		'',
		`## ${headings[0]}`,
		'',
		'Why.',
		'',
	].join('\n'),
	'restore.md': [
		'# Restore',
		'',
		...headings.flatMap((heading) => [`## ${heading}`, '', 'Steps.', '']),
		'<a id="Raw-Anchor"></a>',
		'',
		'Anchored.',
		'',
	].join('\n'),
};

let github: { check: CliResult; build: CliResult; dir: string };
let gitlab: CliResult;
let mdbook: CliResult;

beforeAll(async () => {
	const dir = await writeFixture(
		Object.fromEntries(Object.entries(pages).map(([path, text]) => [`docs/${path}`, text])),
	);
	const gitlabDir = await writeFixture({
		...Object.fromEntries(Object.entries(pages).map(([path, text]) => [`docs/${path}`, text])),
		'waymark.config.yaml': 'dialect: gitlab\n',
	});
	github = {
		dir,
		check: await runCli(['check', '--root', 'docs'], { cwd: dir }),
		build: await runCli(['build', '--root', 'docs', '--out', 'site'], {
			cwd: dir,
			env: { WAYMARK_CHROMIUM: '/nonexistent' },
		}),
	};
	gitlab = await runCli(['check', '--root', 'docs', '--config', 'waymark.config.yaml'], {
		cwd: gitlabDir,
	});
	await removeFixture(gitlabDir);
	// An mdBook is read as GitHub Markdown, but its pages match ids exactly.
	const bookDir = await writeFixture({
		...Object.fromEntries(Object.entries(pages).map(([path, text]) => [`docs/${path}`, text])),
		'book.toml': '[book]\ntitle = "Database"\nsrc = "docs"\n',
	});
	mdbook = await runCli(['check', '--root', 'docs'], { cwd: bookDir });
	await removeFixture(bookDir);
}, 300_000);

afterAll(async () => {
	await removeFixture(github.dir);
});

test('check finds no broken fragment in a GitHub tree, whatever their case', () => {
	expect(github.check.stdout).not.toContain('missing heading');
	expect(github.check.code).toBe(0);
});

test('the same links in a GitLab tree and an mdBook are each reported, as their pages match ids exactly', () => {
	for (const run of [gitlab, mdbook]) {
		const missing = run.stdout.split('\n').filter((line) => line.includes('missing heading'));
		// Four to restore.md, one on the page itself, one by reference, one in HTML.
		expect(missing).toHaveLength(7);
	}
});

test('on the site every fragment is an id of the page it points at; a capitalised raw id keeps its case', async () => {
	expect(github.build.code).toBe(0);
	const read = async (route: string) =>
		parseHTML(await readFile(join(github.dir, 'site', route, 'index.html'), 'utf8')).document;
	const home = await read('');
	const restore = await read('restore');
	const ids = {
		'': new Set([...home.querySelectorAll('[id]')].map((element) => element.id)),
		restore: new Set([...restore.querySelectorAll('[id]')].map((element) => element.id)),
	};
	const links = [...home.querySelectorAll('main a[href*="#"]')]
		.map((a) => a.getAttribute('href') ?? '')
		.filter((href) => !href.startsWith('http'));
	expect(links.length).toBeGreaterThanOrEqual(8);
	for (const href of links) {
		const [path = '', fragment = ''] = href.split('#');
		const target = path.includes('restore') ? ids.restore : ids[''];
		expect(target.has(decodeURIComponent(fragment)), href).toBe(true);
	}
	expect(links.filter((href) => href.endsWith('#Raw-Anchor'))).toHaveLength(1);
});
