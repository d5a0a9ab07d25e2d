import { existsSync, statSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';
import { outputFiles } from '../helpers/output-files.ts';
import { seededRandom, type Random } from '../helpers/seeded-random.ts';

// Where a project keeps its tree, its output and its state, and where `waymark build` runs from,
// are the user's choice; two crashes of this round came from one placement nobody had tried (the
// state on another file system: EXDEV; the tree at the project's top: the store inside the tree).
// So the placements are generated: every value of every dimension below appears in some case (each
// dimension's values shuffled by a fixed seed and dealt out in turn), and every case must build,
// build again, write the same site as a tree beside its project, and write nothing anywhere but
// its output and its state folder.

const pages = {
	'README.md': '# Runbooks\n\nSee [the rotation](ops/rotation.md).\n',
	'ops/rotation.md':
		'# Rotate the certificates\n\n```bash\nsudo systemctl reload nginx\n```\n\n![The flow](flow.png)\n',
	'ops/flow.png': 'not really a PNG, but a file the page uses',
};

/**
 * The scratch folders: `disk`, in the system's temporary folder (outside this checkout's git
 * repository, so every placement is outside git alike), and `other`, on another file system where
 * the machine has one.
 */
interface Folders {
	disk: string;
	other: string;
	project: string;
}

const dimensions = {
	tree: {
		beside: (f: Folders) => join(f.project, 'guidebooks'),
		top: (f: Folders) => f.project,
		deep: (f: Folders) => join(f.project, 'a/b/docs'),
		sibling: (f: Folders) => join(f.disk, 'elsewhere/tree'),
		'other file system': (f: Folders) => join(f.other, 'tree'),
	},
	// How the tree is named on the command line.
	rootArg: ['absolute', 'relative', 'through a symlink'],
	cwd: ['project', 'project through a symlink'],
	out: {
		project: (f: Folders) => join(f.project, 'site'),
		relative: () => 'site',
		'inside the tree': (_f: Folders, tree: string) => join(tree, 'site'),
		'other file system': (f: Folders) => join(f.other, 'out'),
	},
	state: {
		default: () => undefined,
		project: (f: Folders) => join(f.project, 'state'),
		'inside the tree': (_f: Folders, tree: string) => join(tree, '.state'),
		'other file system': (f: Folders) => join(f.other, 'state'),
	},
} as const;

type Placement = {
	tree: keyof typeof dimensions.tree;
	rootArg: (typeof dimensions.rootArg)[number];
	cwd: (typeof dimensions.cwd)[number];
	out: keyof typeof dimensions.out;
	state: keyof typeof dimensions.state;
};

/** Enough cases that every value of every dimension appears, each dimension's order shuffled by `random`. */
function placements(random: Random): Placement[] {
	const shuffled = <T>(values: readonly T[]): T[] =>
		values
			.map((value) => ({ value, key: random() }))
			.sort((a, b) => a.key - b.key)
			.map((entry) => entry.value);
	const columns = {
		tree: shuffled(Object.keys(dimensions.tree) as Placement['tree'][]),
		rootArg: shuffled(dimensions.rootArg),
		cwd: shuffled(dimensions.cwd),
		out: shuffled(Object.keys(dimensions.out) as Placement['out'][]),
		state: shuffled(Object.keys(dimensions.state) as Placement['state'][]),
	};
	const count = Math.max(...Object.values(columns).map((values) => values.length));
	const at = <T>(values: T[], n: number) => values[n % values.length] as T;
	return Array.from({ length: count }, (_, n) => ({
		tree: at(columns.tree, n),
		rootArg: at(columns.rootArg, n),
		cwd: at(columns.cwd, n),
		out: at(columns.out, n),
		state: at(columns.state, n),
	}));
}

interface Outcome {
	placement: Placement;
	args: string[];
	first: CliResult;
	second: CliResult;
	site: Array<{ path: string; text: string }>;
	rebuilt: Array<{ path: string; text: string }>;
	/** Paths that appeared outside the output and the state folder, relative to their scratch folder. */
	strays: string[];
}

const scratch: string[] = [];
const outcomes: Outcome[] = [];
let reference: Array<{ path: string; text: string }>;
const env = { WAYMARK_LOG_LEVEL: 'info', WAYMARK_CHROMIUM: '/nonexistent' };

async function scratchFolders(): Promise<Folders> {
	const disk = await writeFixture({}, { outsideInstall: true });
	const otherDevice = existsSync('/dev/shm') && statSync('/dev/shm').dev !== statSync(disk).dev;
	const other = await mkdtemp(join(otherDevice ? '/dev/shm' : tmpdir(), 'waymark-place-'));
	scratch.push(disk, other);
	return { disk, other, project: join(disk, 'project') };
}

async function writePages(tree: string): Promise<void> {
	for (const [path, content] of Object.entries(pages)) {
		await mkdir(dirname(join(tree, path)), { recursive: true });
		await writeFile(join(tree, path), content);
	}
}

/** Every path under `dirs` (folders included, symlinks not followed) with its size and time of change: what a run may not touch. */
async function fingerprints(dirs: string[]): Promise<Map<string, string>> {
	const found = new Map<string, string>();
	for (const dir of dirs) {
		for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }).catch(
			() => [],
		)) {
			const path = join(entry.parentPath, entry.name);
			const info = await lstat(path);
			found.set(path, entry.isFile() ? `${info.size}:${info.mtimeMs}` : 'folder');
		}
	}
	return found;
}

