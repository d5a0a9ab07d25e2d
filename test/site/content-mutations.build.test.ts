import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
	generateTree,
	type PlacedPart,
	type Shows,
	type Trust,
} from '../helpers/content-mutations.ts';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';

// Content cannot crash the build, tried on trees this test generates: every kind of broken part
// a page can hold, drawn by a seeded generator into the pages of one tree, built untrusted, then
// trusted twice (cold, then warm from Astro's cache). Each build exits 0, each part shows its
// notice between its markers and is a finding at its line, and the warm build writes the same
// HTML as the cold one. Set WAYMARK_MUTATION_SEED to replay a failure; every message names the seed.
const seed = Number(process.env['WAYMARK_MUTATION_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const tree = generateTree(seed);
const about = `seed ${seed} (WAYMARK_MUTATION_SEED=${seed} replays it)`;

let project: string;
const builds = {} as Record<Trust | 'warm', CliResult>;
const html = {} as Record<Trust | 'warm', Map<string, string>>;

/** Every HTML file of a built site, by path (none when the build wrote nothing: its exit code says why). */
async function readHtml(dir: string): Promise<Map<string, string>> {
	const files = new Map<string, string>();
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }).catch(
		() => [],
	)) {
		if (entry.isFile() && entry.name.endsWith('.html'))
			files.set(
				join(entry.parentPath, entry.name).slice(dir.length + 1),
				await readFile(join(entry.parentPath, entry.name), 'utf8'),
			);
	}
	return files;
}

beforeAll(async () => {
	// Outside this checkout: no `node_modules` above the tree, as with a global install (the compiled
	// pages' own imports of Astro and sharp must still resolve from the install).
	project = await writeFixture(tree.files, { outsideInstall: true });
	// A repository around the root, as most runbook trees have: root-absolute links start at its top.
	const git = (...args: string[]) =>
		execFileSync(
			'git',
			[
				'-c',
				'user.name=Test',
				'-c',
				'user.email=test@example.com',
				'-c',
				'commit.gpgsign=false',
				...args,
			],
			{ cwd: project, stdio: 'ignore' },
		);
	git('init', '-q');
	git('add', '-A');
	git('commit', '-qm', 'tree');
	const build = (trust: Trust, out: string) =>
		runCli(['build', `--${trust}`, '--root', 'docs', '--out', out], {
			cwd: project,
			env: { WAYMARK_CHROMIUM: '/nonexistent', WAYMARK_LOG_LEVEL: 'info' },
			timeoutMs: 300_000,
		});
	builds.untrusted = await build('untrusted', 'dist-untrusted');
	html.untrusted = await readHtml(join(project, 'dist-untrusted'));
	builds.trusted = await build('trusted', 'dist');
	html.trusted = await readHtml(join(project, 'dist'));
	builds.warm = await build('trusted', 'dist');
	html.warm = await readHtml(join(project, 'dist'));
}, 900_000);

afterAll(async () => {
	await removeFixture(project);
});

/** The findings a build printed: `page:line rule`, and `page rule` for each. */
function printedFindings(output: string): Set<string> {
	const found = new Set<string>();
	for (const block of output.split('\n\n')) {
		const [file, ...lines] = block.split('\n');
		if (!file?.startsWith('docs/')) continue;
		for (const line of lines) {
			const match = /^\s+(\d+):\d+\s+(?:error|warning)\s+.*\s([a-z][a-z-]+)$/.exec(line);
			if (!match) continue;
			found.add(`${file.slice('docs/'.length)}:${match[1]} ${match[2]}`);
			found.add(`${file.slice('docs/'.length)} ${match[2]}`);
		}
	}
	return found;
}

const parsed = new Map<string, Document>();

function pageOf(trust: Trust, part: PlacedPart): Document | undefined {
	const key = `${trust}${part.route}`;
	const file = html[trust].get(`${part.route.slice(1)}index.html`);
	if (file !== undefined && !parsed.has(key)) parsed.set(key, parseHTML(file).document);
	return parsed.get(key);
}

/** The text of the page between the part's markers. */
function stretchOf(doc: Document, part: PlacedPart): string {
	const text = doc.querySelector('.prose')?.textContent ?? '';
	const start = text.indexOf(`Part ${part.n} begins.`);
	const end = text.indexOf(`Part ${part.n} ends.`);
	return start === -1 || end === -1 ? '' : text.slice(start, end);
}

