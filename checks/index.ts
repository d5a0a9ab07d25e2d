/** Waymark's public API (package `exports["."]`); pinned by test/checks/public-api.test.ts. */
export { runChecks, type CheckReport, type RunChecksOptions } from './engine.ts';
export {
	defineRule,
	type Rule,
	type RuleContext,
	type RuleDefinition,
	type RuleExamples,
	type RuleReport,
	type RuleSeverity,
} from './rules/define-rule.ts';
export { rules, type RuleId } from './rules/index.ts';
export { formatFinding, type Finding, type Position, type Severity } from './finding.ts';
export { loadConfig, parseConfig, type Config, type UserConfig } from '../config/load-config.ts';
export { reporters, type ReporterName } from './report/index.ts';
export { runProbes } from './probes/run.ts';
export type { ProbeIo } from './probes/probe-one.ts';
export { checkLive, type CheckLiveOptions } from './probes/check-live.ts';
export type { LocatedProbe, ProbeResult } from './probes/types.ts';
export type { ProbeState } from '../core/status-snapshot.ts';
