import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { initRepository } from '../helpers/dated-commits.ts';
import { loadPage } from '../helpers/dom.ts';
import { expectIncrementalAsClean } from '../helpers/clean-build.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// A picture the bundler takes (in a folder the site never publishes, or beside the tree in its
// repository) is named in the page's HTML by a hash of its content, while the page's text stays
// the same when the picture is redrawn. A build after such an edit kept the old picture ("Nothing
// changed since the last build"). Generated: each round gives some of the pictures a new state
// (redrawn at another size, recoloured at the same size, not a picture any more, gone), drawn by a
// seed; after each, the build from the last one's state must render exactly the pages of the
// pictures that changed, show what the files hold, and write exactly what a clean build writes.
// A picture may also become a copy of another place's, byte for byte: the bundler makes one asset
// of the two, which must be named the same however the build met them.

const places = {
	'a folder the site skips': {
		file: 'docs/.attachments/skipped.png',
		page: 'docs/ops/skipped.md',
		write: (href: string) => `![skipped](${href})`,
	},
	'the repository beside the tree': {
		file: 'assets/beside.png',
		page: 'docs/ops/beside.md',
		write: (href: string) => `![beside](${href})`,
	},
	'a reference definition': {
		file: 'docs/.attachments/referenced.png',
		page: 'docs/referenced.md',
		write: (href: string) => `![referenced][shot]\n\n[shot]: ${href}`,
	},
	// A picture that opens itself: one definition, used by the image and by the link around it.
	'a definition a link uses too': {
		file: 'docs/.attachments/both.png',
		page: 'docs/both.md',
		write: (href: string) => `[![both][d]][d]\n\n[d]: ${href}`,
	},
} as const;
type Place = keyof typeof places;

/** `colour`: drawn with the place's index in its blue, so two pictures hold the same bytes only when one was copied from the other. */
type State =
	| { kind: 'picture'; width: number; height: number; colour: number }
	| { kind: 'text' }
	| { kind: 'gone' };

