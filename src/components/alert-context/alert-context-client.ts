// Browser side of the alert context: fills the page's placeholders from the labels of the URL it
// was opened with or, under `waymark serve`, of the one alert firing now that links here, with the
// painter `waymark serve` uses (`context-paint.ts`): a page served filled is painted the same
// again, and nothing moves.
import {
	acceptedLabels,
	contextFromQuery,
	contextTurnedOff,
	firingContext,
} from '../../../alerts/alert-context.ts';
import type { AlertsSnapshot } from '../../../core/alerts-snapshot.ts';
import { onLive } from '../status/live-feed.ts';
import { paintAlertContext } from './context-dom.ts';

const region = document.querySelector<HTMLElement>('.wm-alert-context');
if (region) {
	const used = acceptedLabels(region.dataset['labels']);
	const fromUrl = contextFromQuery(location.search, used);
	if (fromUrl) paintAlertContext(document, fromUrl);
	// Only pages that show firing alerts follow them (the banner is there when serve can know).
	else if (!contextTurnedOff(location.search) && document.querySelector('.wm-alert-banner')) {
		// Filled once from the alert firing now; later changes leave the commands a reader may be copying alone.
		let filled = false;
		const follow = (alerts: AlertsSnapshot | undefined): void => {
			if (filled) return;
			const context = firingContext(alerts, region.dataset['route'] ?? '', used);
			filled = context !== undefined && !('several' in context);
			paintAlertContext(document, context);
		};
		onLive({ snapshot: (snapshot) => follow(snapshot.alerts), alerts: follow });
	}
}
