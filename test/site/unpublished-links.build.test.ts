import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadPage } from '../helpers/dom.ts';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';
import { outputFiles } from '../helpers/output-files.ts';

// Files of the tree the site never publishes (hidden files and folders, `node_modules`, `dist`),
// linked from pages: on GitLab and GitHub such a link works (`.gitlab-ci.yml`, `.github/workflows/`,
// an `.attachments/` picture), so the site links the file on the forge and bundles the picture, and
// the checks never call it missing (found in GitLab.com's runbooks, whose README links
// `../.gitlab-ci.yml`). The pictures are generated: every skipped kind of folder, from pages at
// every depth, written plainly and through a detour, so none reaches the bundler as a name it
// takes for a package (`.attachments/a.png` did, and ended the build); PNG and SVG (an SVG ended a
// branch under review's build). What git ignores is no file of the forge, and a picture that holds
// a key is never published from there either.

const png = Buffer.from(
	'89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
		'1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
	'hex',
);
const svg =
	'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20"><desc>unpublished-links</desc><rect width="40" height="20" fill="#0a3069"/></svg>\n';
const keySvg =
	'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><desc>-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAnever-published\n-----END RSA PRIVATE KEY-----</desc></svg>\n';
const skippedFolders = ['.attachments', '.gitlab/images', 'node_modules/pictures', 'dist'];
const pagePaths = ['README.md', 'ops/README.md', 'ops/deep/restore.md'];

/**
 * A picture per skipped folder, linked from each page: as a relative path, or through a detour by
 * `ops/` (`ops/../.attachments/a.png`); every third one as a reference image, whose definition is
 * a picture's address, never a link to a file the site leaves out.
 */
function pictures(): Array<{ page: string; file: string; href: string; reference: boolean }> {
	return pagePaths.flatMap((page, p) =>
		skippedFolders.map((folder, f) => {
			const file = `${folder}/p${p}-f${f}.${(p + f) % 2 === 0 ? 'png' : 'svg'}`;
			const from = posix.dirname(page);
			const href =
				f % 2 === 0
					? posix.relative(from, file)
					: `${posix.relative(from, 'ops') || '.'}/../${file}`;
			return { page, file, href, reference: (p + f) % 3 === 0 };
		}),
	);
}

let repo: string;
let outside: string;
let build: CliResult;
let checkWithForge: CliResult;
let checkWithoutForge: CliResult;
let checkOutsideGit: CliResult;
let buildOutsideGit: CliResult;
let buildUntrusted: CliResult;
const linked = pictures();

function treeFiles(): Record<string, string | Buffer> {
	const files: Record<string, string | Buffer> = {
		'docs/.gitlab-ci.yml': 'stages: [test]\n',
		'docs/.github/workflows/ci.yml': 'on: push\n',
		'docs/.env': 'DATABASE_PASSWORD=hunter2-never-published\n',
		'docs/.attachments/key.svg': keySvg,
		'docs/.cache/report.html': '<p>made on a laptop</p>\n',
		'.gitignore': 'docs/.cache/\n',
	};
	for (const { file } of linked) files[`docs/${file}`] = file.endsWith('.svg') ? svg : png;
	for (const page of pagePaths) {
		const up = '../'.repeat(page.split('/').length - 1);
		const images = linked
			.filter((picture) => picture.page === page)
			.map((picture, n) =>
				picture.reference
					? `![picture ${n}][picture-${n}]\n\n[picture-${n}]: ${picture.href}`
					: `![picture ${n}](${picture.href})`,
			);
		files[`docs/${page}`] = [
			`# ${page}`,
			'',
			`The pipeline: [CI](${up}.gitlab-ci.yml), [workflow](${up}.github/workflows/ci.yml), [gone](${up}.github/missing.yml).`,
			'',
			...images,
			'',
		].join('\n');
	}
	files['docs/README.md'] =
		`${String(files['docs/README.md'])}\nNot for the site: [the settings](.env), ![the key](.attachments/key.svg), [a local report](.cache/report.html).\n`;
	return files;
}

beforeAll(async () => {
	repo = await writeFixture(treeFiles(), { outsideInstall: true });
	await promisify(execFile)('git', ['init', '--quiet', repo]);
	const env = { WAYMARK_LOG_LEVEL: 'info', WAYMARK_CHROMIUM: '/nonexistent' };
	checkWithoutForge = await runCli(['check', '--root', 'docs', '--format', 'json'], { cwd: repo });
	await writeFile(
		join(repo, 'waymark.config.yaml'),
		'root: docs\nsite:\n  repoUrl: https://gitlab.com/example-ops/runbooks\n',
	);
	checkWithForge = await runCli(['check', '--format', 'json'], { cwd: repo });
	build = await runCli(['build', '--out', 'site'], { cwd: repo, env });
	buildUntrusted = await runCli(['build', '--untrusted', '--out', 'site-untrusted'], {
		cwd: repo,
		env,
	});
	outside = await writeFixture(treeFiles(), { outsideInstall: true });
	checkOutsideGit = await runCli(['check', '--root', 'docs', '--format', 'json'], { cwd: outside });
	buildOutsideGit = await runCli(['build', '--root', 'docs', '--out', 'site'], {
		cwd: outside,
		env,
	});
}, 300_000);

afterAll(async () => {
	await removeFixture(repo);
	await removeFixture(outside);
});

type Finding = { file: string; rule: string; severity: string; message: string };
const findings = (result: CliResult): Finding[] =>
	(JSON.parse(result.stdout) as { findings: Finding[] }).findings.filter(
		(finding) => finding.rule === 'internal-links',
	);

