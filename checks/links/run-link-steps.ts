import { resolve } from 'node:path';
import type { GuidebookTree } from '../../tree/load-tree.ts';
import type { Config } from '../../config/load-config.ts';
import type { Finding } from '../finding.ts';
import type { Progress } from '../../core/progress.ts';
import type { Trust } from '../../core/trust.ts';
import { checkExternalLinks } from './check-external.ts';
import { checkBuiltSite } from './check-site.ts';
import { silentProgress, type ProgressSink } from './progress.ts';

export interface LinkStepOptions {
	/** `--external`: check every external URL of the pages in `pages`. */
	external?: boolean;
	/** `--site DIR`: crawl a built site (absolute or relative to `cwd`). */
	site?: string;
	/** `--no-cache` */
	noCache?: boolean;
	/** The engine's page selection (`--changed-since`). */
	pages?: Set<string>;
	cwd?: string;
	/** Where the external checker reports progress. @default silent */
	progress?: ProgressSink;
	/** For `${env:NAME}` headers in `links.rules`. @default {} */
	env?: NodeJS.ProcessEnv;
	/** Told after each link checked (the command's watchdog), besides `progress`. */
	watchdog?: Progress;
	/** Untrusted: `${env:NAME}` in `links.rules` headers is not expanded. */
	trust?: Trust;
}

/**
 * The network-side link steps the engine plugs in after the rules: the built-site crawl
 * (`site-links`) and the external checker (`external-links`), which also checks the external URLs
 * the rendered pages add when both flags are given.
 */
export async function runLinkSteps(
	tree: GuidebookTree,
	config: Config,
	options: LinkStepOptions,
): Promise<Finding[]> {
	const cwd = options.cwd ?? process.cwd();
	const shown = options.progress ?? silentProgress;
	const progress: ProgressSink = options.watchdog
		? { ...shown, tick: () => (shown.tick(), options.watchdog?.tick()) }
		: shown;
	const findings: Finding[] = [];
	let siteExternal: Awaited<ReturnType<typeof checkBuiltSite>>['external'] = [];
	if (options.site) {
		const site = await checkBuiltSite(resolve(cwd, options.site), config, { tree });
		findings.push(...site.findings);
		siteExternal = site.external;
	}
	if (options.external) {
		findings.push(
			...(await checkExternalLinks(tree, config, {
				cwd,
				progress,
				occurrences: siteExternal,
				...(options.noCache && { noCache: true }),
				...(options.env && { env: options.env }),
				...(options.pages && { pages: options.pages }),
				...(options.trust && { trust: options.trust }),
			})),
		);
	}
	return findings;
}