/** A PNG of one colour, `width` × `height`: each state its own bytes. */
function pngOf(width: number, height: number, colour: number): Buffer {
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const framed = Buffer.alloc(body.length + 8);
		framed.writeUInt32BE(data.length, 0);
		body.copy(framed, 4);
		framed.writeUInt32BE(crc32(body) >>> 0, body.length + 4);
		return framed;
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 2, 0, 0, 0], 8);
	const row = Buffer.concat([
		Buffer.from([0]),
		Buffer.alloc(width * 3, Buffer.from([colour >> 16, (colour >> 8) & 255, colour & 255])),
	]);
	return Buffer.concat([
		Buffer.from('89504e470d0a1a0a', 'hex'),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

/** A state unlike `last`; a recolour keeps the size, so only the content tells it apart; a copy is another place's picture as it is. */
function nextState(random: () => number, last: State, place: Place, others: State[]): State {
	const copies = others.filter(
		(other) => other.kind === 'picture' && JSON.stringify(other) !== JSON.stringify(last),
	);
	// Any change but to the state it is in: a picture may be redrawn, or recoloured at its size.
	const kinds = [
		'redrawn',
		...(last.kind === 'picture' ? ['recoloured'] : []),
		...(copies.length > 0 ? ['copied'] : []),
		...(['text', 'gone'] as const).filter((kind) => kind !== last.kind),
	];
	const kind = pickItem(random, kinds);
	if (kind === 'text' || kind === 'gone') return { kind };
	if (kind === 'copied') return pickItem(random, copies);
	const colour = (pick(random, 0x10000) << 8) | Object.keys(places).indexOf(place);
	if (kind === 'recoloured' && last.kind === 'picture')
		return { ...last, colour: last.colour === colour ? colour ^ 0x100 : colour };
	const width = 1 + pick(random, 9);
	return {
		kind: 'picture',
		width: last.kind === 'picture' && last.width === width ? width + 1 : width,
		height: 1 + pick(random, 9),
		colour,
	};
}

let top: string;
const states = new Map<Place, State>();

/** The other places whose picture holds the same bytes as `place`'s, as one string. */
function twinsOf(place: Place): string {
	const state = JSON.stringify(states.get(place));
	if (states.get(place)?.kind !== 'picture') return '';
	return (Object.keys(places) as Place[])
		.filter((other) => other !== place && JSON.stringify(states.get(other)) === state)
		.join(', ');
}

async function setState(place: Place, state: State): Promise<void> {
	const file = join(top, places[place].file);
	states.set(place, state);
	if (state.kind === 'gone') return rm(file, { force: true });
	await mkdir(dirname(file), { recursive: true });
	await writeFile(
		file,
		state.kind === 'text'
			? `not a picture (${place})\n`
			: pngOf(state.width, state.height, state.colour),
	);
}

beforeAll(async () => {
	// A forge named: links to files the site never publishes go there, pictures are bundled all the same.
	const files: Record<string, string> = {
		'waymark.config.yaml':
			'root: docs\nsite:\n  repoUrl: https://github.com/example-ops/runbooks\n',
		'docs/README.md': '# Runbooks\n\nSee [ops](ops/skipped.md).\n',
	};
	for (const { file, page, write } of Object.values(places))
		files[page] = `# ${page}\n\n${write(relative(dirname(page), file))}\n`;
	top = await writeFixture(files);
	await initRepository(top);
	for (const [index, place] of (Object.keys(places) as Place[]).entries())
		await setState(place, { kind: 'picture', width: 4, height: 3, colour: 0xcf2200 | index });
}, 60_000);

afterAll(async () => {
	await removeFixture(top);
});

async function expectShown(site: string): Promise<void> {
	for (const [place, { page }] of Object.entries(places) as Array<
		[Place, (typeof places)[Place]]
	>) {
		const state = states.get(place) as State;
		const document = await loadPage(site, `/${relative('docs', page).replace(/\.md$/, '')}`);
		const image = document.querySelector('main img');
		const label = `${place}, ${JSON.stringify(state)}`;
		if (state.kind !== 'picture') {
			expect(image, label).toBeNull();
			expect(document.querySelector('.wm-image-missing'), label).not.toBeNull();
			continue;
		}
		expect([image?.getAttribute('width'), image?.getAttribute('height')], label).toEqual([
			String(state.width),
			String(state.height),
		]);
	}
}

test('a picture the bundler takes, changed between builds, is what the next build shows, as a clean build does', async () => {
	const first = await runCli(['build', '--out', 'out'], { cwd: top, timeoutMs: 240_000 });
	expect(first.code, first.stderr).toBe(0);
	await expectShown(join(top, 'out'));
	const random = seededRandom(20261125);
	const seen = new Set<string>();
	const all = Object.keys(places) as Place[];
	for (let round = 0; round < 8; round++) {
		// Some pictures change, one at least, and one at least (the others' pages are kept) but every third round.
		const changing = round % 3 === 2 ? all : all.filter(() => random() < 0.5);
		if (changing.length === 0 || changing.length === all.length)
			changing.splice(0, changing.length, ...(round % 3 === 2 ? all : [pickItem(random, all)]));
		const twinsBefore = new Map(all.map((place) => [place, twinsOf(place)]));
		for (const place of changing) {
			const last = states.get(place) as State;
			const next = nextState(
				random,
				last,
				place,
				all.filter((other) => other !== place).map((other) => states.get(other) as State),
			);
			const copied =
				next.kind === 'picture' &&
				all.some((other) => other !== place && states.get(other) === next);
			seen.add(
				copied
					? 'copied'
					: next.kind === 'picture' &&
						  last.kind === 'picture' &&
						  next.width === last.width &&
						  next.height === last.height
						? 'recoloured'
						: next.kind,
			);
			await setState(place, next);
		}
		const printed = await expectIncrementalAsClean(top, `round ${round}`);
		// Exactly the pages of the pictures that changed are rendered again, and those whose picture gained or lost a copy elsewhere.
		const affected = all.filter(
			(place) => changing.includes(place) || twinsOf(place) !== twinsBefore.get(place),
		);
		expect(printed, `round ${round}`).toMatch(
			new RegExp(`Rendered ${affected.length} of ${all.length + 1} guidebook pages again`),
		);
		await expectShown(join(top, 'out'));
	}
	// The seed dealt every kind of change at least once.
	expect([...seen].sort()).toEqual(['copied', 'gone', 'picture', 'recoloured', 'text']);
}, 900_000);

// Two files of the same bytes are one picture to Astro, named after one of them (the last in path
// order): `b.md`'s picture, a copy of `zeta.png`, was `zeta.<hash>.webp`. When `zeta.png` went, a
// build kept `b.md` as it was (its own file had not changed) while a clean build named the
// picture after `alpha.png`. Each step is compared with a clean build.
test('a picture and its copy on another page: either going or coming back leaves what a clean build writes', async () => {
	const dir = await writeFixture({
		'docs/README.md': '# Home\n\n![z](.attachments/zeta.png)\n',
		'docs/b.md': '# B\n\n![a](.attachments/alpha.png)\n',
	});
	try {
		await initRepository(dir);
		const picture = pngOf(3, 2, 0x123456);
		const steps: Array<[string, () => Promise<void>]> = [
			[
				'both',
				async () =>
					Promise.all(
						['zeta', 'alpha'].map((name) =>
							mkdir(join(dir, 'docs/.attachments'), { recursive: true }).then(() =>
								writeFile(join(dir, `docs/.attachments/${name}.png`), picture),
							),
						),
					).then(() => undefined),
			],
			['the one it was named after gone', () => rm(join(dir, 'docs/.attachments/zeta.png'))],
			['back', () => writeFile(join(dir, 'docs/.attachments/zeta.png'), picture)],
			[
				'the other redrawn',
				() => writeFile(join(dir, 'docs/.attachments/alpha.png'), pngOf(5, 4, 0x654321)),
			],
			['the copy again', () => writeFile(join(dir, 'docs/.attachments/alpha.png'), picture)],
		];
		for (const [step, make] of steps) {
			await make();
			await expectIncrementalAsClean(dir, step);
		}
	} finally {
		await removeFixture(dir);
	}
}, 600_000);
