// The alert context painted into the DOM: the browser script's half of `context-paint.ts` (serve
// paints hast with the same painter). Every value is set as textContent.
import type { AlertContext } from '../../../alerts/alert-context.ts';
import {
	paintContextRegion,
	paintNote,
	paintPlaceholder,
	type ContextRegionTarget,
	type NoteTarget,
	type PlaceholderTarget,
} from './context-paint.ts';

function placeholder(el: HTMLElement): PlaceholderTarget {
	return {
		data: (name) => el.dataset[name],
		setText: (text) => void (el.textContent = text),
		mark(state, title) {
			el.dataset['state'] = state;
			el.title = title;
		},
	};
}

function note(el: HTMLElement): NoteTarget {
	return {
		say(text) {
			el.textContent = text;
			el.hidden = text === '';
		},
	};
}

function region(el: HTMLElement): ContextRegionTarget {
	return {
		data: (name) => el.dataset[name],
		hide: (hidden) => void (el.hidden = hidden),
		text(className, text) {
			const part = el.querySelector(`.${className}`);
			if (part) part.textContent = text;
		},
		hidePart(className, hidden) {
			const part = el.querySelector<HTMLElement>(`.${className}`);
			if (part) part.hidden = hidden;
		},
	};
}

/** Paints the page's alert context region and, with a context, every placeholder in `root`. */
export function paintAlertContext(
	root: ParentNode,
	context: AlertContext | { several: number } | undefined,
): void {
	const el = root.querySelector<HTMLElement>('.wm-alert-context');
	if (el) paintContextRegion(region(el), context);
	if (!context || 'several' in context) return;
	for (const block of root.querySelectorAll<HTMLElement>('.wm-ph-block')) {
		const notFilled = [...block.querySelectorAll<HTMLElement>('.wm-ph')].flatMap(
			(ph) => paintPlaceholder(placeholder(ph), context) ?? [],
		);
		const blockNote = block.querySelector<HTMLElement>('.wm-ph-note');
		if (blockNote) paintNote(note(blockNote), notFilled);
	}
	for (const ph of root.querySelectorAll<HTMLElement>('.wm-ph'))
		if (!ph.closest('.wm-ph-block')) paintPlaceholder(placeholder(ph), context);
}
