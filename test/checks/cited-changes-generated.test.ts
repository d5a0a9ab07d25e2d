import { join } from 'node:path';
import { afterAll, expect, test, vi } from 'vitest';
import { checkTree } from '../helpers/check-tree.ts';
import { parseConfig } from '../../config/load-config.ts';
import { commitAt, initRepository, writeEdits, type FileEdits } from '../helpers/dated-commits.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { seededRandom as random } from '../helpers/seeded-random.ts';

// Forty repositories, each built commit by commit: minutes on a busy 2-core machine.
vi.setConfig({ testTimeout: 600_000 });

/**
 * Generated histories of two runbooks and what they both cite (an alert rule, a probe declared on
 * another page, their upstream page, a script of the repository), in random order, with reviews and changes
 * that only look like changes (a comment in the rule file, another rule, the probe page's text),
 * sometimes left uncommitted; each checked against the rule's meaning, computed directly: a cited
 * thing is flagged when its last real change is after the page's last commit and after the day of
 * the page's review.
 */

type Kind = 'alert rule' | 'probe' | 'upstream page' | 'file';
type Event =
	| 'page'
	| 'review'
	| 'page2'
	| 'review2'
	| 'rule'
	| 'rule-comment'
	| 'other-rule'
	| 'probe'
	| 'probe-page'
	| 'upstream'
	| 'file';
const events: Event[] = [
	'page',
	'review',
	'page2',
	'review2',
	'rule',
	'rule-comment',
	'other-rule',
	'probe',
	'probe-page',
	'upstream',
	'file',
];
const runbooks = ['erp/backup.md', 'erp/restore.md'] as const;
/** What each event really changes, for the oracle: one of the runbooks, a cited thing, or nothing cited. */
const meaning: Record<Event, Kind | (typeof runbooks)[number] | undefined> = {
	page: 'erp/backup.md',
	review: 'erp/backup.md',
	page2: 'erp/restore.md',
	review2: 'erp/restore.md',
	rule: 'alert rule',
	'rule-comment': undefined,
	'other-rule': undefined,
	probe: 'probe',
	'probe-page': undefined,
	upstream: 'upstream page',
	file: 'file',
};

interface State {
	page: number;
	reviewed: string | undefined;
	page2: number;
	reviewed2: string | undefined;
	rule: number;
	ruleComment: number;
	otherRule: number;
	probe: number;
	probePage: number;
	upstream: number;
	file: number;
}

const config = parseConfig({
	site: { url: 'https://runbooks.example.com' },
	alerts: { rules: ['../monitoring/*.yml'] },
});

function files(state: State): FileEdits {
	return {
		'docs/README.md': '# Runbooks\n\n[ERP](erp/README.md)\n',
		'docs/erp/README.md': `# ERP\n\nRevision ${state.upstream} of the ERP hub. [Backup](backup.md), [hosts](hosts.md).\n`,
		'docs/erp/hosts.md': `---\nprobes:\n  - id: erp-api\n    http: https://erp.example.lab/api/index.php/status\n    interval: ${30 + state.probe}s\n---\n\n# ERP hosts\n\nThe hosts, revision ${state.probePage}.\n`,
		'docs/erp/backup.md': `---\n${state.reviewed ? `reviewed: ${state.reviewed}\n` : ''}upstream: [README.md]\n---\n\n# ERP backup\n\nAPI: :status{probe=erp-api}\n\n## Restore\n\nRun [the backup script](../../scripts/backup.sh), revision ${state.page}.\n`,
		'docs/erp/restore.md': `---\n${state.reviewed2 ? `reviewed: ${state.reviewed2}\n` : ''}alerts: [ErpBackupFailed]\n---\n\n# ERP restore\n\n> **Status:** Active\n> **Upstream:** [ERP](README.md)\n\nAPI: :status{probe=erp-api}. The [backup script](../../scripts/backup.sh), revision ${state.page2}.\n`,
		'monitoring/erp.rules.yml': `# rule file, revision ${state.ruleComment}\ngroups:\n  - name: erp\n    rules:\n      - alert: ErpBackupFailed\n        expr: kube_job_status_failed{namespace="erp"} > ${state.rule}\n        annotations:\n          runbook_url: https://runbooks.example.com/erp/backup/#restore\n${state.otherRule > 0 ? `      - alert: ErpSlow\n        expr: erp_latency_seconds > ${state.otherRule}\n` : ''}`,
		'scripts/backup.sh': `pg_dump -Fc erp > /backups/erp-${state.file}.dump\n`,
	};
}

const hour = 3_600_000;
const day = 24 * hour;
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const reviewDay = (at: number, next: () => number): string =>
	dayOf(at + [-20, -1, 0, 0, 1][Math.floor(next() * 5)]! * day);

function apply(state: State, event: Event, at: number, next: () => number): void {
	if (event === 'review') state.reviewed = reviewDay(at, next);
	else if (event === 'review2') state.reviewed2 = reviewDay(at, next);
	else if (event === 'page') state.page++;
	else if (event === 'page2') state.page2++;
	else if (event === 'rule') state.rule++;
	else if (event === 'rule-comment') state.ruleComment++;
	else if (event === 'other-rule') state.otherRule++;
	else if (event === 'probe') state.probe++;
	else if (event === 'probe-page') state.probePage++;
	else if (event === 'upstream') state.upstream++;
	else state.file++;
}

