import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import { outputFiles } from '../helpers/output-files.ts';
import { png, scriptedSvg, secretFiles } from '../helpers/secret-shapes.ts';
import { pickItem, seededRandom } from '../helpers/seeded-random.ts';

/**
 * The tool's own routes to the output, generated, on a Docusaurus site: its `static/` folder (served
 * at the site's top) holding every secret shape, dot-files, a scripted SVG and a link leading out,
 * each linked from pages in every form; and `slug`s that climb above the site in every spelling of a
 * dot segment and separator, each aiming at a folder named for it. Built trusted and untrusted.
 */
const random = seededRandom(20261126);
const escape = `wm-escape-${process.pid}-${Date.now()}`;
const climbs = ['..', '%2e%2e', '%2E.', '.%2e', '%2E%2e'];
const separators = ['/', '\\', '%5c', '%2f'];
const slugs = Array.from({ length: 24 }, (_, i) => {
	const depth = 2 + Math.floor(random() * 12);
	const climb = Array.from(
		{ length: depth },
		() => pickItem(random, climbs) + pickItem(random, separators),
	).join('');
	return `${pickItem(random, ['/', '', '\\'])}${climb}${escape}-${i}/x`;
});

let base: string;
let outside: string;
const out = { trusted: '', untrusted: '' };
const results: Record<
	'trusted' | 'untrusted' | 'check',
	{ code: number; stdout: string; stderr: string }
> = {} as never;
/** Where a page links a secret of the static folder: `page:line`. */
const secretLinks: string[] = [];

beforeAll(async () => {
	base = await writeFixture({});
	const site = join(base, 'site');
	const root = join(site, 'docs');
	const statics = join(site, 'static');
	outside = join(base, 'elsewhere');
	const files: Record<string, string | Buffer> = {
		[join(site, 'docusaurus.config.js')]: 'export default { title: "Ops" };\n',
		[join(outside, 'notes.txt')]: 'OUTSIDE-MARKER-txt\n',
		[join(statics, 'img/ok.png')]: png,
		[join(statics, 'files/manual.txt')]: 'STATIC-MARKER-txt\n',
		[join(statics, 'evil.svg')]: scriptedSvg('STATIC-MARKER-svg'),
		[join(statics, '.htpasswd')]: 'admin:$apr1$SECRET-MARKER-dot$x\n',
		[join(statics, '.env')]: 'TOKEN=SECRET-MARKER-dot-env\n',
		[join(root, 'files/inside.txt')]: 'INSIDE-MARKER-txt\n',
		[join(root, 'slugs/fine.md')]: '---\nslug: /fine/route\n---\n# Fine\n',
	};
	const { paths: secrets, files: secretContentsByFile } = secretFiles(statics);
	Object.assign(files, secretContentsByFile);
	slugs.forEach(
		(slug, i) =>
			(files[join(root, `slugs/p${i}.md`)] =
				`---\ntitle: P${i}\nslug: ${JSON.stringify(slug)}\n---\n# P${i}\n`),
	);
	const targets = [
		() => pickItem(random, secrets),
		() => pickItem(random, ['.htpasswd', '.env', 'linked/notes.txt']),
		() => pickItem(random, ['img/ok.png', 'files/manual.txt', 'evil.svg']),
	];
	const forms: Array<(url: string) => string> = [
		(url) => `[file](${url})`,
		(url) => `![picture](${url})`,
		(url) => `<a href="${url}">raw</a>`,
		(url) => `<img src="${url}" alt="x">`,
		(url) => `[ref][r]\n\n[r]: ${url}`,
	];
	for (let i = 0; i < 12; i++) {
		const lines = [`# Page ${i}`, ''];
		for (let n = 0; n < 5; n++) {
			const target = pickItem(random, targets);
			const url = `/${target()}`;
			const text = pickItem(random, forms)(url);
			if (target === targets[0])
				secretLinks.push(
					`static-links/p${i}.md:${lines.length + 1 + text.split('\n').findIndex((l) => l.includes(url))}`,
				);
			lines.push(...text.split('\n'), '');
		}
		files[join(root, `static-links/p${i}.md`)] = lines.join('\n');
	}
	files[join(root, 'intro.md')] =
		'# Ops\n\n[Inside](files/inside.txt) · ![Logo](/img/ok.png) · [Manual](/files/manual.txt) · ![Drawing](/evil.svg)\n';
	for (const [file, content] of Object.entries(files)) {
		await mkdir(dirname(file), { recursive: true });
		await writeFile(file, content);
	}
	await symlink(outside, join(statics, 'linked'));
	await promisify(execFile)('git', ['init', '--quiet', site]);
	// The branch holds its files: an untrusted build publishes none git does not track (`branch-files.ts`).
	await promisify(execFile)('git', ['-C', site, 'add', '-A']);
	out.trusted = join(base, 'out-trusted');
	out.untrusted = join(base, 'out-untrusted');
	results.trusted = await runCli(['build', '--root', root, '--out', out.trusted, '--trusted']);
	results.untrusted = await runCli([
		'build',
		'--root',
		root,
		'--out',
		out.untrusted,
		'--untrusted',
	]);
	results.check = await runCli(['check', '--root', root, '--format', 'json', '--trusted']);
}, 240_000);