function expectShows(doc: Document, part: PlacedPart, shows: Shows): void {
	const where = `${part.name}, part ${part.n} of ${part.page}, ${about}`;
	const stretch =
		part.line === 0 ? (doc.querySelector('.prose')?.textContent ?? '') : stretchOf(doc, part);
	if (part.line !== 0) expect(stretch, `the markers of ${where}`).not.toBe('');
	if ('selector' in shows) {
		const matches = [...doc.querySelectorAll(shows.selector)].filter((el) =>
			`${el.textContent ?? ''} ${el.getAttribute('aria-label') ?? ''}`.includes(shows.text),
		);
		expect(matches.length, `${shows.selector} with "${shows.text}" for ${where}`).toBeGreaterThan(
			0,
		);
		if (shows.text !== '')
			expect(stretch, `"${shows.text}" where ${where} stands`).toContain(shows.text);
		if (shows.content !== undefined) {
			expect(stretch, `the content of ${where}`).toContain(shows.content);
			expect(
				[...doc.querySelectorAll('.prose pre, .prose code')].filter((el) =>
					el.textContent?.includes(shows.content ?? ''),
				).length,
				`the content of ${where} in a code block`,
			).toBe(0);
		}
		if (shows.hidden !== undefined) expect(stretch, where).not.toContain(shows.hidden);
	} else if ('plain' in shows) {
		expect(stretch, where).toContain(shows.plain);
	} else {
		expect(stretch, where).not.toContain(shows.absent);
	}
	if (!('selector' in shows))
		expect(
			stretch.includes('not shown:') ||
				stretch.includes('Image not found') ||
				stretch.includes('Image cannot be shown'),
			`no notice for ${where}`,
		).toBe(false);
}

describe.each(['untrusted', 'trusted'] as const)('%s build of a generated tree', (trust) => {
	test(`publishes with exit 0 and nothing on stderr (${about})`, () => {
		expect(builds[trust].code, `${about}\n${builds[trust].stderr}`).toBe(0);
		// Only the lines of a step over two seconds (`cli/slow-steps.ts`), which a loaded machine shows.
		const said = builds[trust].stderr
			.split('\n')
			.filter((line) => line !== '' && !/^[A-Z][^\n]*(… \d+ s(, .+)?|: done in \d+ s)$/.test(line));
		expect(said, about).toEqual([]);
	});

	test.each(
		tree.parts.map((part) => [`${part.name} (part ${part.n}, ${part.page})`, part] as const),
	)('shows %s where it stands', (_name, part) => {
		const shows = part.shows(trust);
		const doc = pageOf(trust, part);
		if (shows === undefined) {
			expect(doc, `${part.page} is not published (${about})`).toBeUndefined();
			return;
		}
		expect(doc, `${part.page} is published (${about})`).toBeDefined();
		if (doc) expectShows(doc, part, shows);
		// The rest of the page is there too.
		if (doc && part.line !== 0)
			expect(doc.querySelector('.prose')?.textContent, `${part.page}, ${about}`).toMatch(
				/End of page \d+\./,
			);
	});

	test.each(
		tree.parts.map((part) => [`${part.name} (part ${part.n}, ${part.page})`, part] as const),
	)('reports %s at its line', (_name, part) => {
		const printed = printedFindings(builds[trust].stdout);
		for (const finding of part.finds(trust)) {
			const key =
				finding.line === undefined
					? `${part.page} ${finding.rule}`
					: `${part.page}:${finding.line} ${finding.rule}`;
			expect(printed.has(key), `${key} among the findings (${about})`).toBe(true);
		}
	});
});

describe('a warm build of the same tree', () => {
	test(`exits 0 and writes the same HTML as the cold one, byte for byte (${about})`, () => {
		expect(builds.warm.code, builds.warm.stderr).toBe(0);
		expect(builds.warm.stdout, 'the warm build kept the cache').not.toContain(
			'Clearing content store',
		);
		expect([...html.warm.keys()].sort()).toEqual([...html.trusted.keys()].sort());
		const differ = [...html.trusted]
			.filter(([path, text]) => html.warm.get(path) !== text)
			.map(([path]) => path);
		expect(differ, about).toEqual([]);
	});
});
