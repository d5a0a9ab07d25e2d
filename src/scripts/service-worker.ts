/**
 * Registers the site's service worker (`sw.js`, config `site.offlineCache`) for the whole site, or,
 * when the build wrote none, unregisters one a reader kept from an earlier build. Browsers without
 * service workers, and pages opened from disk, do nothing.
 */
export function setUpServiceWorker(banner: HTMLElement | null): void {
	if (!banner || !('serviceWorker' in navigator) || location.protocol === 'file:') return;
	const worker = banner.dataset['serviceWorker'];
	const scope = banner.dataset['scope'] ?? '/';
	if (worker) {
		navigator.serviceWorker.register(worker, { scope }).catch((error: unknown) => console.warn('The offline copy is not kept:', error));
		return;
	}
	void navigator.serviceWorker.getRegistrations().then((registrations) => Promise.all(registrations.filter((r) => r.scope.endsWith(scope)).map((r) => r.unregister())));
}
