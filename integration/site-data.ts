import type { SiteAlerts } from '../core/alerts-snapshot.ts';
import type { SiteReviews } from './reviews.ts';
import type { SiteIndex } from '../markdown/site-index.ts';
import type { StatusSnapshot } from '../core/status-snapshot.ts';

/**
 * What one build knows of the whole site, that pages show besides their own content: the other
 * pages (navigation, breadcrumbs, titles), the alerts tied to pages, the reviews due and the probe
 * snapshot. The build writes it as a file the pages read while they render
 * (`integration/site-data-file.ts`), never as code of a module: Astro's incremental build keys a
 * route by its modules' code, so data there would make every page look changed.
 */
export interface SiteData {
	index: SiteIndex;
	alerts: SiteAlerts;
	reviews: SiteReviews;
	/** Build-time probe states, stamped with the last observation, never the build's clock; absent when no page declares a probe. */
	status?: StatusSnapshot;
}
