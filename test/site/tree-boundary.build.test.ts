import { execFile } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import { outputFiles } from '../helpers/output-files.ts';
import {
	png,
	scriptedSvg,
	secretContents,
	secretFiles,
	secretNames,
} from '../helpers/secret-shapes.ts';
import { pickItem, seededRandom } from '../helpers/seeded-random.ts';

/**
 * The class "something from outside the tree, or secret, reaches the output", generated: pages
 * that link, show, embed and declare files of every kind (secret by name or content, outside the
 * repository, in the repository outside the root, through symbolic links, SVGs with scripts,
 * unlinked files) in Markdown, reference definitions, raw HTML and frontmatter, with a tool config
 * linked out of the repository. One tree, built trusted and untrusted; every file written is read.
 */
const random = seededRandom(20261125);

let base: string;
let repo: string;
let outside: string;
const out = { trusted: '', untrusted: '' };
const results: Record<
	'trusted' | 'untrusted' | 'check',
	{ code: number; stdout: string; stderr: string }
> = {} as never;
/** Lines of pages that link a secret file: `page:line`. */
const secretLinks: string[] = [];

beforeAll(async () => {
	base = await writeFixture({});
	repo = join(base, 'repo');
	outside = join(base, 'elsewhere');
	const root = join(repo, 'docs');
	const files: Record<string, string | Buffer> = {
		[join(outside, 'outsidepic.png')]: png,
		[join(outside, 'outside.svg')]: scriptedSvg('OUTSIDE-MARKER-svg'),
		[join(outside, 'notes.txt')]: 'OUTSIDE-MARKER-txt\n',
		[join(outside, 'hugo.yaml')]: 'params:\n  leak: OUTSIDE-MARKER-param\n',
		[join(repo, 'other/repopic.png')]: png,
		[join(repo, 'other/repo.svg')]: scriptedSvg('REPO-MARKER-svg'),
		[join(root, 'img/inside.svg')]: scriptedSvg('INSIDE-MARKER-svg'),
		[join(root, 'img/unused.svg')]: scriptedSvg('UNLINKED-MARKER-svg'),
		[join(root, 'files/inside.txt')]: 'INSIDE-MARKER-txt\n',
		[join(root, 'files/unlinked.txt')]: 'UNLINKED-MARKER-txt\n',
		[join(root, 'public/kept.txt')]: 'PUBLIC-MARKER-txt\n',
	};
	const { paths: secrets, files: secretContentsByFile } = secretFiles(root);
	Object.assign(files, secretContentsByFile);
	// Every page is a mix of references, each written in one of the forms a page links a file with.
	const kinds: Array<(from: string) => string> = [
		(from) => rel(from, join(root, pickItem(random, secrets))),
		(from) =>
			rel(from, join(outside, pickItem(random, ['outsidepic.png', 'outside.svg', 'notes.txt']))),
		(from) => rel(from, join(repo, pickItem(random, ['other/repopic.png', 'other/repo.svg']))),
		(from) =>
			rel(
				from,
				join(
					root,
					pickItem(random, ['links/out.svg', 'linked-dir/notes.txt', 'linked-dir/outside.svg']),
				),
			),
		(from) => rel(from, join(root, pickItem(random, ['img/inside.svg', 'files/inside.txt']))),
		() => pickItem(random, ['/other/repo.svg', '/img/inside.svg', '/../elsewhere/outside.svg']),
	];
	const forms: Array<(url: string) => string> = [
		(url) => `[file](${url})`,
		(url) => `![picture](${url})`,
		(url) => `[ref][r${pickItem(random, [1, 2, 3])}]\n\n[r${pickItem(random, [1, 2, 3])}]: ${url}`,
		(url) => `<img src="${url}" alt="x">`,
		(url) => `<a href="${url}">raw</a>`,
		(url) => `<picture><source srcset="${url} 1x"><img src="${url}"></picture>`,
	];
	for (let i = 0; i < 24; i++) {
		const path = `${pickItem(random, ['', 's1/', 's1/s2/'])}p${i}.md`;
		const from = join(root, path);
		const lines = [`# Page ${i}`, '', 'Team: {{< param "leak" >}}', ''];
		const frontmatter = [`image: ${kinds[1]?.(from)}`, `cover: ${kinds[0]?.(from)}`];
		if (i === 0)
			frontmatter.push(
				'probes:',
				'  - id: erp',
				'    http: https://ops:PROBE-MARKER-url@erp.example.lab/',
				'    headers: { Authorization: "Bearer PROBE-MARKER-header" }',
			);
		for (let n = 0; n < 5; n++) {
			const kind = pickItem(random, kinds);
			const url = kind(from);
			const text = pickItem(random, forms)(url);
			// The line the URL is on: after `---`, the frontmatter, `---` and the lines before.
			const line =
				frontmatter.length +
				2 +
				lines.length +
				1 +
				text.split('\n').findIndex((l) => l.includes(url));
			if (kind === kinds[0]) secretLinks.push(`${path}:${line}`);
			lines.push(...text.split('\n'), '');
		}
		files[from] = `---\n${frontmatter.join('\n')}\n---\n${lines.join('\n')}`;
	}
	files[join(root, 'README.md')] =
		`# Home\n\n${Array.from({ length: 24 }, (_, i) => `- [p${i}](${relative(root, Object.keys(files).find((f) => f.endsWith(`/p${i}.md`)) ?? '')})`).join('\n')}\n\n[kept](public/kept.txt)\n`;
	for (const [file, content] of Object.entries(files)) {
		await mkdir(dirname(file), { recursive: true });
		await writeFile(file, content);
	}
	await mkdir(join(root, 'links'), { recursive: true });
	await symlink(join(outside, 'outside.svg'), join(root, 'links/out.svg'));
	await symlink(outside, join(root, 'linked-dir'));
	await symlink(join(outside, 'hugo.yaml'), join(repo, 'hugo.yaml'));
	await promisify(execFile)('git', ['init', '--quiet', repo]);
	// The branch holds its files: an untrusted build publishes none git does not track (`branch-files.ts`).
	await promisify(execFile)('git', ['-C', repo, 'add', '-A']);
	out.trusted = join(base, 'out-trusted');
	out.untrusted = join(base, 'out-untrusted');
	// Not silent: the build's line on what it copied is part of what is tested.
	results.trusted = await runCli(['build', '--root', root, '--out', out.trusted, '--trusted'], {
		env: { WAYMARK_LOG_LEVEL: 'info' },
	});
	results.untrusted = await runCli(
		['build', '--root', root, '--out', out.untrusted, '--untrusted'],
		{ env: { WAYMARK_LOG_LEVEL: 'info' } },
	);
	results.check = await runCli(['check', '--root', root, '--format', 'json', '--trusted']);
}, 240_000);

