import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadConfig } from '../../config/load-config.ts';
import { readEnvironment } from '../../core/environment.ts';
import { ShallowHistory, raise } from '../../core/errors.ts';
import { loadAlertSources } from '../../alerts/load-alerts.ts';
import { planSite } from '../../integration/site-plan.ts';
import { readCommitDates } from '../../tree/git-dates.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { locateRoot } from '../../tree/repository.ts';
import { commitAt, initRepository } from '../helpers/dated-commits.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';

const exec = promisify(execFile);
const pages = [
	'README.md',
	'db/failover.md',
	'db/backup.md',
	'net/dns.md',
	'net/vpn.md',
	'on-call.md',
];
/** Days of the history, oldest first; each commit changes a few pages (the first adds them all). */
const days = [
	'2023-01-26',
	'2023-04-02',
	'2023-09-14',
	'2024-02-29',
	'2024-11-03',
	'2025-06-30',
	'2026-01-15',
];

let source: string;
let clones: string;
/** Commit index (0 = newest) of each page's last change. */
const lastChange = new Map<string, number>();

beforeAll(async () => {
	source = await writeFixture({});
	clones = await writeFixture({});
	await initRepository(source);
	const random = seededRandom(54);
	for (const [i, day] of days.entries()) {
		// `on-call.md` keeps the date of the first commit: a clone as deep as the history must date it.
		const changed =
			i === 0 ? pages : pages.filter((page) => page !== 'on-call.md' && pick(random, 3) === 0);
		await commitAt(
			source,
			day,
			Object.fromEntries(
				changed.map((page) => [`guidebooks/${page}`, `# ${page}\n\nAs of ${day}.\n`]),
			),
		);
		for (const page of changed) lastChange.set(page, days.length - 1 - i);
	}
	// The generated history must have pages changed at several depths, or the test proves little.
	expect(new Set(lastChange.values()).size).toBeGreaterThan(2);
});

afterAll(async () => {
	await removeFixture(source);
	await removeFixture(clones);
});

const cloned = new Map<number, Promise<string>>();

/** A real shallow clone of the dated repository (made once per depth). */
function shallowClone(depth: number): Promise<string> {
	const dir = `${clones}/depth-${depth}`;
	if (!cloned.has(depth))
		cloned.set(
			depth,
			exec('git', [
				'clone',
				'--quiet',
				'--no-local',
				`--depth=${depth}`,
				`file://${source}`,
				dir,
			]).then(() => dir),
		);
	return cloned.get(depth) as Promise<string>;
}

test('a whole clone dates every page by its last change and cuts none off', async () => {
	const { dates, cutOff, shallowSince } = await readCommitDates(
		await locateRoot(`${source}/guidebooks`),
	);
	expect(cutOff).toEqual([]);
	expect(shallowSince).toBeUndefined();
	for (const page of pages)
		expect(dates.get(page)?.slice(0, 10), page).toBe(
			days[days.length - 1 - (lastChange.get(page) ?? -1)],
		);
});

test.each(days.map((_, i) => i + 1))(
	'a clone of depth %i dates only the pages whose last change it holds, with their true date',
	async (depth) => {
		const clone = await shallowClone(depth);
		const { dates, cutOff, shallowSince } = await readCommitDates(
			await locateRoot(`${clone}/guidebooks`),
		);
		const whole = depth >= days.length;
		// The oldest commit a shallow clone holds lists every file as added: only newer changes are dates.
		const provable = pages.filter(
			(page) => whole || (lastChange.get(page) ?? Infinity) < depth - 1,
		);
		expect([...dates.keys()].sort()).toEqual([...provable].sort());
		expect([...cutOff].sort()).toEqual(pages.filter((page) => !provable.includes(page)).sort());
		for (const page of provable)
			expect(dates.get(page)?.slice(0, 10), page).toBe(
				days[days.length - 1 - (lastChange.get(page) ?? -1)],
			);
		expect(shallowSince?.slice(0, 10)).toBe(whole ? undefined : days[days.length - depth]);
	},
);

test('planning the site in a clone of depth 1 shows no page a date and says once why and how to fix it', async () => {
	const clone = await shallowClone(1);
	const loaded = await loadConfig({ cwd: clone, root: 'guidebooks' });
	const tree = await loadGuidebookTree(loaded.root, { dialect: 'auto' });
	const alerts = await loadAlertSources(loaded.config, loaded.root, { trust: 'trusted', env: {} });
	const plan = await planSite({
		loaded,
		tree,
		alerts,
		environment: readEnvironment({}),
		cwd: clone,
		base: '/',
	});
	expect(plan.siteData.index.gitDates).toEqual({});
	expect(plan.datesCutOff).toEqual({ pages: pages.length, since: days[days.length - 1] });
	const warning = raise(ShallowHistory, pages.length, days[days.length - 1] as string);
	expect(`${warning.message}\n${warning.hint}`).toMatchInlineSnapshot(`
		"6 pages show no "Last updated" date: the repository is a shallow clone whose history stops at 2026-01-15, so when those pages last changed is not in it (the oldest commit lists every file as new).
		Fetch the whole history before building: \`fetch-depth: 0\` in \`actions/checkout\`, \`GIT_DEPTH: 0\` in GitLab CI, or \`git fetch --unshallow\` by hand."
	`);
	const whole = await loadConfig({ cwd: source, root: 'guidebooks' });
	const wholePlan = await planSite({
		loaded: whole,
		tree: await loadGuidebookTree(whole.root, { dialect: 'auto' }),
		alerts,
		environment: readEnvironment({}),
		cwd: source,
		base: '/',
	});
	expect(Object.keys(wholePlan.siteData.index.gitDates).sort()).toEqual([...pages].sort());
	expect(wholePlan.datesCutOff).toBeUndefined();
});
