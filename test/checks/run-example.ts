import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadAlertSources } from '../../alerts/load-alerts.ts';
import { alertSourceFiles } from '../../alerts/types.ts';
import { parseConfig } from '../../config/load-config.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { runRule } from '../../checks/engine.ts';
import { formatFinding, type Finding } from '../../checks/finding.ts';
import type { Rule } from '../../checks/rules/define-rule.ts';
import type { Trust } from '../../src/lib/trust.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

/**
 * Writes an example tree as a git repository of its own (as a reader's clone is), runs one rule
 * over every page at its default severity, returns its findings.
 */
export async function runExample(rule: Rule, files: Record<string, string>, config: unknown = {}, trust: Trust = 'trusted'): Promise<Finding[]> {
	const root = await writeFixture(files);
	try {
		// Links that leave the root then leave the repository, wherever the tests run.
		await promisify(execFile)('git', ['init', '--quiet', root]);
		const tree = await loadGuidebookTree(root);
		const parsed = parseConfig(config);
		const alerts = await loadAlertSources(parsed, root);
		const targets = new Set([...tree.pages.keys(), ...tree.unreadable.map((u) => u.path), ...tree.files.problems.map((p) => p.path), ...alertSourceFiles(alerts)]);
		const severity = rule.defaultSeverity === 'off' ? 'error' : rule.defaultSeverity;
		return await runRule(rule, severity, tree, parsed, targets, { trust, setAside: [], alerts });
	} finally {
		await removeFixture(root);
	}
}

export const format = (findings: Finding[]): string[] => findings.map(formatFinding);
