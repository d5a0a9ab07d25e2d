import { parseHTML } from 'linkedom';

// A built site's files, written by hand, with the alerts' live parts as the site's components
// render them (`src/components/alerts/`): a runbook page `/db/` with the firing banner and a
// panel of "Now" lines for DiskFull and DiskSlow, and "Firing now" on the home page. For tests of
// `waymark serve` that need no Astro build.
const banner = (route: string) =>
	`<div class="wm-alerts wm-alert-banner" data-route="${route}" data-state="quiet" hidden><p class="wm-alerts-demo" hidden>Demo</p><p class="wm-alerts-source"></p><ul class="wm-banner-list"></ul></div>`;
const nowLine = (name: string) =>
	`<li class="wm-alert" data-alert="${name}" data-route="/db/" data-state="unknown"><p class="wm-alert-now">Now: <span class="wm-now-text">Unknown</span></p></li>`;
const firingNow =
	'<section class="wm-alerts wm-firing-now"><h2 id="firing-now">Firing now</h2><p class="wm-alerts-demo" hidden>Demo</p><p class="wm-alerts-source">Firing state unknown: this is a static copy</p><ul class="wm-firing-list"></ul></section>';
const page = (body: string) =>
	`<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>${body}</body></html>`;

export const alertsSiteFiles: Record<string, string> = {
	'index.html': page(firingNow),
	'status/index.html': page(firingNow),
	'db/index.html': page(
		`${banner('/db/')}<h1>Database</h1><details class="wm-alerts wm-alerts-panel"><summary>Alerts</summary><p class="wm-alerts-source">static</p><ul class="wm-alert-list">${nowLine('DiskFull')}${nowLine('DiskSlow')}</ul></details>`,
	),
	'_waymark/alerts.json': JSON.stringify({
		version: 1,
		site: { url: 'https://runbooks.test', base: '/' },
		pages: { '/': 'Home', '/db/': 'Database', '/status/': 'Status' },
		alerts: {
			DiskFull: [{ route: '/db/', hash: 'disk-full', severity: 'critical', summary: null }],
			DiskSlow: [{ route: '/db/', hash: 'slow', severity: 'warning', summary: null }],
		},
	}),
};

/** What the runbook page `/db/` says, as `waymark serve` sent it. */
export function readRunbookPage(html: string) {
	const { document } = parseHTML(html);
	return {
		now: (name: string) =>
			document.querySelector(`.wm-alert[data-alert="${name}"] .wm-now-text`)?.textContent,
		panelSource: document.querySelector('.wm-alerts-panel > .wm-alerts-source')?.textContent ?? '',
		banner: document.querySelector('.wm-alert-banner')!,
		bannerItems: [...document.querySelectorAll('.wm-banner-list > li')].map((li) => li.textContent),
	};
}

/** The items of "Firing now" on a page: each alert's name, or the line's text ("and N more"). */
export function readFiringNow(html: string): string[] {
	return [...parseHTML(html).document.querySelectorAll('.wm-firing-list > li')].map(
		(li) => li.querySelector('.wm-alert-name')?.textContent ?? li.textContent,
	);
}
