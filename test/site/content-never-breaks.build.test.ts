import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadPage } from '../helpers/dom.ts';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';

// Everything a Markdown file or a tree can hold, in one tree built through the CLI: each case is a
// finding at file:line (or simply renders), and every other page is published.
const png = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64',
);
const aliasBomb = [
	'a: &a [x, x, x, x, x, x, x, x, x]',
	...'bcdefghi'
		.split('')
		.map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`),
].join('\n');

let project: string;
let build: CliResult;
let check: CliResult;
const out = () => join(project, 'dist');

beforeAll(async () => {
	project = await writeFixture({
		'docs/README.md': '# Home\n\n[Ops](ops.md) · [Alert](runbooks/Alert.md) · [A](a/README.md)\n',
		'docs/ops.md': '# Ops\n\nRestart the worker.\n',
		'docs/runbooks/Alert.md': '# Alert\n\nSilence it first.\n',
		'docs/runbooks/Alert': '# Alert (a copy without an extension)\n',
		'docs/404.html.md': '# Not found (Middleman)\n',
		'docs/index.html.md': '# Home (Middleman)\n',
		'docs/404.md': '# Not found (Jekyll)\n',
		'docs/status.md': '# Status\n',
		'docs/_astro/x.md': '# Under _astro\n',
		'docs/pagefind/y.md': '# Under pagefind\n',
		'docs/_waymark/z.md': '# Under _waymark\n',
		'docs/a.md': '# A as a file\n',
		'docs/a/README.md': '# A as a folder\n\nThe folder page.\n',
		'docs/headings.md': `# Many headings\n\n${Array.from({ length: 10_000 }, (_, i) => `## Step ${i}\n`).join('\n')}`,
		'docs/long-line.md': `# Long line\n\n${'word '.repeat(200_000)}\n`,
		'docs/nul.md': '# NUL\n\nbefore\u0000after\n',
		'docs/crlf.md': '# Windows lines\r\n\r\nSee [ops](ops.md).\r\n',
		'docs/bom.md': '\uFEFF# With a BOM\n\nText.\n',
		'docs/latin1.md': Buffer.from(
			'# Caf\xe9\n\nLe caf\xe9 est pr\xeat, \xe0 c\xf4t\xe9 de la cl\xe9.\n',
			'latin1',
		),
		'docs/wide-table.md': `# Wide table\n\n|${Array.from({ length: 5000 }, (_, i) => `c${i}`).join('|')}|\n|${'-|'.repeat(5000)}\n|${'x|'.repeat(5000)}\n`,
		'docs/images.md':
			'# Images\n\n![topology](missing.png)\n\n![old diagram](../../img/x.png)\n\n![broken path](%zz.png)\n\n![not a picture](../img/corrupt.png)\n\n![fine](../img/ok.png)\n\n![inside](pics/ok.png)\n',
		'docs/pics/ok.png': png,
		'img/ok.png': png,
		'img/corrupt.png': 'not a png',
		'docs/broken.mdx': '# Broken MDX\n\n<Chart data={\n\nThe text stays readable.\n',
		'docs/chart.mdx':
			"import Chart from './chart.jsx';\n\n# Chart\n\n<Chart />\n\nText below the chart.\n",
		'docs/good.mdx': "import data from './data.json';\n\n# Good MDX\n\nService: {data.name}\n",
		'docs/data.json': '{ "name": "Dolibarr" }\n',
		'docs/bomb.md': `---\n${aliasBomb}\n---\n# Alias bomb\n\nBody.\n`,
	});
	[build, check] = await Promise.all([
		runCli(['build', '--root', 'docs', '--out', 'dist'], { cwd: project, timeoutMs: 240_000 }),
		runCli(['check', '--root', 'docs'], { cwd: project }),
	]);
}, 300_000);

afterAll(async () => {
	await removeFixture(project);
});

test('builds the site with exit 0, and `check` stays the gate with exit 1', () => {
	expect(build.code, build.stderr).toBe(0);
	expect(build.stderr).toBe('');
	expect(build.stdout).toMatch(
		/^Built 15 guidebook pages, plus the status and 404 pages, into dist\/ with \d+ errors and \d+ warnings; run `waymark check` for the gate$/m,
	);
	expect(check.code).toBe(1);
});

const pages: Array<[string, string, string]> = [
	['the home page', '/', 'Ops · Alert · A'],
	['a page beside an extension-less file of its name', '/runbooks/Alert/', 'Silence it first.'],
	['the folder page of a route a file page also has', '/a/', 'The folder page.'],
	['a page of 10,000 headings', '/headings/', 'Step 9999'],
	['a page with a 1 MB line', '/long-line/', 'word word'],
	['a page with Windows line ends', '/crlf/', 'See ops.'],
	['a page starting with a byte order mark', '/bom/', 'Text.'],
	['a table of 5,000 columns', '/wide-table/', 'c4999'],
	['MDX that does not compile, as Markdown', '/broken/', 'The text stays readable.'],
	[
		'MDX importing a file that does not exist, the rest of it as MDX',
		'/chart/',
		'Text below the chart.',
	],
	[
		'the component of that import as a notice',
		'/chart/',
		'Component <Chart> is not shown: it is imported from ./chart.jsx, a file that does not exist.',
	],
	['MDX that compiles, as MDX (the control)', '/good/', 'Service: Dolibarr'],
	['a page whose frontmatter is an alias bomb', '/bomb/', 'Body.'],
	// Decoded as GitHub decodes it (Windows-1252 here), under a notice.
	['a page that is not UTF-8, decoded', '/latin1/', 'Le café est prêt, à côté de la clé.'],
	[
		'the notice above that page',
		'/latin1/',
		"This page's file is not UTF-8, so it is shown decoded as windows-1252",
	],
];

