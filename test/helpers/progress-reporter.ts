import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * One line per test file as it ends, for `test/run-suite.ts`'s two runs side by side: its verdict,
 * its project, its path and its time (tests and hooks). The whole report, failures and all, is
 * printed once at the end from both runs' blobs, so nothing here is said twice.
 */
export default class ProgressReporter implements Reporter {
	onTestModuleEnd(testModule: TestModule): void {
		const verdict = { passed: '✓', failed: '✗', skipped: '↓', pending: '…', queued: '…' }[
			testModule.state()
		];
		const seconds = (testModule.diagnostic().duration / 1000).toFixed(1);
		const path = relative(process.cwd(), testModule.moduleId);
		process.stdout.write(`${verdict} ${testModule.project.name} ${path} ${seconds} s\n`);
	}
}
