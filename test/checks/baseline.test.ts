import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { applyBaseline } from '../../checks/baseline/apply-baseline.ts';
import {
	entriesOf,
	readBaseline,
	writeBaseline,
	type BaselineEntry,
} from '../../checks/baseline/baseline-file.ts';
import { messageKey, withFingerprints } from '../../checks/baseline/fingerprint.ts';
import { loadConfig } from '../../config/load-config.ts';
import { runChecks, type CheckReport } from '../../checks/engine.ts';
import { formatFinding } from '../../checks/finding.ts';
import { reporters } from '../../checks/report/index.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { pick, pickItem, seededRandom, type Random } from '../helpers/seeded-random.ts';

const made: string[] = [];
afterEach(async () => {
	for (const dir of made.splice(0)) await removeFixture(dir);
});

/** Runs the default checks over `dir` (its `guidebooks/`), its findings fingerprinted, compared with `entries` when given. */
async function check(dir: string, entries?: BaselineEntry[]): Promise<CheckReport> {
	const loaded = await loadConfig({ cwd: dir, root: 'guidebooks' });
	const tree = await loadGuidebookTree(loaded.root, { dialect: 'auto' });
	const report = await runChecks({
		root: loaded.root,
		config: loaded.config,
		tree,
		only: ['internal-links', 'code-fences'],
	});
	const fingerprinted = { ...report, findings: await withFingerprints(report.findings, tree, dir) };
	return entries
		? applyBaseline(fingerprinted, entries, { shown: 'waymark.baseline.json', partial: false })
		: fingerprinted;
}

const fresh = (report: CheckReport): string[] =>
	report.findings.filter((f) => !f.baselined).map(formatFinding);

/** A page of prose, headings and links, some of them broken (to missing headings and pages), in a seeded order. */
function page(random: Random, title: string, others: string[]): string[] {
	const lines = [`# ${title}`, ''];
	for (let i = 0; i < 8; i++) {
		const other = pickItem(random, others);
		const kind = pick(random, 4);
		if (kind === 0) lines.push(`## Step ${i}`, '');
		else if (kind === 1) lines.push(`See [${other}](${other}.md#no-such-part-${i}).`, '');
		else if (kind === 2) lines.push(`Also [gone ${i}](missing-${i}.md).`, '');
		else lines.push(`Plain words about ${other}, line ${i}.`, '');
	}
	return lines;
}

async function generatedTree(
	seed: number,
): Promise<{ dir: string; pages: Record<string, string[]> }> {
	const random = seededRandom(seed);
	const names = ['README', 'db', 'dns', 'vpn'];
	const pages = Object.fromEntries(names.map((name) => [name, page(random, name, names)]));
	const dir = await writeFixture({
		'waymark.config.yaml': 'root: guidebooks\n',
		...Object.fromEntries(
			names.map((name) => [`guidebooks/${name}.md`, (pages[name] ?? []).join('\n')]),
		),
	});
	made.push(dir);
	return { dir, pages };
}

async function rewrite(dir: string, name: string, lines: string[]): Promise<void> {
	await writeFile(join(dir, 'guidebooks', `${name}.md`), lines.join('\n'));
}

