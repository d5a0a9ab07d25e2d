import { runChecks, type CheckReport, type RunChecksOptions } from '../../checks/engine.ts';
import { loadGuidebookTree, type GuidebookTree } from '../../tree/load-tree.ts';

/**
 * The checks on `root` as a command runs them, reading the tree first when the test has none:
 * `runChecks` judges the tree it is handed and reads none itself.
 */
export async function checkTree(
	options: Omit<RunChecksOptions, 'tree'> & { tree?: GuidebookTree },
): Promise<CheckReport> {
	const tree =
		options.tree ??
		(await loadGuidebookTree(options.root, {
			dialect: options.config.dialect,
			limits: options.config.checks,
			trust: options.trust ?? 'trusted',
		}));
	return runChecks({ ...options, tree });
}