const isUnder = (path: string, folder: string) => path === folder || path.startsWith(folder + sep);
const html = (files: Array<{ path: string; text: string }>) =>
	files.filter((file) => file.path.endsWith('.html')).sort((a, b) => a.path.localeCompare(b.path));
/** Every file in path order; the status file's time of writing set aside, since it is the build's own. */
const comparable = (files: Array<{ path: string; text: string }>) =>
	[...files]
		.sort((a, b) => a.path.localeCompare(b.path))
		.map((file) =>
			file.path === '_waymark/status.json'
				? { ...file, text: file.text.replace(/"generatedAt":"[^"]*"/, '') }
				: file,
		);

async function buildAt(placement: Placement): Promise<Outcome> {
	const folders = await scratchFolders();
	const tree = dimensions.tree[placement.tree](folders);
	await mkdir(folders.project, { recursive: true });
	await writePages(tree);
	let cwd = folders.project;
	if (placement.cwd === 'project through a symlink') {
		cwd = join(folders.disk, 'project-link');
		await symlink(folders.project, cwd);
	}
	let root = tree;
	if (placement.rootArg === 'relative') root = relative(folders.project, tree) || '.';
	if (placement.rootArg === 'through a symlink') {
		root = join(folders.disk, 'tree-link');
		await symlink(tree, root);
	}
	const out = dimensions.out[placement.out](folders, tree);
	const outAbsolute = isAbsolute(out) ? out : join(folders.project, out);
	const state = dimensions.state[placement.state](folders, tree);
	const args = ['build', '--root', root, '--out', out, ...(state ? ['--state-dir', state] : [])];
	const before = await fingerprints([folders.disk, folders.other]);
	const first = await runCli(args, { cwd, env });
	const site = first.code === 0 ? await outputFiles(outAbsolute) : [];
	const second = await runCli(args, { cwd, env });
	const rebuilt = second.code === 0 ? await outputFiles(outAbsolute) : [];
	const allowed = [outAbsolute, state ?? join(folders.project, '.waymark')];
	const after = await fingerprints([folders.disk, folders.other]);
	// New, changed or gone: anything outside the output and the state folder (the pages the user wrote among them).
	const touched = [...new Set([...before.keys(), ...after.keys()])].filter(
		(path) => before.get(path) !== after.get(path),
	);
	const strays = touched.filter((path) => !allowed.some((folder) => isUnder(path, folder)));
	return { placement, args, first, second, site, rebuilt, strays };
}

beforeAll(async () => {
	const folders = await scratchFolders();
	await writePages(join(folders.project, 'guidebooks'));
	const built = await runCli(['build', '--root', 'guidebooks', '--out', 'site'], {
		cwd: folders.project,
		env,
	});
	expect(built.code, built.stderr).toBe(0);
	reference = await outputFiles(join(folders.project, 'site'));
	for (const placement of placements(seededRandom(20261124)))
		outcomes.push(await buildAt(placement));
}, 900_000);

afterAll(async () => {
	for (const dir of scratch) await removeFixture(dir);
});

test('every placement builds, twice, with no error from Astro', () => {
	for (const { placement, args, first, second } of outcomes) {
		const label = `${JSON.stringify(placement)}: waymark ${args.join(' ')}`;
		expect(first.code, `${label}\n${first.stderr}`).toBe(0);
		expect(`${first.stdout}\n${first.stderr}`, label).not.toMatch(/\[ERROR\]|Internal error|EXDEV/);
		expect(second.code, `${label} (again)\n${second.stderr}`).toBe(0);
	}
});

test('every placement writes the site a tree beside its project writes, and the same site again', () => {
	expect(html(reference).map((file) => file.path)).toContain('ops/rotation/index.html');
	for (const { placement, site, rebuilt } of outcomes) {
		const label = JSON.stringify(placement);
		// The same files: no state, no earlier output, published from a tree that holds them.
		expect(site.map((file) => file.path).sort(), label).toEqual(
			reference.map((file) => file.path).sort(),
		);
		expect(html(site), label).toEqual(html(reference));
		expect(comparable(rebuilt), `${label} (again)`).toEqual(comparable(site));
	}
});

test('no placement writes, changes or removes anything outside its output and its state folder', () => {
	for (const { placement, strays } of outcomes)
		expect(strays, JSON.stringify(placement)).toEqual([]);
});
