import type { Plugin } from 'vite';
import type { SiteAlerts } from '../src/lib/alerts.ts';

const id = 'virtual:waymark/alerts';

/** Serves the build-time alert data as `virtual:waymark/alerts` (alerts per page route). */
export function virtualAlertsPlugin(alerts: SiteAlerts): Plugin {
	return {
		name: 'waymark:alerts',
		resolveId: (source) => (source === id ? `\0${id}` : undefined),
		load: (resolved) =>
			resolved === `\0${id}` ? `export default ${JSON.stringify(alerts)};` : undefined,
	};
}
