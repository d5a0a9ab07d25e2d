import { isAbsolute, relative } from 'node:path';
import { notLiveHere } from '../../src/components/status/snapshot-phrase.ts';
import { generatedRoutes } from '../../markdown/routes.ts';
import { loadConfig, type LoadedConfig } from '../../config/load-config.ts';
import type { Progress } from '../../core/progress.ts';
import type { CheckReport } from '../../checks/engine.ts';
import { collectProbes } from '../../checks/probes/collect.ts';
import { plural, pretty } from '../../checks/report/pretty.ts';
import { buildSite } from '../../integration/build-site.ts';
import { assertOutDirReplaceable } from '../../integration/out-dir.ts';
import { watchPagefind } from '../../integration/pagefind-process.ts';
import type { Terminal } from '../terminal.ts';
import { guardedRun } from '../guarded-run.ts';
import {
	basePathOf,
	configOptions,
	noteRootFound,
	contraryDialectWarning,
	dialectLine,
	exitCodes,
	printError,
	warningLog,
	traceOf,
	trustFrom,
	type TrustFlags,
} from './shared.ts';
import { assertWritesInside } from '../../config/write-guard.ts';

export interface BuildOptions extends TrustFlags {
	root?: string;
	out?: string;
	config?: string;
	stateDir?: string;
	/** Git ref: add the reviewer preview (banner, changes page, diffs) against it. */
	base?: string;
	/** The URL path the site is published under, over config `site.base` (a forge's Pages says it in CI). */
	basePath?: string;
	/** Error findings fail the build (exit 1) before anything is written; else config `build.strict`. */
	strict?: boolean;
}

/**
 * `waymark build`: reads the flags and the environment, decides trust, and prints what
 * `buildSite` (integration/build-site.ts, the story of a build) reports. Exit 0 when the site was
 * written, whatever the findings: content never blocks publishing (a broken part of a page
 * becomes a notice on it). `--strict` (or `build.strict`) stops on error findings with exit 1,
 * like `waymark check`; exit 2 is left to usage, config and internal errors, and to a run that
 * stops making progress.
 */
export function runBuild(options: BuildOptions, terminal: Terminal): Promise<number> {
	return guardedRun(terminal, {}, async (guard) => {
		// A branch under review (`--base`) is untrusted unless the caller says otherwise.
		const trust = trustFrom(options, options.base ? 'untrusted' : 'trusted');
		const loaded = await loadConfig(configOptions(options, terminal, trust));
		if (options.basePath !== undefined) loaded.config.site.base = basePathOf(options.basePath);
		noteRootFound(terminal, loaded);
		await assertWritesInside(loaded);
		await assertOutDirReplaceable(loaded.outDir, loaded.root);
		// Steps over two seconds say so in lines of their own: Astro's log is on the terminal too.
		const progress = guard.watch(loaded.config.build.stallTimeoutSeconds * 1000, {
			slowSteps: { redraw: false },
		});
		// A Pagefind that stops answering is stopped at half that, and the site published without search.
		watchPagefind(loaded.config.build.stallTimeoutSeconds * 500);
		return await guard.watched(buildAndPrint(options, loaded, terminal, progress));
	});
}

async function buildAndPrint(
	options: BuildOptions,
	loaded: LoadedConfig,
	terminal: Terminal,
	progress: Progress,
): Promise<number> {
	const { cwd, environment, stdout, stderr } = terminal;
	const color = stdout.isTTY === true && !environment.noColor;
	const result = await buildSite({
		loaded,
		environment,
		cwd,
		strict: options.strict ?? loaded.config.build.strict,
		...(options.base && { base: options.base }),
		progress,
		output: { stdout, stderr, color },
		...traceOf(terminal),
		log: {
			treeRead: (tree) => {
				const line = dialectLine(tree, cwd);
				if (line) stdout.write(`${line}\n`);
				const contrary = contraryDialectWarning(tree);
				if (contrary) stderr.write(contrary);
			},
			warn: warningLog(terminal),
			note: (line) => void stdout.write(`${line}\n`),
			report: (report) =>
				void stdout.write(pretty(report, { root: loaded.root, cwd, color, rules: [] })),
		},
	});
	if (!result.built) {
		printError(terminal, result.failure);
		return exitCodes.findings;
	}
	const pages = guidebookPages(result.pathnames);
	stdout.write(`${builtLine(pages, loaded.outDir, cwd, result.report)}\n`);
	if (result.rendered !== undefined && result.rendered < pages)
		stdout.write(
			`Rendered ${result.rendered} of ${plural(pages, 'guidebook page')} again; ${plural(pages - result.rendered, 'page')} came from the last build unchanged.\n`,
		);
	if (result.patched)
		stdout.write(
			result.patched.length === 0
				? 'Nothing changed since the last build: the site is as it was.\n'
				: `Only page bodies changed since the last build: ${plural(result.patched.length, 'page')} republished in place, the rest as it was.\n`,
		);
	// Readers see "Not checked yet"; what to do about it is for the author, here.
	const probeCount = collectProbes(result.tree).probes.length;
	if (probeCount > 0 && (!environment.probeAtBuild || loaded.trust === 'untrusted'))
		stdout.write(
			`${probeCount} probe(s) are checked live by \`waymark serve\`; these files served any other way say "${notLiveHere}" (build with WAYMARK_PROBE_AT_BUILD=1 to check them once).\n`,
		);
	if (result.preview)
		stdout.write(
			`Added the preview of ${result.preview.pages} changed page(s) since ${options.base}: /_waymark/changes/\n`,
		);
	return exitCodes.clean;
}

/**
 * The pages Astro wrote that show the guidebooks (pages of the tree, generated folder and home
 * pages): all but the 404 page and the site's generated routes.
 */
function guidebookPages(pathnames: string[]): number {
	return pathnames.filter((pathname) => {
		const route = `/${pathname}`.replace(/\/?$/, '/').replace(/^\/+/, '/');
		return route !== '/404/' && !generatedRoutes.has(route);
	}).length;
}

/**
 * `Built 412 guidebook pages, plus the status and 404 pages, into dist/ with 11 errors and 96
 * warnings; run \`waymark check\` for the gate`. Astro's own log counts those two pages too.
 */
function builtLine(
	pages: number,
	outDir: string,
	cwd: string,
	report: Pick<CheckReport, 'summary'>,
): string {
	const where = relative(cwd, outDir);
	const out =
		`${where === '' || where.startsWith('..') || isAbsolute(where) ? outDir : where}/`.replace(
			/\/+$/,
			'/',
		);
	const { errors, warnings } = report.summary;
	const found =
		errors + warnings === 0
			? ''
			: ` with ${plural(errors, 'error')} and ${plural(warnings, 'warning')}; run \`waymark check\` for the gate`;
	return `Built ${plural(pages, 'guidebook page')}, plus the status and 404 pages, into ${out}${found}`;
}