interface History {
	seed: number;
	commits: Array<{ at: number; events: Event[] }>;
	uncommitted: Event[];
	today: string;
}

function generate(seed: number): History {
	const next = random(seed);
	const pick = (): Event => events[Math.floor(next() * events.length)]!;
	let at = Date.parse('2026-01-05T10:00:00Z');
	const commits: History['commits'] = [{ at, events: [] }];
	const count = 3 + Math.floor(next() * 8);
	for (let i = 0; i < count; i++) {
		// Some commits on the same day, some weeks apart.
		at += next() < 0.3 ? hour + Math.floor(next() * 5) * hour : Math.ceil(next() * 40) * day;
		commits.push({ at, events: next() < 0.25 ? [pick(), pick()] : [pick()] });
	}
	const uncommitted = next() < 0.35 ? [pick()] : [];
	return { seed, commits, uncommitted, today: dayOf(at + 10 * day) };
}

/** The rule's meaning, computed from the events: what is flagged on each runbook, with the day of its change or `uncommitted`. */
function oracle(history: History): string[] {
	const next = random(history.seed ^ 0x5eed);
	const state = initial();
	const pageLast = new Map<string, number>(runbooks.map((path) => [path, history.commits[0]!.at]));
	const edited = new Set<string>();
	const last = new Map<Kind, number>();
	for (const commit of history.commits) {
		for (const event of commit.events) {
			apply(state, event, commit.at, next);
			const kind = meaning[event];
			if (kind === 'erp/backup.md' || kind === 'erp/restore.md') pageLast.set(kind, commit.at);
			else if (kind) last.set(kind, commit.at);
		}
	}
	const now = Number.POSITIVE_INFINITY;
	for (const event of history.uncommitted) {
		apply(state, event, Date.parse(`${history.today}T12:00:00Z`), next);
		const kind = meaning[event];
		if (kind === 'erp/backup.md' || kind === 'erp/restore.md') edited.add(kind);
		else if (kind) last.set(kind, now);
	}
	const flagged: string[] = [];
	for (const path of runbooks) {
		// A page being edited has caught up with everything.
		if (edited.has(path)) continue;
		const reviewed = path === 'erp/backup.md' ? state.reviewed : state.reviewed2;
		for (const [kind, at] of last) {
			if (at <= pageLast.get(path)!) continue;
			const changeDay = at === now ? history.today : dayOf(at);
			if (reviewed !== undefined && reviewed >= changeDay) continue;
			flagged.push(`${path} ${kind} ${at === now ? 'uncommitted' : changeDay}`);
		}
	}
	return flagged.sort();
}

const initial = (): State => ({
	page: 0,
	reviewed: undefined,
	page2: 0,
	reviewed2: undefined,
	rule: 0,
	ruleComment: 0,
	otherRule: 0,
	probe: 0,
	probePage: 0,
	upstream: 0,
	file: 0,
});

async function build(history: History): Promise<string> {
	const repo = await writeFixture({});
	await initRepository(repo);
	const next = random(history.seed ^ 0x5eed);
	const state = initial();
	for (const commit of history.commits) {
		for (const event of commit.events) apply(state, event, commit.at, next);
		await commitAt(repo, new Date(commit.at).toISOString(), files(state));
	}
	for (const event of history.uncommitted)
		apply(state, event, Date.parse(`${history.today}T12:00:00Z`), next);
	await writeEdits(repo, files(state));
	return repo;
}

const built: string[] = [];
afterAll(async () => {
	for (const repo of built) await removeFixture(repo);
});

test('flags exactly what the rule means on 40 generated histories', async () => {
	const kinds = new Set<string>();
	for (let seed = 1; seed <= 40; seed++) {
		const history = generate(seed);
		const repo = await build(history);
		built.push(repo);
		const report = await checkTree({
			root: join(repo, 'docs'),
			config,
			only: ['cited-changes'],
			now: new Date(`${history.today}T12:00:00Z`),
		});
		const actual = report.findings
			.map((finding) => {
				const match =
					/change to (alert rule|probe|upstream page|file) .*?(?:, not yet committed,| on (\d{4}-\d{2}-\d{2})(?: at \d\d:\d\d UTC)?,)/.exec(
						finding.message,
					);
				return `${finding.file} ${match?.[1]} ${match?.[2] ?? 'uncommitted'}`;
			})
			.sort();
		expect({ seed, findings: actual }).toEqual({ seed, findings: oracle(history) });
		for (const line of actual)
			kinds.add(
				line
					.replace(/^\S+ /, '')
					.replace(/ \S+$/, line.endsWith('uncommitted') ? ' (uncommitted)' : ''),
			);
	}
	// The histories reach every kind of citation, committed and not: the comparison above is not vacuous.
	expect([...kinds].sort()).toEqual(
		expect.arrayContaining(['alert rule', 'file', 'probe', 'upstream page']),
	);
	expect([...kinds].some((kind) => kind.endsWith('(uncommitted)'))).toBe(true);
});
