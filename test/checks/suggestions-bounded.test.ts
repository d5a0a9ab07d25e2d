import { closest, distance } from 'fastest-levenshtein';
import { expect, test } from 'vitest';
import { runChecks, type CheckReport } from '../../checks/engine.ts';
import { formatFinding } from '../../checks/finding.ts';
import { createSuggester } from '../../checks/rules/support/suggest.ts';
import { parseConfig } from '../../config/load-config.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { growthRatioOf } from '../helpers/growth.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';

/** A fixed sequence of whole numbers below `n`: the same lists on every run. */
function sequence(seed: number): (n: number) => number {
	const random = seededRandom(seed);
	return (n) => pick(random, n);
}

test('suggests what measuring every candidate suggests: the first closest, within the limit', () => {
	const next = sequence(20_261_124);
	const word = () => Array.from({ length: 2 + next(14) }, () => 'abcde-'[next(6)]).join('');
	for (let list = 0; list < 40; list++) {
		const candidates = Array.from({ length: 1 + next(60) }, word);
		const limit = (asked: string) => Math.max(2, Math.floor(asked.length / 3));
		const suggester = createSuggester(candidates, limit);
		for (let question = 0; question < 25; question++) {
			const asked = word();
			const near = closest(asked, candidates);
			expect(suggester.suggest(asked)).toBe(
				distance(near, asked) <= limit(asked) ? near : undefined,
			);
		}
	}
});

/** One page with `4n` headings and `n` links to headings that are not there (a letter dropped). */
async function brokenAnchors(n: number): Promise<string> {
	const headings = Array.from(
		{ length: 4 * n },
		(_, i) => `## Step ${i} drain replica ${i % 97}\n`,
	).join('\n');
	const links = Array.from(
		{ length: n },
		(_, i) => `- [step](#step-${i}-drain-replca-${i % 97})\n`,
	).join('');
	return writeFixture({ 'README.md': `# Home\n\n${links}\n${headings}` });
}

/** Reads the tree at `root` afresh (suggestions are kept per tree) and runs one rule on it. */
async function checkAfresh(root: string, rule: string): Promise<CheckReport> {
	return runChecks({
		root,
		config: parseConfig({}),
		tree: await loadGuidebookTree(root),
		only: [rule],
	});
}

test('checks links to missing headings in time that grows as the page does, not as links times headings', async () => {
	const roots = new Map([
		[250, await brokenAnchors(250)],
		[2_000, await brokenAnchors(2_000)],
	]);
	try {
		const check = (n: number) => checkAfresh(roots.get(n)!, 'internal-links');
		// Measuring every heading for every link grew 64-fold here (72 s for 4,000 links to 16,000 headings).
		expect(await growthRatioOf(check, 250, 2_000)).toBeLessThan(20);
		// Every link is still reported, and the first ones still get their suggestion.
		const report = await check(2_000);
		expect(report.findings).toHaveLength(2_000);
		expect(formatFinding(report.findings[0]!)).toMatch(
			/Unexpected link to missing heading `#step-0-drain-replca-0`, expected one of .*; did you mean `#step-0-drain-replica-0` \(internal-links\)$/,
		);
	} finally {
		for (const root of roots.values()) await removeFixture(root);
	}
}, 120_000);

test('suggests moved files among many of one name in time that grows as the tree does', async () => {
	// 4n folders each with a README.md, and n links to a README.md in folders that do not exist.
	const movedTree = (n: number) => {
		const files: Record<string, string> = {
			'README.md': `# Home\n\n${Array.from({ length: n }, (_, i) => `- [x](gone-${i}/README.md)\n`).join('')}`,
		};
		for (let i = 0; i < 4 * n; i++) files[`team-${i}/README.md`] = `# Team ${i}\n`;
		return writeFixture(files);
	};
	const roots = new Map([
		[50, await movedTree(50)],
		[400, await movedTree(400)],
	]);
	try {
		const check = (n: number) => checkAfresh(roots.get(n)!, 'internal-links');
		expect(await growthRatioOf(check, 50, 400)).toBeLessThan(20);
		const report = await check(400);
		expect(report.findings).toHaveLength(400);
		expect(formatFinding(report.findings[0]!)).toMatch(
			/Unexpected link to missing file `gone-0\/README.md`, expected an existing file; did you mean `team-0\/README.md` \(internal-links\)$/,
		);
	} finally {
		for (const root of roots.values()) await removeFixture(root);
	}
}, 120_000);

test('checks status widgets against the declared probes in time that grows as both do', async () => {
	// n probes declared, and n widgets naming probes that do not exist, with inline code in between.
	const widgets = (n: number) => {
		const probes = Array.from(
			{ length: n },
			(_, i) => `  - id: svc-${i}\n    http: https://svc-${i}.example.lab/\n`,
		).join('');
		const body = Array.from(
			{ length: n },
			(_, i) => `- :status{probe=svx-${i}} and \`<Status probe="in-code-${i}" />\`\n`,
		).join('');
		return writeFixture({ 'README.md': `---\nprobes:\n${probes}---\n\n# Services\n\n${body}` });
	};
	const roots = new Map([
		[400, await widgets(400)],
		[3_200, await widgets(3_200)],
	]);
	try {
		const check = (n: number) => checkAfresh(roots.get(n)!, 'probe-declarations');
		// Every widget was compared with every probe, letters sorted each time: 64-fold here.
		expect(await growthRatioOf(check, 400, 3_200)).toBeLessThan(20);
		const report = await check(3_200);
		expect(report.findings).toHaveLength(3_200);
		expect(formatFinding(report.findings[0]!)).toMatch(
			/Unexpected status widget for unknown probe `svx-0`, expected a probe id declared in some page's `probes:` \(probe-declarations\)$/,
		);
	} finally {
		for (const root of roots.values()) await removeFixture(root);
	}
}, 120_000);

test('suggests for a status widget the first declared probe measuring each would: same letters, or one a prefix of the other within two', async () => {
	// The rule's suggestion before it was indexed: the first id, in declaration order, that passes.
	const similar = (a: string, b: string) => {
		if (Math.abs(a.length - b.length) > 2) return false;
		const sorted = (s: string) => [...s].sort().join('');
		return sorted(a) === sorted(b) || a.startsWith(b) || b.startsWith(a);
	};
	const next = sequence(20_261_123);
	const word = () => Array.from({ length: 1 + next(6) }, () => 'abc'[next(3)]).join('');
	const ids = [...new Set(Array.from({ length: 40 }, word))];
	const asked = [...new Set(Array.from({ length: 300 }, word))].filter(
		(name) => !ids.includes(name),
	);
	const probes = ids.map((id) => `  - id: ${id}\n    http: https://${id}.example.lab/\n`).join('');
	const body = asked.map((name) => `- :status{probe=${name}}\n`).join('');
	const root = await writeFixture({
		'README.md': `---\nprobes:\n${probes}---\n\n# Services\n\n${body}`,
	});
	try {
		const report = await checkAfresh(root, 'probe-declarations');
		const suggested = report.findings.map(
			(finding) => /did you mean `([^`]*)`/.exec(finding.message)?.[1],
		);
		const expected = asked.map((name) => ids.find((id) => similar(id, name)));
		expect(report.findings).toHaveLength(asked.length);
		expect(suggested).toEqual(expected);
		// Both kinds of answer were generated: the comparison is not between two empty lists.
		expect(expected.filter(Boolean).length).toBeGreaterThan(20);
		expect(expected.filter((id) => id === undefined).length).toBeGreaterThan(20);
	} finally {
		await removeFixture(root);
	}
});