test('in git, with the forge named, only what git does not have is reported: a missing file, an ignored one', () => {
	const reported = findings(checkWithForge);
	expect(reported.map((finding) => `${finding.file}: ${finding.severity}`).sort()).toEqual(
		[...pagePaths, 'README.md'].map((page) => `${page}: error`).sort(),
	);
	expect(
		reported.filter((finding) =>
			/missing file `(\.\.\/)*\.github\/missing\.yml`/.test(finding.message),
		),
	).toHaveLength(pagePaths.length);
	expect(
		reported.filter((finding) =>
			/`\.cache\/report\.html`, a file git ignores/.test(finding.message),
		),
	).toHaveLength(1);
});

test('a picture from a skipped folder that holds a key is reported, never published', () => {
	const parsed = JSON.parse(checkWithForge.stdout) as { findings: Finding[] };
	expect(
		parsed.findings
			.filter(
				(finding) =>
					finding.rule === 'readable-files' &&
					/`\.attachments\/key\.svg` that looks like a private key/.test(finding.message),
			)
			.map((finding) => finding.severity),
	).toEqual(['error']);
});

test('in git, without a forge, links to hidden files are warnings that say why, never "missing"', () => {
	const reported = findings(checkWithoutForge);
	const warnings = reported.filter((finding) => finding.severity === 'warning');
	// The pipeline and workflow links of every page; no picture's definition.
	expect(warnings).toHaveLength(pagePaths.length * 2);
	for (const warning of warnings)
		expect(warning.message).toMatch(
			/, which the site never publishes \(hidden files and folders.*set `site\.repoUrl`/,
		);
	// And the README's `.env`: a secret by its name, never a file to link on the forge.
	expect(reported.filter((finding) => finding.severity === 'error')).toHaveLength(
		pagePaths.length + 1,
	);
	const all = (JSON.parse(checkWithoutForge.stdout) as { findings: Finding[] }).findings;
	expect(
		all.filter(
			(finding) =>
				finding.rule === 'readable-files' &&
				finding.severity === 'error' &&
				/Unexpected link to `\.env`, a file that holds environment variables/.test(finding.message),
		),
	).toHaveLength(1);
});

test('outside git, a link to a file that is there but never published says so', () => {
	// Pictures are bundled from where they are, as inside git: only the links are reported.
	const reported = findings(checkOutsideGit).filter(
		(finding) => !/missing\.yml/.test(finding.message),
	);
	expect(reported).toHaveLength(pagePaths.length * 2 + 2);
	for (const finding of reported) {
		expect(finding.severity).toBe('error');
		expect(finding.message).toMatch(/which the site never publishes/);
		expect(finding.message).not.toMatch(/missing/);
	}
});

const routes = [
	['README.md', '/'],
	['ops/README.md', '/ops/'],
	['ops/deep/restore.md', '/ops/deep/restore/'],
] as const;

/** Every picture a page links is bundled (`/_astro/…`), none a placeholder. */
async function expectPicturesBundled(site: string): Promise<void> {
	for (const [page, route] of routes) {
		const document = await loadPage(site, route);
		const sources = [...document.querySelectorAll('article img')].map(
			(img) => img.getAttribute('src') ?? '',
		);
		expect(sources, page).toHaveLength(linked.filter((picture) => picture.page === page).length);
		for (const src of sources)
			expect(src, page).toMatch(/^\/_astro\/p\d-f\d\.[\w-]+\.(png|webp|svg)$/);
	}
}

test('the site links hidden files on the forge and bundles every picture from a skipped folder', async () => {
	expect(build.code, build.stderr).toBe(0);
	expect(`${build.stdout}\n${build.stderr}`).not.toMatch(/\[ERROR\]|Internal error/);
	for (const [, route] of routes) {
		const hrefs = [
			...(await loadPage(join(repo, 'site'), route)).querySelectorAll('article a'),
		].map((a) => a.getAttribute('href'));
		expect(hrefs).toContain(
			'https://gitlab.com/example-ops/runbooks/-/blob/HEAD/docs/.gitlab-ci.yml',
		);
		expect(hrefs).toContain(
			'https://gitlab.com/example-ops/runbooks/-/blob/HEAD/docs/.github/workflows/ci.yml',
		);
	}
	await expectPicturesBundled(join(repo, 'site'));
});

test('a branch under review shows them too: they are inside its tree', async () => {
	expect(buildUntrusted.code, buildUntrusted.stderr).toBe(0);
	await expectPicturesBundled(join(repo, 'site-untrusted'));
});

test('outside git, the site bundles the same pictures', async () => {
	expect(buildOutsideGit.code, buildOutsideGit.stderr).toBe(0);
	expect(`${buildOutsideGit.stdout}\n${buildOutsideGit.stderr}`).not.toMatch(
		/\[ERROR\]|Internal error/,
	);
	await expectPicturesBundled(join(outside, 'site'));
});

test('nothing of the skipped files is published but the pictures pages show', async () => {
	for (const site of [join(repo, 'site'), join(repo, 'site-untrusted'), join(outside, 'site')]) {
		const files = await outputFiles(site);
		expect(
			files
				.map((file) => file.path)
				.filter((path) =>
					/(^|\/)(\.github|\.gitlab|\.attachments|node_modules|dist)\/|\.gitlab-ci\.yml|\.env/.test(
						path,
					),
				),
		).toEqual([]);
		for (const file of files) {
			expect(file.text, file.path).not.toContain('hunter2-never-published');
			expect(file.text, file.path).not.toContain('PRIVATE KEY');
		}
	}
	expect(await readFile(join(repo, 'docs/.env'), 'utf8')).toContain('hunter2');
});