test.each([1, 2, 3, 4, 5, 6])(
	'with the baseline of tree %i, moving lines, adding headings elsewhere and editing around a finding leave no new finding; adding one leaves exactly it',
	async (seed) => {
		const { dir, pages } = await generatedTree(seed);
		const before = await check(dir);
		expect(before.findings.length).toBeGreaterThan(3);
		const entries = entriesOf(before.findings);
		// The control: without a baseline every finding fails the run.
		expect(fresh(before)).toHaveLength(before.findings.length);

		// Lines inserted above every finding, a heading added to every page (which changes the
		// "expected one of" list of every broken anchor), the words around one link edited.
		const random = seededRandom(seed * 31);
		for (const [name, lines] of Object.entries(pages)) {
			const moved = [
				lines[0] ?? '',
				'',
				...Array.from({ length: 1 + pick(random, 5) }, (_, i) => [
					`An added paragraph ${i}.`,
					'',
				]).flat(),
				...lines.slice(1),
				'## Added later',
				'',
			];
			const edited = moved.findIndex((line) => line.startsWith('See ['));
			if (edited >= 0) moved[edited] = `Before that, ${moved[edited] ?? ''}`;
			await rewrite(dir, name, moved);
			pages[name] = moved;
		}
		const after = await check(dir, entries);
		expect(after.findings.map((f) => f.position?.line)).not.toEqual(
			before.findings.map((f) => f.position?.line),
		);
		expect(fresh(after)).toEqual([]);
		expect(after.summary.errors).toBe(0);
		expect(after.baseline?.known.errors).toBe(before.summary.errors);
		expect(after.baseline?.fixed).toEqual([]);

		// One new broken link, on a line identical to a known one (not the edited one) of its page: only it is new.
		const db = pages['db'] ?? [];
		const known =
			db.findLast((line) => /^See \[|^Also \[gone/.test(line)) ?? 'Also [gone 99](missing-99.md).';
		await rewrite(dir, 'db', [...db, known]);
		const added = await check(dir, entries);
		expect(fresh(added)).toHaveLength(1);
		expect(fresh(added)[0]).toMatch(new RegExp(`^db\\.md:${db.length + 1}:`));
		expect(added.summary.errors).toBe(1);
	},
);

test('a fixed finding is reported as fixed, and the baseline written from the known findings no longer holds it', async () => {
	const { dir, pages } = await generatedTree(7);
	const entries = entriesOf((await check(dir)).findings);
	const vpn = pages['vpn'] ?? [];
	const broken = vpn.findIndex((line) => /\]\((?:missing-|\w+\.md#no-such)/.test(line));
	expect(broken).toBeGreaterThan(0);
	await rewrite(
		dir,
		'vpn',
		vpn.map((line, i) => (i === broken ? 'Fixed: the link is gone.' : line)),
	);
	const after = await check(dir, entries);
	expect(after.baseline?.fixed).toHaveLength(1);
	expect(after.baseline?.fixed[0]?.file).toBe('vpn.md');
	const pruned = entriesOf(after.findings.filter((f) => f.baselined));
	expect(pruned).toHaveLength(entries.length - 1);
	expect((await check(dir, pruned)).baseline?.fixed).toEqual([]);
	const text = reporters.pretty(after, {
		root: join(dir, 'guidebooks'),
		cwd: dir,
		color: false,
		rules: [],
	});
	expect(text.trimEnd().split('\n').slice(-3).join('\n')).toMatch(
		/^✓ 0 new errors, 0 new warnings in 4 files checked\n {2}and \d+ known errors, 0 known warnings recorded in waymark\.baseline\.json\n1 finding recorded in waymark\.baseline\.json is fixed: `npx waymark baseline --prune` drops it, so it cannot come back unnoticed\.$/,
	);
});

test('two findings alike are counted: the baseline records both, and a third is new', async () => {
	const dir = await writeFixture({
		'guidebooks/README.md': '# Home\n\n[a](gone.md)\n\n[a](gone.md)\n',
	});
	made.push(dir);
	const entries = entriesOf((await check(dir)).findings);
	expect(entries).toEqual([
		expect.objectContaining({ file: 'README.md', rule: 'internal-links', count: 2 }),
	]);
	await rewrite(dir, 'README', [
		'# Home',
		'',
		'[a](gone.md)',
		'',
		'[a](gone.md)',
		'',
		'[a](gone.md)',
	]);
	expect(fresh(await check(dir, entries))).toEqual([
		'README.md:7:1: Unexpected link to missing file `gone.md`, expected an existing file (internal-links)',
	]);
});

test('the message key keeps what is wrong and leaves out the places and the advice', () => {
	expect(
		messageKey(
			'Unexpected link to missing heading `#nope` in `README.md`, expected one of `#home`; did you mean `#home`',
		),
	).toBe('Unexpected link to missing heading `#nope` in `README.md`');
	expect(
		messageKey('Unexpected fence; the block ends at once, so line 12 onwards render as text'),
	).toBe('Unexpected fence');
	expect(messageKey('Unexpected dead URL (also at a.md:3:1, b.md:12:5)')).toBe(
		'Unexpected dead URL (also at a.md:#, b.md:#)',
	);
	expect(messageKey('Unexpected text on lines 4–9 of the block')).toBe(
		'Unexpected text on lines # of the block',
	);
});

test('the baseline file is written one finding a line, read back the same, and refused with the place and the fix when broken', async () => {
	const dir = await writeFixture({});
	made.push(dir);
	const file = join(dir, 'waymark.baseline.json');
	const entries: BaselineEntry[] = [
		{
			file: 'a.md',
			rule: 'internal-links',
			message: 'Unexpected "quoted" \\ text',
			fingerprint: '0123456789abcdef',
		},
		{
			file: 'b.md',
			rule: 'code-fences',
			message: 'Unexpected fence',
			fingerprint: 'fedcba9876543210',
			count: 3,
		},
	];
	await writeBaseline(file, entries);
	const text = await readFile(file, 'utf8');
	expect(text.split('\n').filter((line) => line.startsWith('    {'))).toHaveLength(2);
	expect((await readBaseline(file, 'waymark.baseline.json'))?.entries).toEqual(entries);
	await writeFile(file, text.replace('"count":3}', '"count":3,}'));
	await expect(readBaseline(file, 'waymark.baseline.json')).rejects.toThrow(
		/^waymark\.baseline\.json:6:\d+ is not JSON \(.+\), so the check cannot tell known findings from new ones\.$/,
	);
	await writeFile(file, text.replace('"count":3', '"count":"3"'));
	await expect(readBaseline(file, 'waymark.baseline.json')).rejects.toThrow(
		'waymark.baseline.json has an unexpected value at findings[1].count (expected a whole number from 1), so the check cannot tell known findings from new ones.',
	);
	expect(await readBaseline(join(dir, 'none.json'), 'none.json')).toBeUndefined();
});

test('every report format tells a known finding from a new one', async () => {
	const dir = await writeFixture({ 'guidebooks/README.md': '# Home\n\n[old](gone.md)\n' });
	made.push(dir);
	const entries = entriesOf((await check(dir)).findings);
	await rewrite(dir, 'README', [
		'# Home',
		'',
		'Moved down.',
		'',
		'[old](gone.md)',
		'',
		'[new](also-gone.md)',
	]);
	const report = await check(dir, entries);
	const context = { root: join(dir, 'guidebooks'), cwd: dir, color: false, rules: [] };
	const json = JSON.parse(reporters.json(report, context)) as {
		findings: Array<{ line: number; baselined?: boolean; fingerprint: string }>;
		summary: { errors: number };
		baseline: { known: { errors: number } };
	};
	expect(
		json.findings.map((f) => [f.line, f.baselined ?? false, /^[0-9a-f]{16}$/.test(f.fingerprint)]),
	).toEqual([
		[5, true, true],
		[7, false, true],
	]);
	expect([json.summary.errors, json.baseline.known.errors]).toEqual([1, 1]);
	const sarif = JSON.parse(reporters.sarif(report, context)) as {
		runs: Array<{
			results: Array<{
				baselineState: string;
				suppressions?: Array<{ kind: string }>;
				partialFingerprints: Record<string, string>;
			}>;
		}>;
	};
	expect(
		sarif.runs[0]?.results.map((r) => [
			r.baselineState,
			r.suppressions?.[0]?.kind ?? 'none',
			Object.keys(r.partialFingerprints)[0],
		]),
	).toEqual([
		['unchanged', 'external', 'waymarkLineHash/v1'],
		['new', 'none', 'waymarkLineHash/v1'],
	]);
	expect(reporters.github(report, context)).toMatchInlineSnapshot(`
		"::error file=guidebooks/README.md,line=7,col=1,title=waymark(internal-links)::Unexpected link to missing file \`also-gone.md\`, expected an existing file
		::notice file=guidebooks/README.md,line=5,col=1,title=waymark(internal-links) known::Known error, recorded in the baseline: Unexpected link to missing file \`gone.md\`, expected an existing file
		"
	`);
	const junit = reporters.junit(report, context);
	expect(junit).toContain('<testsuites name="waymark check" tests="2" failures="1" errors="0">');
	expect(junit).toContain(
		'<skipped message="known error (baseline): Unexpected link to missing file `gone.md`, expected an existing file"/>',
	);
	expect(reporters.markdown(report, context)).toMatchInlineSnapshot(`
		"### ❌ Waymark check: 1 new error, 0 new warnings

		| New errors | New warnings | Known (baseline) | Files checked |
		| ---: | ---: | ---: | ---: |
		| 1 | 0 | 1 | 1 |

		#### \`guidebooks/README.md\`

		- **error** 7:1 Unexpected link to missing file \`also-gone.md\`, expected an existing file (\`internal-links\`)

		<details>
		<summary>1 known finding, recorded in \`waymark.baseline.json\`, not failing the check</summary>

		#### \`guidebooks/README.md\`

		- **error** 5:1 Unexpected link to missing file \`gone.md\`, expected an existing file (\`internal-links\`)

		</details>
		"
	`);
	expect(reporters.pretty(report, context)).toMatchInlineSnapshot(`
		"guidebooks/README.md
		  7:1  error    Unexpected link to missing file \`also-gone.md\`, expected an existing file  internal-links

		Known findings, recorded in waymark.baseline.json (they do not fail the run):

		guidebooks/README.md
		  5:1  error    Unexpected link to missing file \`gone.md\`, expected an existing file  internal-links

		✖ 1 new error, 0 new warnings in 1 file checked
		  and 1 known error, 0 known warnings recorded in waymark.baseline.json
		"
	`);
});