test.each(pages)('publishes %s', async (_name, route, text) => {
	const doc = await loadPage(out(), route);
	expect(doc.querySelector('.prose')?.textContent).toContain(text);
});

// Each case: the finding `build` prints (file from the working directory, line:column, severity, message start).
const findings: Array<[string, string, RegExp]> = [
	[
		'an extension-less file where a page writes its folder',
		'docs/runbooks/Alert',
		/1:1 +warning +Unexpected file where the site writes the page `runbooks\/Alert\.md`/,
	],
	[
		"`404.html.md`, Middleman's not-found page",
		'docs/404.html.md',
		/1:1 +error +Unexpected page whose route `\/404\/` is the site's own \(the not-found page\)/,
	],
	[
		"`index.html.md`, Middleman's home page beside the README",
		'docs/index.html.md',
		/1:1 +error +Unexpected second page for the route `\/` \(`README\.md` has it\)/,
	],
	[
		'`404.md`, the not-found route',
		'docs/404.md',
		/1:1 +error +Unexpected page whose route `\/404\/` is the site's own \(the not-found page\)/,
	],
	[
		'`status.md`, the status route',
		'docs/status.md',
		/1:1 +error +Unexpected page whose route `\/status\/` is the site's own/,
	],
	['a page in `_astro/`', 'docs/_astro/x.md', /1:1 +error +Unexpected page under `_astro\/`/],
	['a page in `pagefind/`', 'docs/pagefind/y.md', /1:1 +error +Unexpected page under `pagefind\/`/],
	['a page in `_waymark/`', 'docs/_waymark/z.md', /1:1 +error +Unexpected page under `_waymark\/`/],
	[
		"a file page with its folder page's route",
		'docs/a.md',
		/1:1 +error +Unexpected second page for the route `\/a\/` \(`a\/README\.md` has it\)/,
	],
	['NUL bytes', 'docs/nul.md', /3:1 +error +Unexpected the file is binary/],
	[
		'invalid UTF-8',
		'docs/latin1.md',
		/1:1 +error +Unexpected text that is not valid UTF-8, expected a readable UTF-8 Markdown file\. The site shows it decoded as windows-1252/,
	],
	[
		'a missing image',
		'docs/images.md',
		/3:1 +error +Unexpected link to missing image `missing\.png`/,
	],
	[
		'a broken image path',
		'docs/images.md',
		/7:1 +error +Unexpected link to missing image `%zz\.png`/,
	],
	[
		'an image outside the tree that is not a picture',
		'docs/images.md',
		/9:1 +error +Unexpected image `\.\.\/img\/corrupt\.png` outside the tree that is not a readable PNG file/,
	],
	[
		'MDX that does not compile',
		'docs/broken.mdx',
		/6:1 +error +Unexpected MDX syntax error \(Unexpected end of file in expression/,
	],
	[
		'MDX importing a file that does not exist',
		'docs/chart.mdx',
		/1:1 +warning +Unexpected import of `\.\/chart\.jsx`, a file that does not exist/,
	],
	[
		'an alias bomb in frontmatter',
		'docs/bomb.md',
		/2:1 +error +Unexpected YAML syntax: Excessive alias count/,
	],
];

test.each(findings)('reports %s at its file and line', (_name, file, line) => {
	const section = build.stdout.split('\n\n').find((block) => block.startsWith(`${file}\n`));
	expect(section, `no findings for ${file}`).toBeDefined();
	expect(section).toMatch(line);
});

describe('what the site leaves out, it leaves out whole', () => {
	test('keeps its own not-found page, search index and assets', async () => {
		expect(await readFile(join(out(), '404.html'), 'utf8')).not.toContain('Not found (Middleman)');
		expect((await stat(join(out(), 'pagefind/pagefind.js'))).isFile()).toBe(true);
		expect((await loadPage(out(), '/')).querySelector('.prose')?.textContent).not.toContain(
			'Middleman',
		);
	});

	test.each([
		'404.html/index.html',
		'index.html/index.html',
		'_astro/x/index.html',
		'pagefind/y/index.html',
		'_waymark/z/index.html',
		'nul/index.html',
	])('writes no %s', async (path) => {
		expect(await stat(join(out(), path)).catch(() => undefined)).toBeUndefined();
	});

	test("keeps the page's folder where the extension-less file would have gone", async () => {
		expect((await stat(join(out(), 'runbooks/Alert'))).isDirectory()).toBe(true);
		expect((await stat(join(out(), 'runbooks/Alert/index.html'))).isFile()).toBe(true);
	});
});

describe('images', () => {
	test.each([
		['missing.png', 'Image not found: missing.png (topology)'],
		['../../img/x.png', 'Image not found: ../../img/x.png (old diagram)'],
		['%zz.png', 'Image not found: %zz.png (broken path)'],
		['../img/corrupt.png', 'Image cannot be shown: ../img/corrupt.png (not a picture)'],
	])('shows a placeholder for %s', async (_url, label) => {
		const doc = await loadPage(out(), '/images/');
		const boxes = [...doc.querySelectorAll('.prose [role="img"].wm-image-missing')].map((box) =>
			box.getAttribute('aria-label'),
		);
		expect(boxes).toContain(label);
	});

	test('keeps the images it can show: from the tree as a file, from outside it bundled', async () => {
		const doc = await loadPage(out(), '/images/');
		const sources = [...doc.querySelectorAll('.prose img')].map(
			(img) => img.getAttribute('src') ?? '',
		);
		expect(sources).toHaveLength(2);
		expect(sources).toContain('/pics/ok.png');
		expect(sources.find((src) => src.startsWith('/_astro/'))).toBeDefined();
		expect((await stat(join(out(), 'pics/ok.png'))).isFile()).toBe(true);
	});
});