afterAll(() => removeFixture(base));

function rel(fromPage: string, target: string): string {
	return relative(dirname(fromPage), target);
}

test.each(['trusted', 'untrusted'] as const)(
	'a %s build publishes nothing from outside the tree, no secret and no script in an SVG',
	async (trust) => {
		expect(results[trust].code, results[trust].stderr).toBe(0);
		const files = await outputFiles(out[trust]);
		const forbidden = [
			'OUTSIDE-MARKER',
			'SECRET-MARKER',
			'PROBE-MARKER',
			'UNLINKED-MARKER',
			'SCRIPT-MARKER',
			...(trust === 'untrusted' ? ['REPO-MARKER'] : []),
		];
		for (const { path, text } of files) {
			for (const marker of forbidden)
				expect(text.includes(marker), `${marker} in ${path}`).toBe(false);
			expect(/outsidepic|id_rsa|tfstate|vault_secrets/.test(path), path).toBe(false);
			if (trust === 'untrusted') expect(path.includes('repopic'), path).toBe(false);
			if (path.endsWith('.svg')) expect(text, path).not.toMatch(/<script|\son\w+\s*=|javascript:/i);
		}
		// Controls: what the pages link inside the tree, and the public folder, are published (cleaned),
		// and a trusted build bundles the repository's pictures the pages show.
		const all = files.map((f) => f.text).join('\n');
		for (const marker of ['INSIDE-MARKER-svg', 'INSIDE-MARKER-txt', 'PUBLIC-MARKER-txt'])
			expect(all, marker).toContain(marker);
		if (trust === 'trusted') expect(all).toContain('REPO-MARKER-svg');
		expect(results[trust].stdout + results[trust].stderr).toMatch(
			new RegExp(
				`Copied \\d+ files from the tree \\(left out 2 that no page links, ${secretNames.length + secretContents.length} that hold secrets\\)`,
			),
		);
	},
);

test('check reports each secret file on every run, and each link to one as an error at its line', () => {
	const report = JSON.parse(results.check.stdout) as {
		findings: Array<{
			rule: string;
			severity: string;
			file: string;
			line: number;
			message: string;
		}>;
	};
	const secretFiles = report.findings.filter(
		(f) => f.rule === 'readable-files' && f.message.startsWith('Unexpected file that holds'),
	);
	expect(secretFiles.length).toBe(secretNames.length + secretContents.length);
	const links = report.findings.filter(
		(f) =>
			f.rule === 'readable-files' &&
			/^Unexpected link to `.*`, a file that holds/.test(f.message) &&
			f.severity === 'error',
	);
	expect(secretLinks.length).toBeGreaterThan(5);
	for (const at of secretLinks)
		expect(
			links.map((f) => `${f.file}:${f.line}`),
			at,
		).toContain(at);
});
