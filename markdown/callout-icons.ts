import type { Element } from 'hast';
import { h } from 'hastscript';

/** An empty, decorative span; `src/styles/callout-icons.css` draws the icon for each kind. */
export function calloutIcon(): Element {
	return h('span', { className: ['callout-icon'], ariaHidden: 'true' });
}
