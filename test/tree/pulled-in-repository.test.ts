import { execFile } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { pick, pickItem, seededRandom, type Random } from '../helpers/seeded-random.ts';

// A trusted build pulls a file from anywhere in the git repository that holds the root (kanidm's
// book, rooted at `book/src`, includes `../../examples/server.toml`); an untrusted one, a branch
// under review, only from its root. Neither ever reads past its boundary, nor anything under `.git`,
// a secret by name or content, or a file over 1 MB; and what lies past the boundary is never looked
// at, so a file there and one that is not read the same.

const git = (cwd: string, ...args: string[]) =>
	promisify(execFile)(
		'git',
		['-c', 'user.name=Ops', '-c', 'user.email=ops@example.invalid', ...args],
		{ cwd },
	);
const dirs: string[] = [];

afterAll(async () => {
	for (const dir of dirs) await removeFixture(dir);
});

type Trust = 'trusted' | 'untrusted';
/** Where a file is: `repo` from the repository's top, `outside` beside the repository. */
type Place = { in: 'repo' | 'outside'; path: string };
interface Kind {
	name: string;
	/** The file pulled, and what it holds (its marker in it, unless it holds nothing). */
	file?: { place: Place; text: (marker: string) => string | Buffer };
	/** A symbolic link in the root the page pulls through, to the file's place. */
	link?: boolean;
	/** The page names a place where nothing is: its answer must read as its twin's. */
	twin?: string;
	/** The page names this place instead of the file's (`.git/config`, which git writes). */
	named?: Place;
	reads: Record<Trust, boolean>;
	/** Why a trusted build refuses it, as its note says. */
	refused?: string;
}

const folders = ['examples', 'ops/examples', 'shared', 'a/b/c'];

function kinds(random: Random, root: string): Kind[] {
	const elsewhere = () => {
		for (;;) {
			const folder = pickItem(random, folders);
			// Elsewhere in the repository: never the root or a folder inside it.
			if (!`${folder}/`.startsWith(`${root}/`) && !`${root}/`.startsWith(`${folder}/`))
				return folder;
		}
	};
	const plain = (marker: string) => `${marker}\n`;
	return [
		{
			name: 'inside the root',
			file: {
				place: { in: 'repo', path: `${root}/${pickItem(random, ['', 'sub/'])}in.txt` },
				text: plain,
			},
			reads: { trusted: true, untrusted: true },
		},
		{
			name: 'elsewhere in the repository',
			file: { place: { in: 'repo', path: `${elsewhere()}/a.toml` }, text: plain },
			reads: { trusted: true, untrusted: false },
		},
		{
			name: 'through a link in the root to elsewhere in the repository',
			file: { place: { in: 'repo', path: `${elsewhere()}/linked.toml` }, text: plain },
			link: true,
			reads: { trusted: true, untrusted: false },
		},
		{
			name: 'outside the repository',
			file: { place: { in: 'outside', path: 'outside.txt' }, text: plain },
			twin: 'nope.txt',
			reads: { trusted: false, untrusted: false },
		},
		{
			name: 'through a link in the root to outside the repository',
			file: { place: { in: 'outside', path: 'out/linked.txt' }, text: plain },
			link: true,
			twin: 'out/nope.txt',
			reads: { trusted: false, untrusted: false },
		},
		{
			name: "the repository's `.git/config`",
			named: { in: 'repo', path: '.git/config' },
			reads: { trusted: false, untrusted: false },
			refused: 'inside `.git`',
		},
		{
			name: 'a secret by name outside the root',
			file: {
				place: { in: 'repo', path: `${elsewhere()}/.env` },
				text: (marker) => `TOKEN=${marker}\n`,
			},
			reads: { trusted: false, untrusted: false },
			refused: 'a file that holds environment variables',
		},
		// secretlint's rules alone know it: `pull`, synchronous, does not run them; the tree's load does, after.
		{
			name: 'a token only secretlint knows, outside the root',
			file: {
				place: { in: 'repo', path: `${elsewhere()}/deploy.sh` },
				text: (marker) =>
					`# ${marker}\ncurl -H "Authorization: token ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789" https://api.github.com\n`,
			},
			reads: { trusted: false, untrusted: false },
			refused: 'a file that holds a credential',
		},
		{
			name: 'a secret by content outside the root',
			file: {
				place: { in: 'repo', path: `${elsewhere()}/deploy.txt` },
				text: (marker) =>
					`${marker}\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA\n-----END OPENSSH PRIVATE KEY-----\n`,
			},
			reads: { trusted: false, untrusted: false },
			refused: 'a file that holds a private key',
		},
		{
			name: 'a file over 1 MB outside the root',
			file: {
				place: { in: 'repo', path: `${elsewhere()}/big.txt` },
				text: (marker) => `${marker}\n${'x'.repeat(1024 * 1024)}\n`,
			},
			reads: { trusted: false, untrusted: false },
			refused: 'KB, more than the 1024 KB a page may pull in',
		},
	];
}

