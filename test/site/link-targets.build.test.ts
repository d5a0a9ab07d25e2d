import { execFile } from 'node:child_process';
import { appendFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import { outputFiles } from '../helpers/output-files.ts';

/**
 * The class "a symbolic link the branch commits shows what the walk never would", generated:
 * every target the site leaves out by name (`.git/config`, a dot folder, `node_modules`, a git
 * repository planted in the tree) or, in an untrusted build, because the branch does not hold it
 * (a git-ignored file, an untracked one the runner wrote), linked as a file, as a page, from a
 * subfolder and as a folder, with the guidebook root at the repository's top (`root: .`). Built
 * trusted and untrusted, and checked; every file written is read for the targets' markers.
 */
const run = promisify(execFile);
let repo: string;
const out = { trusted: '', untrusted: '' };
const results: Record<
	'trusted' | 'untrusted' | 'check',
	{ code: number; stdout: string; stderr: string }
> = {} as never;

/** Targets, each holding its marker; `always` ones are never published, the others only by a trusted build. */
const targets = [
	{ path: '.git/config', marker: 'GIT-CONFIG-MARKER', always: true },
	{ path: '.ops/token.txt', marker: 'DOT-FOLDER-MARKER', always: true },
	{ path: 'node_modules/pkg/notes.txt', marker: 'NODE-MODULES-MARKER', always: true },
	{ path: 'vendor/planted/config', marker: 'PLANTED-MARKER', always: true },
	// Held by the branch, but a secret by its name: a link named otherwise (`l70.txt`) holds it too.
	{ path: 'keys/team.kdbx', marker: 'KDBX-MARKER', always: true },
	{ path: 'sa.json', marker: 'IGNORED-MARKER', always: false },
	{ path: 'build/gen.txt', marker: 'IGNORED-FOLDER-MARKER', always: false },
	{ path: 'stray.txt', marker: 'UNTRACKED-MARKER', always: false },
];
/** How the branch links each target: the link's path, and whether it links the target's folder. */
const forms = [
	(n: number) => ({ link: `l${n}.txt`, folder: false }),
	(n: number) => ({ link: `sub/deeper/l${n}.txt`, folder: false }),
	(n: number) => ({ link: `pages/l${n}.md`, folder: false }),
	(n: number) => ({ link: `dir${n}`, folder: true }),
];
/** Every link to target `n`: a folder link only where the target has a folder below the root. */
function linksTo(n: number): Array<{ link: string; folder: boolean }> {
	const target = targets[n] as (typeof targets)[number];
	return forms
		.map((form, f) => form(n * 10 + f))
		.filter(({ folder }) => !folder || target.path.includes('/'));
}

/** Links to a file the branch holds: published by both builds (the control). */
const control = { path: 'notes/ok.txt', marker: 'INSIDE-OK-MARKER' };

beforeAll(async () => {
	repo = await writeFixture({
		// `stray.txt` is not ignored: the branch's `.gitignore` is the branch's to write, so only what git tracks counts.
		'.gitignore': 'sa.json\nbuild/\n',
		[control.path]: `${control.marker}\n`,
		'.ops/token.txt': 'DOT-FOLDER-MARKER\n',
		'node_modules/pkg/notes.txt': 'NODE-MODULES-MARKER\n',
		'vendor/planted/HEAD': 'ref: refs/heads/main\n',
		'vendor/planted/objects/info/packs': '\n',
		'vendor/planted/refs/heads/main': '0000000000000000000000000000000000000000\n',
		'vendor/planted/config': '[core]\n\tbare = true\n# PLANTED-MARKER\n',
		'keys/team.kdbx': 'KDBX-MARKER\n',
	});
	const git = (...args: string[]) =>
		run('git', ['-c', 'user.email=t@example.lab', '-c', 'user.name=t', ...args], { cwd: repo });
	await git('init', '-q', '-b', 'main');
	await appendFile(join(repo, '.git/config'), '[waymark]\n\tmarker = GIT-CONFIG-MARKER\n');
	// Linked as they are, too: what git ignores is left out of an untrusted build however it is reached.
	const page = [
		'# Runbooks',
		'',
		`[ok](okl.txt)`,
		'[key](sa.json)',
		'![output](build/gen.txt)',
		'[stray](stray.txt)',
	];
	targets.forEach((target, n) => {
		for (const { link, folder } of linksTo(n))
			page.push(`[${link}](${folder ? `${link}/${target.path.split('/').pop()}` : link})`);
	});
	await writeFile(join(repo, 'README.md'), `${page.join('\n\n')}\n`);
	await symlink(control.path, join(repo, 'okl.txt'));
	for (const [n, target] of targets.entries()) {
		for (const { link, folder } of linksTo(n)) {
			await mkdir(dirname(join(repo, link)), { recursive: true });
			const to = folder ? dirname(target.path) : target.path;
			await symlink(relative(dirname(join(repo, link)), join(repo, to)), join(repo, link));
		}
	}
	await git('add', '-A');
	await git('add', '-f', 'node_modules/pkg/notes.txt');
	await git('commit', '-q', '-m', 'branch');
	// What the runner has and the branch does not, written after the commit.
	await writeFile(join(repo, 'sa.json'), '{"key": "IGNORED-MARKER"}\n');
	await mkdir(join(repo, 'build'), { recursive: true });
	await writeFile(join(repo, 'build/gen.txt'), 'IGNORED-FOLDER-MARKER\n');
	await writeFile(join(repo, 'stray.txt'), 'UNTRACKED-MARKER\n');
	out.trusted = `${repo}-trusted`;
	out.untrusted = `${repo}-untrusted`;
	results.trusted = await runCli(['build', '--root', repo, '--out', out.trusted, '--trusted']);
	results.untrusted = await runCli([
		'build',
		'--root',
		repo,
		'--out',
		out.untrusted,
		'--untrusted',
	]);
	results.check = await runCli(['check', '--root', repo, '--format', 'json', '--untrusted']);
}, 240_000);

afterAll(async () => {
	for (const dir of [repo, out.trusted, out.untrusted]) await removeFixture(dir);
});

test.each(['trusted', 'untrusted'] as const)(
	'a %s build publishes nothing a link leads to that the site would not publish by its own name',
	async (trust) => {
		expect(results[trust].code, results[trust].stderr).toBe(0);
		const all = (await outputFiles(out[trust])).map((file) => file.text).join('\n');
		for (const target of targets.filter((t) => t.always))
			expect(all, target.marker).not.toContain(target.marker);
		if (trust === 'untrusted')
			for (const target of targets) expect(all, target.marker).not.toContain(target.marker);
		expect(all).toContain(control.marker);
		// And `waymark serve` runs no probe of the untrusted one (server/probe-manifest.ts).
		const manifest = JSON.parse(
			await readFile(join(out[trust], '_waymark/probes.json'), 'utf8'),
		) as { trust?: string };
		expect(manifest.trust).toBe(trust);
	},
);

test('check reports each link it does not follow, at the link', () => {
	const report = JSON.parse(results.check.stdout) as {
		findings: Array<{ rule: string; file: string; message: string }>;
	};
	// One the branch does not hold is reported where a page links it, naming it (`README.md`: Unexpected link to `l70.txt`, …).
	const named = (f: { file: string; message: string }): string =>
		f.file === 'README.md'
			? (/^Unexpected link to `([^`]+)`, a .*the branch does not hold/.exec(f.message)?.[1] ??
				f.file)
			: f.file;
	const refused = new Set(
		report.findings
			.filter(
				(f) =>
					f.rule === 'readable-files' &&
					/symbolic link to|symbolic link loop|the branch does not hold|file that holds/.test(
						f.message,
					),
			)
			.map(named),
	);
	for (const [n, target] of targets.entries()) {
		for (const { link } of linksTo(n)) {
			// A folder link's files are reported under the link (`dir40/gen.txt`) when the branch does not hold them.
			const at = [...refused].some((file) => file === link || file.startsWith(`${link}/`));
			expect(at, `${link} → ${target.path}`).toBe(true);
		}
	}
	expect([...refused].some((file) => file === 'okl.txt')).toBe(false);
});

test.each(['trusted', 'untrusted'] as const)(
	'a %s MkDocs build pulls no snippet from `.git`, and an untrusted one none the branch does not hold',
	async (trust) => {
		const site = await writeFixture({
			'mkdocs.yml':
				'site_name: Ops\ndocs_dir: docs\nplugins:\n  - macros:\n      include_yaml:\n        - docs/runner-vars.yml\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: ["."]\n',
			// A repository cloned inside the root (a vendored tool's docs): its `.git/config` is inside the root.
			'docs/index.md':
				'# Ops\n\n--8<-- "docs/vendor/.git/config"\n\n--8<-- "docs/stray.txt"\n\n--8<-- "docs/ok.txt"\n\nRegion: {{ region_note }}\n',
			'docs/vendor/README.md': '# Vendor\n',
			'docs/ok.txt': 'SNIPPET-OK-MARKER\n',
		});
		try {
			await run('git', ['init', '-q', '-b', 'main'], { cwd: join(site, 'docs/vendor') });
			await appendFile(
				join(site, 'docs/vendor/.git/config'),
				'[http]\n\textraheader = AUTHORIZATION: basic GIT-CONFIG-SNIPPET-MARKER\n',
			);
			await run('git', ['init', '-q', '-b', 'main'], { cwd: site });
			await run('git', ['add', 'mkdocs.yml', 'docs/index.md', 'docs/ok.txt'], { cwd: site });
			await writeFile(join(site, 'docs/stray.txt'), 'STRAY-SNIPPET-MARKER\n');
			// Variables of a file the runner wrote, which `include_yaml` names.
			await writeFile(join(site, 'docs/runner-vars.yml'), 'region_note: RUNNER-VARS-MARKER\n');
			const built = await runCli([
				'build',
				'--root',
				join(site, 'docs'),
				'--out',
				`${site}-out`,
				`--${trust}`,
			]);
			expect(built.code, built.stderr).toBe(0);
			const all = (await outputFiles(`${site}-out`)).map((file) => file.text).join('\n');
			expect(all).not.toContain('GIT-CONFIG-SNIPPET-MARKER');
			expect(all.includes('STRAY-SNIPPET-MARKER')).toBe(trust === 'trusted');
			expect(all.includes('RUNNER-VARS-MARKER')).toBe(trust === 'trusted');
			expect(all).toContain('SNIPPET-OK-MARKER');
		} finally {
			await removeFixture(site);
			await removeFixture(`${site}-out`);
		}
	},
	120_000,
);

test.each(['trusted', 'untrusted'] as const)(
	'a %s mdBook build includes no file from `.git`, and an untrusted one none the branch does not hold',
	async (trust) => {
		const site = await writeFixture({
			'book.toml': '[book]\nsrc = "docs"\n',
			'docs/README.md':
				'# Ops\n\n```ini\n{{#include vendor/.git/config}}\n```\n\n{{#include stray.txt}}\n\n{{#include ok.txt}}\n',
			'docs/vendor/README.md': '# Vendor\n',
			'docs/ok.txt': 'INCLUDE-OK-MARKER\n',
		});
		try {
			await run('git', ['init', '-q', '-b', 'main'], { cwd: join(site, 'docs/vendor') });
			await appendFile(
				join(site, 'docs/vendor/.git/config'),
				'[http]\n\textraheader = AUTHORIZATION: basic GIT-CONFIG-INCLUDE-MARKER\n',
			);
			await run('git', ['init', '-q', '-b', 'main'], { cwd: site });
			await run('git', ['add', 'book.toml', 'docs/README.md', 'docs/ok.txt'], { cwd: site });
			await writeFile(join(site, 'docs/stray.txt'), 'STRAY-INCLUDE-MARKER\n');
			const built = await runCli([
				'build',
				'--root',
				join(site, 'docs'),
				'--out',
				`${site}-out`,
				`--${trust}`,
			]);
			expect(built.code, built.stderr).toBe(0);
			const all = (await outputFiles(`${site}-out`)).map((file) => file.text).join('\n');
			expect(all).not.toContain('GIT-CONFIG-INCLUDE-MARKER');
			expect(all.includes('STRAY-INCLUDE-MARKER')).toBe(trust === 'trusted');
			expect(all).toContain('INCLUDE-OK-MARKER');
		} finally {
			await removeFixture(site);
			await removeFixture(`${site}-out`);
		}
	},
	120_000,
);

test('an untrusted Hugo build publishes no static file that is a link to something the branch does not hold', async () => {
	const site = await writeFixture({
		'hugo.toml': 'title = "Ops"\nstaticDir = ["content/files", "static"]\n',
		'content/_index.md': '# Ops\n\n[pub](/pub.txt)\n',
		'content/files/kept.txt': 'STATIC-KEPT-MARKER\n',
	});
	try {
		await symlink('secret.txt', join(site, 'content/files/pub.txt'));
		await run('git', ['init', '-q', '-b', 'main'], { cwd: site });
		await run('git', ['add', '-A'], { cwd: site });
		await writeFile(join(site, 'content/files/secret.txt'), 'STATIC-LINKED-MARKER\n');
		const built = await runCli([
			'build',
			'--root',
			join(site, 'content'),
			'--out',
			`${site}-out`,
			'--untrusted',
		]);
		expect(built.code, built.stderr).toBe(0);
		const all = (await outputFiles(`${site}-out`)).map((file) => file.text).join('\n');
		expect(all).not.toContain('STATIC-LINKED-MARKER');
		expect(all).toContain('STATIC-KEPT-MARKER');
	} finally {
		await removeFixture(site);
		await removeFixture(`${site}-out`);
	}
}, 120_000);
