import { chmod, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { searchIndexOrNone } from '../../integration/pagefind-index.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

// A build whose Pagefind cannot make the index (no binary for the platform, a binary that cannot
// start, one that crashes, one that never answers) publishes every page without search and says
// why, with exit 0 and no stack trace; the build after it, with Pagefind back, indexes the site
// whole. Each kind of broken Pagefind is a script in `PAGEFIND_BINARY_PATH`, Pagefind's own variable.
let bin: string;
const roots: string[] = [];
// The stall watchdog above Pagefind's own limit of silence (half of it), so a hung Pagefind is Pagefind's
// warning, never the watchdog's exit 2; and far enough above it that a busy machine's slow step is
// not taken for a stall (6 s stopped builds while two others ran beside them).
const pages: Record<string, string> = {
	'README.md': '# Runbooks\n\nOn-call guides.\n',
	'waymark.config.yaml': 'build:\n  stallTimeoutSeconds: 30\n',
};
for (let n = 0; n < 12; n++) pages[`db/svc-${n}.md`] = `# Service ${n}\n\nRestart replica ${n}.\n`;

beforeAll(async () => {
	bin = await writeFixture({
		'crashes/pagefind': '#!/bin/sh\necho "pagefind: cannot map memory" >&2\nexit 3\n',
		'hangs/pagefind': '#!/bin/sh\nexec sleep 600\n',
		'not-executable/pagefind': 'pagefind\n',
	});
	await chmod(join(bin, 'crashes/pagefind'), 0o755);
	await chmod(join(bin, 'hangs/pagefind'), 0o755);
});
afterAll(async () => {
	for (const root of [bin, ...roots, ...roots.map((root) => `${root}-dist`)])
		await removeFixture(root);
});

const broken = [
	[
		'names no file',
		() => join(bin, 'missing/pagefind'),
		/the Pagefind binary `.*missing\/pagefind` \(PAGEFIND_BINARY_PATH\) is not there or cannot be run/,
	],
	[
		'names a file that cannot run',
		() => join(bin, 'not-executable/pagefind'),
		/is not there or cannot be run/,
	],
	[
		'crashes',
		() => join(bin, 'crashes/pagefind'),
		/Search is off in this build: Pagefind's process stopped \(exit code 3\)/,
	],
	[
		'never answers',
		() => join(bin, 'hangs/pagefind'),
		/Search is off in this build: Pagefind's process answered nothing for \d+ s and was stopped/,
	],
] as const;

async function build(root: string, env: Record<string, string>) {
	const built = await runCli(
		[
			'build',
			'--root',
			root,
			'--out',
			`${root}-dist`,
			'--config',
			join(root, 'waymark.config.yaml'),
		],
		{ env: { WAYMARK_LOG_LEVEL: 'info', ...env }, process: true },
	);
	return { ...built, said: built.stdout + built.stderr };
}

test.each(broken)(
	'a build whose Pagefind %s publishes every page without search, says why, and exits 0; the next build indexes the site',
	async (_, binary, why) => {
		const root = await writeFixture(pages);
		roots.push(root);
		const off = await build(root, { PAGEFIND_BINARY_PATH: binary() });
		expect(off.code, off.said).toBe(0);
		expect(off.said).toMatch(why);
		expect(off.said).toContain(
			'Every page is published, and the search box tells readers this build has no index.',
		);
		expect(off.said).toContain('no search index (see the warning above)');
		expect(off.said).not.toMatch(/^\s+at |Service stopped/m);
		const written = (await readdir(`${root}-dist`, { recursive: true })).map(String);
		for (let n = 0; n < 12; n++) expect(written).toContain(`db/svc-${n}/index.html`);
		expect(written.filter((file) => /^pagefind\/(?!waymark-offline\.json$)/.test(file))).toEqual(
			[],
		);
		// Nothing of the tree changed, and Pagefind is back: the build is a whole one, with the index.
		const back = await build(root, {});
		expect(back.code, back.said).toBe(0);
		expect(back.said).toMatch(/indexed 13 pages for search/);
		expect(await readdir(join(`${root}-dist`, 'pagefind'))).toContain('pagefind-entry.json');
	},
	120_000,
);

test('a one-page edit whose Pagefind never answers is published without search, and the next build indexes the site', async () => {
	const root = await writeFixture(pages);
	roots.push(root);
	expect((await build(root, {})).code).toBe(0);
	await writeFile(join(root, 'db/svc-3.md'), '# Service 3\n\nRestart replica 3 and drain it.\n');
	const off = await build(root, { PAGEFIND_BINARY_PATH: join(bin, 'hangs/pagefind') });
	expect(off.code, off.said).toBe(0);
	expect(off.said).toMatch(/1 page republished in place/);
	expect(off.said).toMatch(
		/Search is off in this build: Pagefind's process answered nothing for \d+ s/,
	);
	expect(
		(await readdir(join(`${root}-dist`, 'pagefind')).catch(() => [])).filter(
			(file) => file !== 'waymark-offline.json',
		),
	).toEqual([]);
	const back = await build(root, {});
	expect(back.said).toMatch(/indexed 13 pages for search/);
}, 120_000);

test("only Pagefind's own failures are published past: a folder it cannot write to is an error", async () => {
	const dir = await writeFixture({
		'site/index.html': '<html><body><main data-pagefind-body><h1>Ops</h1></main></body></html>',
		'file-not-folder': 'x',
	});
	roots.push(dir);
	const warned: string[] = [];
	// The output's `pagefind` folder cannot be made where a file stands.
	await writeFile(join(dir, 'site/pagefind'), 'a file');
	await expect(
		searchIndexOrNone(join(dir, 'site'), {}, (warning) => warned.push(warning.message)),
	).rejects.toThrow(/EEXIST|ENOTDIR/);
	expect(warned).toEqual([]);
});
