import { loadAlertSources } from '../alerts/load-alerts.ts';
import type { AlertSet } from '../alerts/types.ts';
import { loadConfig, type LoadedConfig } from '../config/load-config.ts';
import type { WaymarkEnvironment } from '../core/environment.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';
import { assertHasPages } from '../tree/no-pages.ts';
import { readTree } from '../tree/read-tree.ts';
import type { PreparedSite } from './prepared-site.ts';
import { planSite } from './site-plan.ts';

/** The alert rules a project's config names, read as its trust allows. */
export function loadSiteAlerts(
	loaded: LoadedConfig,
	environment: WaymarkEnvironment,
): Promise<AlertSet> {
	return loadAlertSources(loaded.config, loaded.root, {
		trust: loaded.trust,
		env: environment.variables,
		...(loaded.file && { configFile: loaded.file }),
	});
}

/**
 * What the site of a read tree needs besides it: the alert rules and the site plan (`site-plan.ts`)
 * at `base` (config `site.base` unless Astro's own config sets one). `waymark dev` and a plain
 * `astro build` prepare this way; `waymark build` reads the same two in its own order, the checks
 * started between them (`build-site.ts`).
 */
export async function prepareSite(input: {
	loaded: LoadedConfig;
	tree: GuidebookTree;
	environment: WaymarkEnvironment;
	cwd: string;
	base?: string;
}): Promise<PreparedSite> {
	const { loaded, tree, environment, cwd } = input;
	const alerts = await loadSiteAlerts(loaded, environment);
	const plan = await planSite({
		loaded,
		tree,
		alerts,
		environment,
		cwd,
		base: input.base ?? loaded.config.site.base,
	});
	return {
		loaded,
		tree,
		alerts,
		plan,
		cwd,
		environment,
		reloadTree: () => readTree(loaded, { parser: environment.parser }),
	};
}

/**
 * For an `astro.config.mjs` (a plain `astro build` or `astro dev`): the project in `cwd` read and
 * prepared as `waymark build` would, its checks run by the integration when Astro builds. `root`
 * is the guidebook root (else `WAYMARK_ROOT`, config `root`, …), `base` Astro's own `base` if the
 * Astro config sets one.
 */
export async function prepareProject(options: {
	cwd: string;
	environment: WaymarkEnvironment;
	root?: string;
	configFile?: string;
	base?: string;
}): Promise<PreparedSite> {
	const { cwd, environment } = options;
	const root = options.root ?? environment.root;
	const loaded = await loadConfig({
		cwd,
		...(root && { root }),
		...(options.configFile && { configFile: options.configFile }),
		...(environment.dnsServers && { dnsServers: environment.dnsServers }),
		...(environment.chromium && { chromium: environment.chromium }),
	});
	const tree = await readTree(loaded, { parser: environment.parser });
	assertHasPages(tree, loaded.root);
	const base = options.base && options.base !== '/' ? options.base : undefined;
	return {
		...(await prepareSite({ loaded, tree, environment, cwd, ...(base && { base }) })),
		checkOnBuild: true,
	};
}
