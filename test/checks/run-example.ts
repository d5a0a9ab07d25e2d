import { loadAlertSources } from '../../alerts/load-alerts.ts';
import { alertSourceFiles } from '../../alerts/types.ts';
import { parseConfig } from '../../config/load-config.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { runRule } from '../../checks/run-rule.ts';
import { formatFinding, type Finding } from '../../checks/finding.ts';
import type { ExampleCommit, Rule } from '../../checks/rules/define-rule.ts';
import type { Trust } from '../../core/trust.ts';
import { commitAt, initRepository, writeEdits } from '../helpers/dated-commits.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

/** An example's git history and the day it is checked on (`RuleExample`). */
interface ExampleTime {
	history?: ExampleCommit[];
	today?: string;
}

/**
 * Writes an example tree as a git repository of its own (as a reader's clone is), with `history`
 * committed first, runs one rule over every page at its default severity, returns its findings.
 */
export async function runExample(
	rule: Rule,
	files: Record<string, string>,
	config: unknown = {},
	trust: Trust = 'trusted',
	time: ExampleTime = {},
): Promise<Finding[]> {
	const root = await writeFixture({});
	try {
		// Links that leave the root then leave the repository, wherever the tests run.
		await initRepository(root);
		for (const commit of time.history ?? [])
			await commitAt(
				root,
				commit.date.length === 10 ? commit.date : `${commit.date}:00Z`,
				commit.files,
			);
		await writeEdits(root, files);
		// Read as the engine reads a tree of that trust: an untrusted one without the files git does not track.
		const tree = await loadGuidebookTree(root, { trust });
		const parsed = parseConfig(config);
		const alerts = await loadAlertSources(parsed, root);
		const targets = new Set([
			...tree.pages.keys(),
			...tree.unreadable.map((u) => u.path),
			...tree.files.problems.map((p) => p.path),
			...alertSourceFiles(alerts),
		]);
		const severity = rule.defaultSeverity === 'off' ? 'error' : rule.defaultSeverity;
		return await runRule(rule, severity, tree, parsed, targets, {
			trust,
			setAside: [],
			alerts,
			...(time.today && { now: new Date(`${time.today}T12:00:00Z`) }),
		});
	} finally {
		await removeFixture(root);
	}
}

export const format = (findings: Finding[]): string[] => findings.map(formatFinding);
