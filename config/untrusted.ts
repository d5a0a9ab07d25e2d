import { realpath } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { Position } from '../core/position.ts';
import { keyPositions } from './key-positions.ts';
import { ConfigPathOutside, raise } from '../core/errors.ts';
import { isReallyInside } from '../core/really-inside.ts';
import { placeUntrustedState } from './untrusted-state.ts';

/** A setting an untrusted config may not make: set aside (the default is used) and reported. */
export interface SetAsideSetting {
	/** Key path as written, e.g. `diagrams.chromium`. */
	key: string;
	/** What the setting asked for and what is used instead, e.g. "names a program (`./tools/x.sh`); …". */
	reason: string;
	/** Where the key is written in the config file (1:1 without one). */
	position: Position;
}

/** The paths of a loaded config: an untrusted tree may set the root and output only inside its own folder, and the state nowhere. */
export interface ConfigPaths {
	root: string;
	outDir: string;
	stateDir: string;
	/** Undefined when not written: a folder of the state folder. */
	diagramsCacheDir: string | undefined;
	linksCacheDir: string | undefined;
	statusDatabase: string | undefined;
}

/** Which keys hold paths, and the value used when the written one is set aside. */
const pathKeys: Array<{
	key: string;
	field: 'root' | 'outDir';
	fallback: (base: string) => string;
}> = [
	{ key: 'root', field: 'root', fallback: (base) => resolve(base, 'guidebooks') },
	{ key: 'outDir', field: 'outDir', fallback: (base) => resolve(base, 'dist') },
];

/**
 * Applies the untrusted rules to a config read from the tree: no program (`diagrams.chromium`:
 * the browser comes from `WAYMARK_CHROMIUM` or the installation), no raw HTML, network checks to
 * public addresses only (`network.allow: [public]`), no `network.env`, no root or output folder
 * whose real location (symbolic links followed) leaves `base`, the config file's folder, and no
 * say in where the state is (`untrusted-state.ts`: it lives outside the tree). Each setting set
 * aside is returned with its position. `fromFlags` names paths given on the command line, which
 * are the caller's own. Throws `ConfigPathOutside` when even the default path leaves `base` (a
 * symbolic link in the tree leading out).
 */
export async function restrictUntrustedConfig(
	config: {
		diagrams: { chromium?: string | undefined };
		site: { allowRawHtml: boolean };
		network: { allow: string[]; env: string[] };
		alerts?: { rules: string[]; prometheus?: unknown };
	},
	paths: ConfigPaths,
	source: {
		base: string;
		text?: string;
		fromFlags: Array<keyof ConfigPaths>;
		stateDirWritten?: boolean;
	},
): Promise<SetAsideSetting[]> {
	const setAside: Array<Omit<SetAsideSetting, 'position'>> = [];
	if (config.diagrams.chromium !== undefined) {
		setAside.push({
			key: 'diagrams.chromium',
			reason: `names a program (\`${config.diagrams.chromium}\`), which an untrusted tree may not choose; Chromium comes from \`WAYMARK_CHROMIUM\` or the installation`,
		});
		delete config.diagrams.chromium;
	}
	if (config.site.allowRawHtml) {
		setAside.push({
			key: 'site.allowRawHtml',
			reason:
				'turns off the HTML sanitiser, which an untrusted tree may not do; raw HTML is sanitised',
		});
		config.site.allowRawHtml = false;
	}
	// The links of a branch under review reach public addresses only, whatever its config says:
	// a CI runner's private network and metadata service are not the branch's to probe.
	if (
		config.network.allow.join() !== 'public,private,loopback' &&
		config.network.allow.join() !== 'public'
	) {
		setAside.push({
			key: 'network.allow',
			reason:
				'opens addresses to the network checks, which an untrusted tree may not do; it reaches public addresses only',
		});
	}
	config.network.allow = ['public'];
	if (config.network.env.length > 0) {
		setAside.push({
			key: 'network.env',
			reason:
				'lets `${env:NAME}` read the environment, which an untrusted tree may not do; nothing is expanded',
		});
		config.network.env = [];
	}
	const home = await realpath(source.base).catch(() => source.base);
	for (const { key, field, fallback } of pathKeys) {
		const written = paths[field];
		if (source.fromFlags.includes(field)) continue;
		if (await isReallyInside(written, home, { notYetMade: true })) continue;
		const replacement = fallback(source.base);
		const shown = relative(source.base, replacement);
		setAside.push({
			key,
			reason: `leads outside the project folder (\`${written}\`), where an untrusted tree may not read or write; \`${shown.startsWith('..') ? replacement : shown}\` is used`,
		});
		if (!(await isReallyInside(replacement, home, { notYetMade: true })))
			throw raise(ConfigPathOutside, key, replacement, source.base);
		paths[field] = replacement;
	}
	setAside.push(
		...(await placeUntrustedState(paths, {
			base: source.base,
			fromFlag: source.fromFlags.includes('stateDir'),
			stateDirWritten: source.stateDirWritten ?? false,
		})),
	);
	if (config.alerts?.prometheus !== undefined) {
		setAside.push({
			key: 'alerts.prometheus',
			reason:
				'makes the checks contact a server the tree names, with headers read from the environment, which an untrusted tree may not do; alerting rules are read from rule files only',
		});
		delete config.alerts.prometheus;
	}
	if (config.alerts) {
		const kept: string[] = [];
		for (const pattern of config.alerts.rules) {
			// The part before the first wildcard is where the pattern reads.
			const fixed = pattern.split(/[*?[{]/)[0] ?? '';
			if (await isReallyInside(resolve(paths.root, fixed), home, { notYetMade: true }))
				kept.push(pattern);
			else
				setAside.push({
					key: 'alerts.rules',
					reason: `has the pattern \`${pattern}\`, which leads outside the project folder, where an untrusted tree may not read; it is not read`,
				});
		}
		config.alerts.rules = kept;
	}
	const locate = positionsIn(source.text);
	return setAside.map((entry) => ({ ...entry, position: locate(entry.key) }));
}

/** Line and column of a dotted key in the config text (YAML or JSON), 1:1 when it cannot be found. */
function positionsIn(text: string | undefined): (key: string) => Position {
	const locate = keyPositions(text);
	return (key) => locate(key.split('.')) ?? { line: 1, column: 1 };
}
