import type { Command } from 'commander';
import { failureOf } from '../../integration/astro-checks.ts';
import { notLiveHere } from '../../src/components/status/snapshot-phrase.ts';
import { loadAlertSources } from '../../alerts/load-alerts.ts';
import { loadConfig } from '../../config/load-config.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { runChecks, type CheckReport } from '../../checks/engine.ts';
import { collectProbes } from '../../checks/probes/collect.ts';
import { pathFromCwd } from '../../checks/report/paths.ts';
import { pretty } from '../../checks/report/pretty.ts';
import { listPageChanges } from '../../preview/git.ts';
import { writePreview } from '../../preview/write-preview.ts';
import { siteRun, withCwd } from '../../integration/astro-run.ts';
import { readEnvironment, type WaymarkEnvironment } from '../../core/environment.ts';
import { assertOutDirReplaceable, publishSite } from '../../integration/out-dir.ts';
import { addTrustOptions, configOptions, dialectLine, exitCodes, printError, traceOf, trustFrom, type TrustFlags } from './shared.ts';

export interface BuildOptions extends TrustFlags {
	root?: string;
	out?: string;
	config?: string;
	/** Git ref: add the reviewer preview (banner, changes page, diffs) against it. */
	base?: string;
}

/**
 * Checks the tree, then builds the static site; Astro's own output shows progress. Error findings
 * stop before Astro starts, with exit 1 like `waymark check`; exit 2 is left to usage, config and
 * internal errors.
 */
export async function runBuild(options: BuildOptions, environment: WaymarkEnvironment = readEnvironment(process.env)): Promise<number> {
	try {
		const cwd = process.cwd();
		// A branch under review (`--base`) is untrusted unless the caller says otherwise.
		const trust = trustFrom(options, options.base ? 'untrusted' : 'trusted');
		const loaded = await loadConfig(configOptions(options, environment, cwd, trust));
		await assertOutDirReplaceable(loaded.outDir, loaded.root);
		// Astro loads while the checks run; a failing check then leaves it unused.
		const astro = import('astro');
		astro.catch(() => undefined);
		// Checked here, not in an Astro hook, where a failure reads as a crash; the integration gets
		// the tree and this report as options and runs nothing twice.
		const tree = await loadGuidebookTree(loaded.root, { dialect: loaded.config.dialect, limits: loaded.config.checks, parser: environment.parser });
		const line = dialectLine(tree, cwd);
		if (line) process.stdout.write(`${line}\n`);
		// A bad ref fails in a second, not after the whole build.
		if (options.base) await listPageChanges(loaded.root, options.base);
		const alerts = await loadAlertSources(loaded.config, loaded.root, { trust, env: environment.variables, ...(loaded.file && { configFile: loaded.file }) });
		const report = await runChecks({ root: loaded.root, config: loaded.config, tree, alerts, trust, setAside: { ...(loaded.file && { configFile: loaded.file }), settings: loaded.setAside }, ...traceOf(environment) });
		const failure = failureOf(report.findings, loaded.root, cwd);
		process.stdout.write(pretty(fromCwd(report, loaded.root, cwd), { root: loaded.root, cwd, color: process.stdout.isTTY === true && !environment.noColor, rules: [] }));
		if (failure) {
			printError(failure);
			return exitCodes.findings;
		}
		const { build } = await astro;
		const { inline, buildDir } = siteRun({ loaded, tree, report, cwd, environment, alerts });
		await withCwd(inline.root, () => build({ ...inline, logLevel: environment.silent ? 'silent' : 'info' }));
		await publishSite(buildDir, loaded.outDir);
		process.stdout.write(`Built ${loaded.root} into ${loaded.outDir}\n`);
		// Readers see "Not checked yet"; what to do about it is for the author, here.
		const probeCount = collectProbes(tree).probes.length;
		if (probeCount > 0 && (!environment.probeAtBuild || trust === 'untrusted')) process.stdout.write(`${probeCount} probe(s) not checked at build time: a copy of the site says "${notLiveHere}"; \`waymark serve\` checks them live (or build with WAYMARK_PROBE_AT_BUILD=1 to check them once).\n`);
		if (options.base) {
			const preview = await writePreview({ root: loaded.root, outDir: loaded.outDir, ref: options.base, config: loaded.config, tree, report, trust, parser: environment.parser });
			process.stdout.write(`Added the preview of ${preview.pages.length} changed page(s) since ${options.base}: /_waymark/changes/\n`);
		}
		return exitCodes.clean;
	} catch (error) {
		printError(error);
		return exitCodes.usage;
	}
}

/** Files named from the working directory, as in the failure message printed after the report. */
function fromCwd(report: CheckReport, root: string, cwd: string): CheckReport {
	return { ...report, findings: report.findings.map((f) => ({ ...f, file: pathFromCwd(root, cwd, f.file) })) };
}

export function registerBuild(program: Command): void {
	const command = program
		.command('build')
		.description('Check the guidebook tree, then build it into a static site (exit 0 built, 1 error findings, 2 usage/config/internal error)')
		.option('--root <dir>', 'guidebook folder (default: WAYMARK_ROOT, config `root`, or ./guidebooks)')
		.option('--out <dir>', 'output folder (default: ./dist)')
		.option('--config <file>', 'configuration file (default: ./waymark.config.yaml)')
		.option('--base <ref>', 'add a reviewer preview of the changes since this git ref (banner, /_waymark/changes/, diffs)');
	addTrustOptions(command, 'with --base').action(async (options: BuildOptions) => {
		process.exitCode = await runBuild(options);
	});
}