afterAll(() => removeFixture(base));

test.each(['trusted', 'untrusted'] as const)(
	'a %s build publishes no secret of the static folder, nothing through its links, no script, and nothing where a slug climbs',
	async (trust) => {
		expect(results[trust].code, results[trust].stderr).toBe(0);
		const files = await outputFiles(out[trust]);
		for (const { path, text } of files) {
			for (const marker of ['OUTSIDE-MARKER', 'SECRET-MARKER', 'SCRIPT-MARKER'])
				expect(text.includes(marker), `${marker} in ${path}`).toBe(false);
			expect(path, path).not.toContain(escape);
			if (path.endsWith('.svg')) expect(text, path).not.toMatch(/<script|\son\w+\s*=|javascript:/i);
		}
		// Nothing named for a slug anywhere above the output folder, at any depth the slugs climbed to.
		for (let dir = out[trust]; ; dir = dirname(dir)) {
			for (let i = 0; i < slugs.length; i++)
				expect(existsSync(join(dir, `${escape}-${i}`)), join(dir, `${escape}-${i}`)).toBe(false);
			if (dirname(dir) === dir) break;
		}
		expect(
			(await readdir(base, { recursive: true })).filter((path) => path.includes(escape)),
		).toEqual([]);
		// Controls: the pages that tried are published at their own route, a fair slug moves its page,
		// the tree's own linked file is published, and a trusted build serves the static folder's files.
		const paths = new Set(files.map((f) => f.path));
		for (let i = 0; i < slugs.length; i++)
			expect(paths.has(`slugs/p${i}/index.html`), slugs[i]).toBe(true);
		expect(paths.has('fine/route/index.html')).toBe(true);
		const all = files.map((f) => f.text).join('\n');
		expect(all).toContain('INSIDE-MARKER-txt');
		for (const marker of ['STATIC-MARKER-txt', 'STATIC-MARKER-svg'])
			expect(all.includes(marker), marker).toBe(trust === 'trusted');
		if (trust === 'trusted') expect(paths.has('img/ok.png')).toBe(true);
	},
);

test('check reports each climbing slug, and each link to a secret of the static folder, as an error at its line', () => {
	const report = JSON.parse(results.check.stdout) as {
		findings: Array<{
			rule: string;
			severity: string;
			file: string;
			line: number;
			message: string;
		}>;
	};
	const errors = report.findings.filter((f) => f.severity === 'error');
	for (let i = 0; i < slugs.length; i++)
		expect(errors.filter((f) => f.file === `slugs/p${i}.md` && f.line === 3).length, slugs[i]).toBe(
			1,
		);
	expect(errors.some((f) => f.file === 'slugs/fine.md')).toBe(false);
	expect(secretLinks.length).toBeGreaterThan(5);
	for (const at of secretLinks)
		expect(
			errors.map((f) => `${f.file}:${f.line}`),
			at,
		).toContain(at);
});
