import type { Command } from 'commander';
import type { CommandContext } from '../terminal.ts';
import { rootHelp } from '../options.ts';
import type { ExportOptions, OfflineOptions } from '../commands/export.ts';

export function registerExport(program: Command, context: CommandContext): void {
	const command = program
		.command('export')
		.description("Write what other tools need to run Waymark's probes and alerts");
	command
		.command('prometheus')
		.description(
			'Write blackbox_exporter modules, Prometheus scrape jobs (file-based discovery) and rules for every declared probe (exit 0 written, 1 invalid declarations, 2 usage/config error)',
		)
		.requiredOption('--out <dir>', 'folder to write into')
		.option('--root <dir>', rootHelp)
		.option('--config <file>', 'configuration file (default: ./waymark.config.yaml)')
		.option(
			'--state-dir <dir>',
			"Waymark's state folder: caches, Astro's work folders, status history (default: config `stateDir`, or .waymark beside the config)",
		)
		.option(
			'--blackbox <host:port>',
			'where Prometheus reaches blackbox_exporter (with `status.locations`, each location names its own)',
			'127.0.0.1:9115',
		)
		.option(
			'--alertmanager <host:port>',
			'Alertmanager to send the alerts to (adds `alerting` to prometheus.yml)',
		)
		.option(
			'--dns-server <host:port>',
			'DNS server dns probes ask (default: the first of network.dnsServers)',
		)
		.action(async (options: ExportOptions) => {
			context.done(
				await (
					await import('../commands/export.ts')
				).runExportPrometheus(options, context.terminal),
			);
		});
	command
		.command('offline')
		.description(
			'Write the built site as one zip that works unpacked and opened from disk (file://): navigation, search, diagrams, status as of the build, every page stamped "Offline copy" (exit 0 written, 2 usage/config error or no built site)',
		)
		.requiredOption('--out <file.zip>', 'archive to write')
		.option('--dir <dir>', 'the built site (default: config `outDir`, ./dist)')
		.option('--root <dir>', `${rootHelp}: its commit stamps the pages`)
		.option('--config <file>', 'configuration file (default: ./waymark.config.yaml)')
		.option(
			'--state-dir <dir>',
			"Waymark's state folder (default: config `stateDir`, or .waymark beside the config)",
		)
		.action(async (options: OfflineOptions) => {
			context.done(
				await (await import('../commands/export.ts')).runExportOffline(options, context.terminal),
			);
		});
}
