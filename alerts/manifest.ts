/**
 * What a build tells `waymark serve` about alerts (`_waymark/alerts.json`): which pages each alert
 * name belongs to and every page's title, so an alert firing now finds its runbook page. Written by
 * the integration, read by the server; no rule text, no label values.
 */
export interface AlertsManifest {
	version: 1;
	/** `site.url` and `site.base` of the build, to map an alert's expanded runbook_url onto a route. */
	site: { url: string | null; base: string };
	/** Every page's title by route: an alert's runbook_url may land on any of them. */
	pages: Record<string, string>;
	/** Alert name → the pages showing it (through its rule's runbook_url or their frontmatter). */
	alerts: Record<
		string,
		Array<{ route: string; hash: string; severity: string | null; summary: string | null }>
	>;
}

export const alertsManifestPath = '_waymark/alerts.json';
