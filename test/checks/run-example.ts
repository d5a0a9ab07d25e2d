import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { loadAlertSources } from '../../alerts/load-alerts.ts';
import { alertSourceFiles } from '../../alerts/types.ts';
import { parseConfig } from '../../config/load-config.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { runRule } from '../../checks/engine.ts';
import { formatFinding, type Finding } from '../../checks/finding.ts';
import type { ExampleCommit, Rule } from '../../checks/rules/define-rule.ts';
import type { Trust } from '../../src/lib/trust.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

const exec = promisify(execFile);

/** An example's git history and the day it is checked on (`RuleExample`). */
interface ExampleTime {
	history?: ExampleCommit[];
	today?: string;
}

/**
 * Writes an example tree as a git repository of its own (as a reader's clone is), with `history`
 * committed first, runs one rule over every page at its default severity, returns its findings.
 */
export async function runExample(rule: Rule, files: Record<string, string>, config: unknown = {}, trust: Trust = 'trusted', time: ExampleTime = {}): Promise<Finding[]> {
	const root = await writeFixture({});
	try {
		// Links that leave the root then leave the repository, wherever the tests run.
		await exec('git', ['init', '--quiet', root]);
		for (const commit of time.history ?? []) await commitFiles(root, commit);
		await writeFiles(root, files);
		const tree = await loadGuidebookTree(root);
		const parsed = parseConfig(config);
		const alerts = await loadAlertSources(parsed, root);
		const targets = new Set([...tree.pages.keys(), ...tree.unreadable.map((u) => u.path), ...tree.files.problems.map((p) => p.path), ...alertSourceFiles(alerts)]);
		const severity = rule.defaultSeverity === 'off' ? 'error' : rule.defaultSeverity;
		return await runRule(rule, severity, tree, parsed, targets, { trust, setAside: [], alerts, ...(time.today && { now: new Date(`${time.today}T12:00:00Z`) }) });
	} finally {
		await removeFixture(root);
	}
}

async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
	for (const [path, content] of Object.entries(files)) {
		await mkdir(dirname(join(root, path)), { recursive: true });
		await writeFile(join(root, path), content);
	}
}

async function commitFiles(root: string, commit: ExampleCommit): Promise<void> {
	await writeFiles(root, commit.files);
	const when = commit.date.length === 10 ? `${commit.date}T12:00:00Z` : `${commit.date}:00Z`;
	const env = { ...process.env, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when, GIT_AUTHOR_NAME: 'Example', GIT_AUTHOR_EMAIL: 'example@example.invalid', GIT_COMMITTER_NAME: 'Example', GIT_COMMITTER_EMAIL: 'example@example.invalid' };
	await exec('git', ['-C', root, 'add', '--all'], { env });
	await exec('git', ['-C', root, '-c', 'commit.gpgsign=false', 'commit', '--quiet', '--allow-empty', '-m', `example commit of ${commit.date}`], { env });
}

export const format = (findings: Finding[]): string[] => findings.map(formatFinding);
