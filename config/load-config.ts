import { readFile, realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { locateYamlErrors, yamlErrorReason } from '../core/yaml-errors.ts';
import * as z from 'zod';
import { AlertsConfigSchema } from './alerts.ts';
import { BuildConfigSchema } from './build.ts';
import { ChecksConfigSchema } from './checks.ts';
import { DiagramsConfigSchema } from './diagrams.ts';
import { LinksConfigSchema } from './links.ts';
import { NetworkConfigSchema } from './network.ts';
import { SiteConfigSchema } from './site.ts';
import { StatusConfigSchema } from './status.ts';
import { envNames } from '../core/env-template.ts';
import { ConfigInvalid, ConfigSyntaxInvalid, ConfigUnreadable, raise } from '../core/errors.ts';
import { describeJsonError } from '../core/json-error.ts';
import type { Position } from '../core/position.ts';
import { toolNames } from '../tools/index.ts';
import { configErrorMap, configIssueLines } from './error-map.ts';
import { keyPositions } from './key-positions.ts';
import { findTreeRoot, type FoundRoot } from './find-root.ts';
import { shownPath } from '../core/shown-path.ts';
import type { Trust } from '../core/trust.ts';
import { stateFiles } from '../core/state-files.ts';
import { restrictUntrustedConfig, type ConfigPaths, type SetAsideSetting } from './untrusted.ts';

/** Where the state folder is when the config does not say: beside the config file. */
const defaultStateDir = '.waymark';

/** Everything a team can set, in `waymark.config.yaml` (or `.json`) or as integration options. */
export const ConfigSchema = z
	.strictObject({
		/**
		 * Folder of Markdown to turn into the site, relative to the config file. Without a config file
		 * (and without `--root`), the first of `guidebooks`, `runbooks`, `docs`, `doc`, `documentation`,
		 * `content` and `website/docs` that holds Markdown. @default 'guidebooks'
		 */
		root: z.string().default('guidebooks'),
		/** Where `waymark build` writes the site. @default 'dist' */
		outDir: z.string().default('dist'),
		/**
		 * Waymark's own folder in the project, relative to the config file (else the working directory):
		 * Astro's work folder per tree, the diagram and link caches, the status history. Never read as
		 * part of the tree. Add it to `.gitignore` (`waymark init` does). Also `--state-dir`. An
		 * untrusted run sets it aside and keeps its state outside the repository. @default '.waymark'
		 */
		stateDir: z.string().min(1).default(defaultStateDir),
		/**
		 * The documentation tool the tree is written for, by name (one of the values below); its pages
		 * are read as that tool's site renders them. `auto` detects it from the tree: each tool's config
		 * files around the root (`mkdocs.yml`, a Hugo or Docusaurus config, `book.toml`,
		 * `.gitlab-ci.yml`), its telling files (`_index.md`, `_category_.json`) and its pages' syntax
		 * (`[[_TOC_]]`, `!!! note`, `:::tip`, `{{< ref >}}`).
		 * @default 'auto'
		 */
		dialect: z.enum(['auto', ...toolNames]).default('auto'),
		site: SiteConfigSchema,
		build: BuildConfigSchema,
		checks: ChecksConfigSchema,
		network: NetworkConfigSchema,
		diagrams: DiagramsConfigSchema,
		links: LinksConfigSchema,
		status: StatusConfigSchema,
		alerts: AlertsConfigSchema,
	})
	.superRefine((config, ctx) => {
		if (config.status.source === 'prometheus' && !config.alerts.prometheus) {
			ctx.addIssue({
				code: 'custom',
				path: ['status', 'source'],
				message:
					'Unexpected `prometheus` without `alerts.prometheus`, expected `alerts.prometheus.url` to say which Prometheus to read probe states from',
			});
		}
		// `${env:NAME}` reads only what `network.env` lists, in the config as in pages.
		const headerSets: Array<[Array<string | number>, Record<string, string> | undefined]> = [
			...config.links.rules.map(
				(rule, index): [Array<string | number>, Record<string, string> | undefined] => [
					['links', 'rules', index, 'headers'],
					rule.headers,
				],
			),
			[['alerts', 'prometheus', 'headers'], config.alerts.prometheus?.headers],
			[['alerts', 'alertmanager', 'headers'], config.alerts.alertmanager?.headers],
		];
		for (const [path, headers] of headerSets) {
			for (const [name, template] of Object.entries(headers ?? {})) {
				for (const variable of envNames(template).filter((n) => !config.network.env.includes(n))) {
					ctx.addIssue({
						code: 'custom',
						path: [...path, name],
						message: `Unexpected \`\${env:${variable}}\`, expected a variable listed in \`network.env\`; add \`${variable}\` to \`network.env\``,
					});
				}
			}
		}
	});

export type UserConfig = z.input<typeof ConfigSchema>;
export type Config = z.output<typeof ConfigSchema>;

/** Files looked for, in order, in the working directory. */
export const configFileNames = ['waymark.config.yaml', 'waymark.config.yml', 'waymark.config.json'];

/**
 * Validates user config once, at the boundary, reporting every bad key path with its fix; with the
 * file's `text`, each at `file:line:col`; `cwd` names the configuration reference from there.
 */
export function parseConfig(
	input: unknown,
	source = 'Configuration',
	text?: string,
	cwd?: string,
): Config {
	const result = ConfigSchema.safeParse(input ?? {}, { error: configErrorMap });
	if (result.success) return result.data;
	throw raise(
		ConfigInvalid,
		source,
		configIssueLines(result.error.issues, { source, locate: keyPositions(text) }),
		cwd,
	);
}

export interface LoadedConfig {
	config: Config;
	/** The config file read, if any. */
	file?: string;
	/** Absolute guidebook root. */
	root: string;
	/** Absolute output folder. */
	outDir: string;
	/** Without a config file or `--root`: where the tree was found, and why (the command says so). */
	rootFound?: FoundRoot;
	/** Absolute state folder: `--state-dir`, else config `stateDir` (`.waymark` beside the config file, else in the working directory). */
	stateDir: string;
	/** Whose tree this is; decided by the command (`--trusted`, `--untrusted`). */
	trust: Trust;
	/** With `untrusted`: settings of the config that were set aside, reported by `untrusted-content`. */
	setAside: SetAsideSetting[];
}

export interface LoadConfigOptions {
	/** @default process.cwd() */
	cwd?: string;
	/** `--config FILE`, relative to `cwd`. */
	configFile?: string;
	/** `--root` (or `WAYMARK_ROOT`), relative to `cwd`; over config `root`. */
	root?: string;
	/** `--out`, relative to `cwd`; over config `outDir`. */
	outDir?: string;
	/** `--state-dir`, relative to `cwd`; over config `stateDir`. */
	stateDir?: string;
	/** `WAYMARK_DNS_SERVERS`: over config `network.dnsServers`. */
	dnsServers?: string[];
	/** `WAYMARK_CHROMIUM`: used when config `diagrams.chromium` is not set. */
	chromium?: string;
	/** Whose tree this is; decided by the command. @default 'trusted' */
	trust?: Trust;
}

/**
 * Reads `--config FILE` or the first `waymark.config.*` in `cwd`, then applies overrides (flags and
 * environment variables the command layer read). Paths in the file are relative to the file;
 * overrides to `cwd`. With `trust: 'untrusted'` the file is read as part of the tree under review
 * (`restrictUntrustedConfig`).
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
	const cwd = options.cwd ?? process.cwd();
	const trust = options.trust ?? 'trusted';
	let raw: unknown = {};
	let text: string | undefined;
	let file: string | undefined;
	const candidates = options.configFile
		? [resolve(cwd, options.configFile)]
		: configFileNames.map((n) => resolve(cwd, n));
	for (const candidate of candidates) {
		try {
			text = await readFile(candidate, 'utf8');
		} catch (error) {
			const { code, message } = error as NodeJS.ErrnoException;
			if (options.configFile)
				throw raise(
					ConfigUnreadable,
					shownPath(candidate, cwd).replace(/\/$/, ''),
					code === 'ENOENT'
						? 'there is no such file'
						: code === 'EACCES'
							? 'permission denied'
							: code === 'EISDIR'
								? 'it is a folder'
								: message,
				);
			continue;
		}
		// Named as the schema's errors name it: from the working directory.
		raw = parseConfigText(shownPath(candidate, cwd).replace(/\/$/, ''), text);
		file = candidate;
		break;
	}
	const config = parseConfig(
		raw,
		file ? shownPath(file, cwd).replace(/\/$/, '') : 'Configuration',
		text,
		cwd,
	);
	const base = file ? resolve(file, '..') : cwd;
	if (options.dnsServers && options.dnsServers.length > 0)
		config.network.dnsServers = options.dnsServers;
	resolveConfigPaths(config, base);
	// No config and no `--root`: the tree is where a repository usually keeps its Markdown.
	const rootFound = !file && !options.root ? await findTreeRoot(cwd) : undefined;
	const written = options.root
		? resolve(cwd, options.root)
		: resolve(base, rootFound?.folder ?? config.root);
	const paths: ConfigPaths = {
		// The root by its real path: reached through a symbolic link, a picture beside it (`../img/a.png`)
		// would be looked for beside the link by one step and beside the folder by another.
		root: await realpath(written).catch(() => written),
		outDir: options.outDir ? resolve(cwd, options.outDir) : resolve(base, config.outDir),
		stateDir: options.stateDir ? resolve(cwd, options.stateDir) : resolve(base, config.stateDir),
		// Not written: the state folder's own (`stateFiles`).
		diagramsCacheDir: config.diagrams.cacheDir,
		linksCacheDir: isWritten(raw, ['links', 'cache', 'dir']) ? config.links.cache.dir : undefined,
		statusDatabase: isWritten(raw, ['status', 'database']) ? config.status.database : undefined,
	};
	const fromFlags: Array<keyof ConfigPaths> = [
		...(options.root ? ['root' as const] : []),
		...(options.outDir ? ['outDir' as const] : []),
		...(options.stateDir ? ['stateDir' as const] : []),
	];
	const setAside =
		trust === 'untrusted'
			? await restrictUntrustedConfig(config, paths, {
					base,
					fromFlags,
					// The default written out (`waymark init` writes it) chooses nothing: no warning for it.
					stateDirWritten:
						isWritten(raw, ['stateDir']) &&
						resolve(base, config.stateDir) !== resolve(base, defaultStateDir),
					...(file && text !== undefined && { text }),
				})
			: [];
	const state = stateFiles(paths.stateDir);
	config.stateDir = paths.stateDir;
	config.diagrams.cacheDir = paths.diagramsCacheDir ?? state.diagrams;
	config.links.cache.dir = paths.linksCacheDir ?? state.links;
	config.status.database = paths.statusDatabase ?? state.status;
	// The operator's own browser (`WAYMARK_CHROMIUM`), after an untrusted config's was set aside.
	if (!config.diagrams.chromium && options.chromium)
		config.diagrams.chromium = resolve(cwd, options.chromium);
	return {
		config,
		...(file && { file }),
		...(rootFound && { rootFound }),
		root: paths.root,
		outDir: paths.outDir,
		stateDir: paths.stateDir,
		trust,
		setAside,
	};
}

/** True when the config file sets the key at `path` (a default left alone follows the state folder). */
function isWritten(raw: unknown, path: string[]): boolean {
	let node = raw;
	for (const key of path) {
		if (typeof node !== 'object' || node === null || !(key in node)) return false;
		node = (node as Record<string, unknown>)[key];
	}
	return node !== undefined && node !== null;
}

/** The file's data; a syntax error is `ConfigSyntaxInvalid` at its line and column (of `file`, the name it is shown by), with the lines around it. */
function parseConfigText(file: string, text: string): unknown {
	try {
		return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
	} catch (error) {
		let reason: string;
		let position: Position;
		if (error instanceof YAMLParseError) {
			// The excerpt below draws the line for both formats.
			reason = yamlErrorReason(error);
			position = locateYamlErrors(text, [error])[0]?.position ?? { line: 1, column: 1 };
		} else {
			({ reason, position } = describeJsonError(error, text));
		}
		throw raise(
			ConfigSyntaxInvalid,
			file,
			position.line,
			position.column,
			/[.!?]$/.test(reason) ? reason : `${reason}.`,
			excerpt(text, position),
		);
	}
}

/** The line at `position` and the one before it, numbered, with a caret under the column. */
function excerpt(text: string, position: Position): string {
	const lines = text.split('\n');
	const width = String(position.line).length;
	const shown: string[] = [];
	for (let n = Math.max(1, position.line - 1); n <= position.line; n++) {
		shown.push(`  ${String(n).padStart(width)} | ${(lines[n - 1] ?? '').replaceAll('\t', ' ')}`);
	}
	shown.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, position.column - 1))}^`);
	return shown.join('\n');
}

/**
 * Makes every path in the config absolute, relative to the config file's folder (else the working
 * directory), the way `root` and `outDir` are: commands and the Astro build run from different
 * folders, and each must find the same cache, database and browser.
 */
function resolveConfigPaths(config: Config, base: string): void {
	if (config.diagrams.cacheDir) config.diagrams.cacheDir = resolve(base, config.diagrams.cacheDir);
	if (config.diagrams.chromium?.includes('/'))
		config.diagrams.chromium = resolve(base, config.diagrams.chromium);
	config.links.cache.dir = resolve(base, config.links.cache.dir);
	if (config.status.database !== ':memory:')
		config.status.database = resolve(base, config.status.database);
}