const tools = [
	// The book's `src` at a random depth; links are read from the root.
	{
		name: 'mdBook',
		layout: (random: Random) => {
			const book = pickItem(random, ['', 'book', 'docs/book']);
			return {
				root: posix.join(book, 'src'),
				base: posix.join(book, 'src'),
				config: { [posix.join(book, 'book.toml')]: '[book]\nsrc = "src"\n' },
			};
		},
		pull: (written: string) => `{{#include ${written}}}`,
	},
	// `mkdocs.yml` at a random depth, `base_path` left to its default: the project folder.
	{
		name: 'MkDocs',
		layout: (random: Random) => {
			const project = pickItem(random, ['', 'site', 'docs/site']);
			return {
				root: posix.join(project, 'docs'),
				base: project,
				config: {
					[posix.join(project, 'mkdocs.yml')]:
						'site_name: Ops\nmarkdown_extensions:\n  - pymdownx.snippets:\n      restrict_base_path: false\n',
				},
			};
		},
		pull: (written: string) => `--8<-- "${written}"`,
	},
];

const cases = tools.flatMap((tool) => Array.from({ length: 4 }, (_, seed) => ({ tool, seed })));

test.each(cases.map((c) => [`${c.tool.name} ${c.seed + 1}`, c]))(
	'%s: a trusted build reads exactly the files inside the repository that may be shown, an untrusted one only those inside the root',
	async (_, { tool, seed }) => {
		const random = seededRandom(1000 + seed);
		const dir = await writeFixture({});
		dirs.push(dir);
		const top = join(dir, 'repository');
		const layout = tool.layout(random);
		const root = join(top, layout.root);
		const base = join(top, layout.base);
		const at = (place: Place) => join(place.in === 'repo' ? top : join(dir, 'outside'), place.path);
		const written = (file: string) => posix.relative(base, file);
		await mkdir(root, { recursive: true });
		await git(dir, 'init', '--quiet', top);
		for (const [path, text] of Object.entries(layout.config))
			await writeFile(join(top, path), text);
		const all = kinds(random, layout.root);
		const lines: string[] = [];
		const expected: Record<Trust, string[]> = { trusted: [], untrusted: [] };
		const twins: Array<[number, number]> = [];
		// The line of each kind's directive.
		const lineOf: number[] = [];
		for (const [i, kind] of all.entries()) {
			const marker = `MARK${i}X${pick(random, 1000)}`;
			if (kind.file) {
				const file = at(kind.file.place);
				await mkdir(dirname(file), { recursive: true });
				await writeFile(file, kind.file.text(marker));
			}
			const name = (place: Place) => {
				if (!kind.link) return written(at(place));
				const link = join(root, `link-${i}-${posix.basename(place.path)}`);
				// A relative link inside the repository, as git keeps one; an absolute one out of it.
				return symlink(
					place.in === 'repo' ? posix.relative(root, at(place)) : at(place),
					link,
				).then(() => written(link));
			};
			lineOf.push(lines.length);
			lines.push(
				tool.pull(await name(kind.named ?? (kind.file as NonNullable<Kind['file']>).place)),
			);
			if (kind.twin && kind.file) {
				twins.push([lines.length - 1, lines.length]);
				lines.push(tool.pull(await name({ in: kind.file.place.in, path: kind.twin })));
			}
			for (const trust of ['trusted', 'untrusted'] as const)
				if (kind.reads[trust]) expected[trust].push(marker);
		}
		await writeFile(join(root, 'index.md'), `# Home\n\n${lines.join('\n\n')}\n`);
		// The untrusted build reads only what the branch commits: everything is committed.
		await git(top, 'add', '--all');
		await git(top, 'commit', '--quiet', '-m', 'tree');
		for (const trust of ['trusted', 'untrusted'] as const) {
			const tree = await loadGuidebookTree(root, { trust });
			const page = tree.pages.get('index.md');
			const shown = [...(page?.text ?? '').matchAll(/MARK\d+X\d+/g)].map((m) => m[0]);
			expect(shown.sort(), trust).toEqual([...expected[trust]].sort());
			// Each note names its directive; the one for a place past the boundary reads as its twin's, where nothing is.
			const notes = page?.dialectNotes.map((note) => note.message) ?? [];
			const noteOn = (line: number) =>
				notes.find((note) =>
					note.includes(/(?:#include |")([^}"]+)/.exec(lines[line] ?? '')?.[1] ?? '\0'),
				) ?? '';
			for (const [there, nothing] of twins) {
				const name = (line: number) => /(?:#include |")([^}"]+)/.exec(lines[line] ?? '')?.[1] ?? '';
				expect(noteOn(there).replaceAll(name(there), 'X'), trust).toBe(
					noteOn(nothing).replaceAll(name(nothing), 'X'),
				);
				expect(noteOn(there), trust).toContain(
					trust === 'trusted' ? 'outside the repository' : 'outside the root',
				);
			}
			// A file read from elsewhere in the repository is recorded by its path from the root.
			const elsewhere = all.findIndex((kind) => kind.name === 'elsewhere in the repository');
			const file = posix.relative(
				root,
				at((all[elsewhere]?.file as NonNullable<Kind['file']>).place),
			);
			if (trust === 'trusted') expect(page?.pulled).toContain(file);
			else expect(noteOn(lineOf[elsewhere] ?? -1)).toContain('outside the root');
			// Each refused for what it is in a trusted build; in an untrusted one, all lie outside the root.
			for (const [i, kind] of all.entries())
				if (kind.refused)
					expect(noteOn(lineOf[i] ?? -1), `${trust}: ${kind.name}`).toContain(
						trust === 'trusted' ? kind.refused : 'outside the root',
					);
		}
	},
);

test("a trusted build never reads git's own folder, whatever the work tree names it (`.git` a file naming `gitdir: .bare`)", async () => {
	const dir = await writeFixture({});
	dirs.push(dir);
	const top = join(dir, 'repository');
	await mkdir(join(top, 'book/src'), { recursive: true });
	await git(dir, 'init', '--quiet', `--separate-git-dir=${join(top, '.bare')}`, top);
	await git(
		top,
		'config',
		'remote.origin.url',
		'https://x-access-token:SECRET-IN-GIT-CONFIG@example.invalid/ops.git',
	);
	await writeFile(join(top, 'book/book.toml'), '[book]\nsrc = "src"\n');
	await writeFile(
		join(top, 'book/src/index.md'),
		'# Home\n\n{{#include ../../.bare/config}}\n\n{{#include ../../.Bare/HEAD}}\n',
	);
	const page = (await loadGuidebookTree(join(top, 'book/src'), { trust: 'trusted' })).pages.get(
		'index.md',
	);
	expect(page?.text).not.toContain('SECRET-IN-GIT-CONFIG');
	expect(page?.text).not.toContain('refs/heads');
	expect(page?.dialectNotes.map((note) => note.message)).toEqual([
		expect.stringContaining('inside `.git`'),
		expect.stringMatching(/inside `\.git`|not found/),
	]);
});
