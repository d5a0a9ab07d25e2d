/**
 * Registers the site's service worker (`sw.js`, config `site.offlineCache`) for the whole site and
 * asks it to keep the page, the site's assets and the search index, or, when the build wrote none,
 * unregisters one a reader kept from an earlier build. Browsers without service workers, and pages
 * opened from disk, do nothing.
 */
export function setUpServiceWorker(banner: HTMLElement | null): void {
	if (!banner || !('serviceWorker' in navigator) || location.protocol === 'file:') return;
	const worker = banner.dataset['serviceWorker'];
	const scope = banner.dataset['scope'] ?? '/';
	if (worker) {
		navigator.serviceWorker
			.register(worker, { scope })
			.catch((error: unknown) => console.warn('The offline copy is not kept:', error));
		// The worker keeps this page and what it loaded (the first page opened came before the
		// worker), and the site's assets and whole search index once per build; asked on every
		// load, it completes a copy the network cut short.
		void navigator.serviceWorker.ready.then((registration) => {
			const files = performance.getEntriesByType('resource').map((entry) => entry.name);
			registration.active?.postMessage({ type: 'keep', files });
		});
		return;
	}
	void navigator.serviceWorker
		.getRegistrations()
		.then((registrations) =>
			Promise.all(registrations.filter((r) => r.scope.endsWith(scope)).map((r) => r.unregister())),
		);
}
