import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { collectProbes } from '../../checks/probes/collect.ts';
import { placeholderLabels } from '../../checks/rules/support/page-placeholders.ts';
import { loadConfig } from '../../config/load-config.ts';
import { exportPrometheus, formatNote } from '../../export/prometheus.ts';
import { exportOffline } from '../../export/offline.ts';
import { statusStamp } from '../../export/offline-page.ts';
import { findRepository, resolveCommit } from '../../core/git.ts';
import { NoBuiltSite, raise } from '../../core/errors.ts';
import { terminalText } from '../../core/escape.ts';
import { shownFile, shownPath } from '../../core/shown-path.ts';
import { readTree } from '../../tree/read-tree.ts';
import type { Terminal } from '../terminal.ts';
import { configOptions, noteRootFound, exitCodes, printError } from './shared.ts';
import { assertWritesInside } from '../../config/write-guard.ts';

export interface ExportOptions {
	stateDir?: string;
	out: string;
	root?: string;
	config?: string;
	blackbox: string;
	alertmanager?: string;
	dnsServer?: string;
}

/** Writes the Prometheus + blackbox_exporter files for every declared probe; exit 1 when a declaration is invalid. */
export async function runExportPrometheus(
	options: ExportOptions,
	terminal: Terminal,
): Promise<number> {
	const { cwd, environment, stdout, stderr } = terminal;
	try {
		// Exporting runs nothing from the tree: it writes files for your Prometheus to load.
		const loaded = await loadConfig(configOptions(options, terminal, 'trusted'));
		noteRootFound(terminal, loaded);
		const out = resolve(cwd, options.out);
		const writes = (files: string[]) =>
			assertWritesInside(
				{
					root: loaded.root,
					stateDir: loaded.stateDir,
					config: loaded.config,
					...(loaded.file && { file: loaded.file }),
				},
				files,
			);
		await writes([out]);
		const tree = await readTree(loaded, { parser: environment.parser });
		const { probes, problems } = collectProbes(tree);
		for (const problem of problems)
			stderr.write(
				`${terminalText(`${problem.file}:${problem.position.line}:${problem.position.column}: ${problem.message} (probe-declarations)`)}\n`,
			);
		const dnsServer = options.dnsServer ?? loaded.config.network.dnsServers[0];
		const result = exportPrometheus(probes, {
			blackbox: options.blackbox,
			...(options.alertmanager && { alertmanager: options.alertmanager }),
			...(dnsServer && { dnsServer }),
			site: { url: loaded.config.site.url, base: loaded.config.site.base },
			pageLabels: new Map(
				[...tree.pages.values()].map((page) => [page.route, placeholderLabels(page)]),
			),
			locations: loaded.config.status.locations,
			downWhen: loaded.config.status.downWhen,
		});
		for (const [name, text] of Object.entries(result.files)) {
			await writes([join(out, name)]);
			await mkdir(dirname(join(out, name)), { recursive: true });
			await writeFile(join(out, name), text);
		}
		stdout.write(
			`Exported ${result.exported.length} of ${probes.length} probe(s) to ${shownPath(out, cwd)}: ${Object.keys(result.files).join(', ')}\n`,
		);
		for (const note of result.notes) stdout.write(`  ${formatNote(note)}\n`);
		return problems.length > 0 ? exitCodes.findings : exitCodes.clean;
	} catch (error) {
		printError(terminal, error);
		return exitCodes.usage;
	}
}

export interface OfflineOptions {
	out: string;
	dir?: string;
	root?: string;
	config?: string;
	stateDir?: string;
}

/**
 * `waymark export offline`: the site `waymark build` wrote (config `outDir`, or `--dir`) as one zip
 * that works from disk. It builds nothing: CI builds once and publishes and archives the same
 * pages. Stamped with the time the build wrote `index.html`, the tree's commit and the status as
 * of the build; the same built folder gives the same bytes.
 */
export async function runExportOffline(
	options: OfflineOptions,
	terminal: Terminal,
): Promise<number> {
	const { cwd } = terminal;
	try {
		// Here `--out` is the archive and `--dir` the built folder, which configOptions takes as `out`.
		const loaded = await loadConfig(
			configOptions(
				{
					root: options.root,
					config: options.config,
					stateDir: options.stateDir,
					out: options.dir,
				},
				terminal,
				'trusted',
			),
		);
		noteRootFound(terminal, loaded);
		const out = resolve(cwd, options.out);
		// The built folder is only read.
		await assertWritesInside(
			{
				root: loaded.root,
				stateDir: loaded.stateDir,
				config: loaded.config,
				...(loaded.file && { file: loaded.file }),
			},
			[out],
		);
		const dir = loaded.outDir;
		const home = await readFile(join(dir, 'index.html'), 'utf8').catch(() => undefined);
		const built = await stat(join(dir, 'index.html')).catch(() => undefined);
		if (home === undefined || !built) throw raise(NoBuiltSite, shownPath(dir, cwd));
		const repo = await findRepository(loaded.root);
		const commit = repo && (await resolveCommit(repo, 'HEAD'));
		const status = JSON.parse(
			await readFile(join(dir, '_waymark/status.json'), 'utf8').catch(() => '{}'),
		) as { generatedAt?: unknown; probes?: unknown };
		// The title as the pages show it, HTML entities decoded (the stamp escapes it again).
		const site = (
			/<a class="site-title"[^>]*>([^<]*)<\/a>/.exec(home)?.[1] ?? 'the guidebooks'
		).replace(
			/&(amp|lt|gt|quot|#39);/g,
			(_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] ?? '',
		);
		const result = await exportOffline(
			dir,
			{
				site,
				builtAt: built.mtime.toISOString(),
				commit: commit?.slice(0, 7),
				...statusStamp(status),
			},
			loaded.config.site.base,
		);
		await mkdir(dirname(out), { recursive: true });
		await writeFile(out, result.zip);
		const kib = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;
		terminal.stdout.write(
			`Exported ${result.pages} searchable page(s) from ${shownPath(dir, cwd)} to ${shownFile(out, cwd)} (${kib(result.zip.byteLength)}; search index ${kib(result.searchBytes)}); unpack it and open index.html.\n`,
		);
		for (const { path, reason } of result.unportable)
			terminal.stderr.write(
				`${terminalText(`${shownPath(join(dir, path), cwd)}: Unexpected ${reason} in the file's name, expected a name every zip tool unpacks into its folder; the file is left out of the copy. Rename it in the tree and build again.`)}\n`,
			);
		return result.unportable.length > 0 ? exitCodes.findings : exitCodes.clean;
	} catch (error) {
		printError(terminal, error);
		return exitCodes.usage;
	}
}
