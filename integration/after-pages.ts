import type { LoadedConfig } from '../config/load-config.ts';
import { writeStatusFiles } from '../checks/probes/snapshot.ts';
import type { SearchIndexResult } from './pagefind-index.ts';
import { writeServiceWorker } from './service-worker.ts';
import { writeAlertsManifest } from './site-alerts.ts';
import type { SitePlan } from './site-plan.ts';

/** How a build makes the parts of the output that depend on its pages. */
export interface AfterPagesSteps {
	/** Writes the search index; `besides` settles once the other steps here are done with the output. */
	searchIndex(besides: Promise<void>): Promise<SearchIndexResult | undefined>;
	/** What a whole build does to the output beside the index (SVGs made safe, unloaded bundles removed); a patch has none. */
	tidy?: () => Promise<void>;
}

/**
 * What every build writes after the pages, from its plan, in one order for a whole build
 * (`astro:build:done`) and a patched one (`patch-site.ts`): the search index, and beside it the
 * status files and the alerts manifest; then the service worker, whose cache is named by the index
 * (`service-worker.ts`). Gives what the index step gave: undefined when the site has no index.
 */
export async function writeAfterPages(
	outDir: string,
	loaded: LoadedConfig,
	plan: Pick<SitePlan, 'status' | 'alertsManifest' | 'runtime'>,
	steps: AfterPagesSteps,
): Promise<SearchIndexResult | undefined> {
	const walked = Promise.withResolvers<void>();
	const indexed = steps.searchIndex(walked.promise);
	indexed.catch(() => undefined);
	try {
		await writeStatusFiles(outDir, plan.status.snapshot, plan.status.probes, loaded.trust);
		await writeAlertsManifest(outDir, plan.alertsManifest);
		// Before the service worker lists the bundled files it keeps.
		await steps.tidy?.();
	} finally {
		walked.resolve();
	}
	const search = await indexed;
	if (loaded.config.site.offlineCache) await writeServiceWorker(outDir, plan.runtime.base);
	return search;
}
