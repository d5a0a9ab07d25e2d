import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { png } from '../helpers/content-mutations.ts';
import { loadPage } from '../helpers/dom.ts';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';
import { pickItem, seededRandom } from '../helpers/seeded-random.ts';

// "No picture a page names can end the build": generated. Pictures in the tree, in a folder the
// site never publishes, elsewhere in the repository, above it, or nowhere; named plainly, `./`,
// through a detour by an existing or a missing folder, root-absolute, percent-encoded; PNG, SVG or
// not a picture at all; from pages at three depths, in a repository outside Waymark's install.
// The build must publish every one it can show and a placeholder for the others, and exit 0.
// Found by it: two shapes ended the build (a detour, an SVG outside the root), and pictures whose
// names pages percent-encode (`café.svg`) were removed from the site as loaded by nobody.

const svg =
	'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20"><desc>images-never-break</desc><rect width="40" height="20" fill="#0a3069"/></svg>\n';
const places = {
	tree: 'docs/img',
	skipped: 'docs/.attachments',
	repository: 'shared/pictures',
	above: '../elsewhere',
	nowhere: 'docs/gone',
} as const;
type Place = keyof typeof places;
const names = ['flow', 'my pic', 'café', '@scope', '-dash', 'v1.2', 'diagram (1)', "it's", 'a&b'];
const kinds = { png: png, svg, corrupt: 'not a picture\n' } as const;
type Kind = keyof typeof kinds;
const forms = ['plain', 'dot', 'detour', 'missing detour', 'root-absolute', 'encoded'] as const;
const pages = ['README.md', 'ops/README.md', 'ops/deep/restore.md'];

interface Picture {
	page: string;
	place: Place;
	kind: Kind;
	file: string;
	href: string;
	form: (typeof forms)[number];
	alt: string;
	/** Shown as a picture (else a placeholder): it exists, the site may publish it, and it is one or comes from the tree as a file. */
	shown: boolean;
}

function generate(count: number): Picture[] {
	const random = seededRandom(20261125);
	return Array.from({ length: count }, (_, n) => {
		const page = pickItem(random, pages);
		const place = pickItem(random, Object.keys(places) as Place[]);
		const kind = pickItem(random, Object.keys(kinds) as Kind[]);
		const file = `${places[place]}/${pickItem(random, names)}-${n}.${kind === 'svg' ? 'svg' : 'png'}`;
		const from = posix.dirname(`docs/${page}`);
		const plain = posix.relative(from, file);
		// Above the repository there is no root-absolute path to it.
		const form = pickItem(
			random,
			place === 'above' ? forms.filter((f) => f !== 'root-absolute') : forms,
		);
		const href = {
			plain,
			dot: plain.startsWith('../') ? plain : `./${plain}`,
			detour: `${posix.relative(from, 'docs/ops') || '.'}/../${posix.relative('docs', file)}`,
			'missing detour': `${posix.relative(from, 'docs/nope') || '.'}/../${posix.relative('docs', file)}`,
			'root-absolute': `/${file}`,
			encoded: encodeURI(plain),
		}[form];
		const exists = place !== 'nowhere' && place !== 'above';
		// The tree's own files are published as they are; anything else is bundled, so it must be a picture.
		const shown = exists && (place === 'tree' || kind !== 'corrupt');
		return { page, place, kind, file, href, form, alt: `picture ${n}`, shown };
	});
}

const pictures = generate(72);
let project: string;
let build: CliResult;
let throughLink: CliResult;

beforeAll(async () => {
	const files: Record<string, string | Buffer> = {};
	for (const picture of pictures)
		if (picture.place !== 'nowhere')
			files[`repo/${picture.file}`.replace('repo/../', '')] = kinds[picture.kind];
	for (const page of pages) {
		const lines = pictures
			.filter((picture) => picture.page === page)
			.map((picture) => `![${picture.alt}](${picture.href.replaceAll(' ', '%20')})`);
		files[`repo/docs/${page}`] = [`# ${page}`, '', ...lines.flatMap((line) => [line, '']), ''].join(
			'\n',
		);
	}
	project = await writeFixture(files, { outsideInstall: true });
	await promisify(execFile)('git', ['init', '--quiet', join(project, 'repo')]);
	build = await runCli(['build', '--root', 'docs', '--out', '../site'], {
		cwd: join(project, 'repo'),
		env: { WAYMARK_CHROMIUM: '/nonexistent' },
		timeoutMs: 300_000,
	});
	// The same tree named through a symbolic link: a picture beside the root is beside the folder, not the link.
	await symlink(join(project, 'repo/docs'), join(project, 'docs-link'));
	throughLink = await runCli(['build', '--root', '../docs-link', '--out', '../site-link'], {
		cwd: join(project, 'repo'),
		env: { WAYMARK_CHROMIUM: '/nonexistent' },
		timeoutMs: 300_000,
	});
}, 330_000);

afterAll(async () => {
	await removeFixture(project);
});

test('the generated pictures cover every place, kind and form', () => {
	expect(new Set(pictures.map((p) => p.place)).size).toBe(Object.keys(places).length);
	expect(new Set(pictures.map((p) => p.kind)).size).toBe(Object.keys(kinds).length);
	expect(new Set(pictures.map((p) => p.page)).size).toBe(pages.length);
	expect(new Set(pictures.map((p) => p.form)).size).toBe(forms.length);
	expect(new Set(pictures.map((p) => p.file.replace(/^.*\/|-\d+\.\w+$/g, ''))).size).toBe(
		names.length,
	);
	expect(pictures.some((p) => p.shown) && pictures.some((p) => !p.shown)).toBe(true);
});

test('publishes with exit 0 and no internal error', () => {
	expect(build.code, build.stderr).toBe(0);
	expect(`${build.stdout}${build.stderr}`).not.toMatch(/bug in Waymark|\[ERROR\]/);
});

test('shows each picture it can, from a file the site publishes, and a placeholder for each other', async () => {
	await expectPictures(join(project, 'site'));
});

test('shows the same pictures with the root named through a symbolic link', async () => {
	expect(throughLink.code, throughLink.stderr).toBe(0);
	await expectPictures(join(project, 'site-link'));
});

async function expectPictures(site: string): Promise<void> {
	for (const page of pages) {
		const route = page === 'README.md' ? '/' : `/${page.replace(/(README)?\.md$/, '')}`;
		const document = await loadPage(site, route);
		for (const picture of pictures.filter((p) => p.page === page)) {
			const label = `${picture.href} (${picture.place}, ${picture.kind}) on ${page}`;
			const image = document.querySelector(`img[alt="${picture.alt}"]`);
			const placeholder = [...document.querySelectorAll('.wm-image-missing')].find((box) =>
				box.getAttribute('aria-label')?.endsWith(`(${picture.alt})`),
			);
			if (picture.shown) {
				expect(image, label).not.toBeNull();
				const src = image?.getAttribute('src') ?? '';
				expect(src.startsWith('/'), `${label}: ${src}`).toBe(true);
				expect(
					existsSync(join(site, decodeURI(src.replace(/[?#].*$/, '')))),
					`${label}: ${src}`,
				).toBe(true);
			} else {
				expect(image, label).toBeNull();
				expect(placeholder, label).toBeDefined();
			}
		}
	}
}
