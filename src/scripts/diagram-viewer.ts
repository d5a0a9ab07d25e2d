// Diagrams on small screens. A view wider than its column scrolls sideways (CSS keeps text
// legible) and becomes a named, focusable region while it does; "Open full size" opens the
// diagram in a modal dialog that holds focus, closes on Esc, on its Close button and on Back
// (it is a history entry), and gives focus back to the button that opened it. Without
// JavaScript the link makes the figure the URL target instead (src/styles/diagrams.css).

let dialog: HTMLDialogElement | undefined;
let opener: HTMLElement | undefined;
let placeholder: HTMLElement | undefined;
let listening = false;

/** Enhances every drawn diagram under `root`; safe to call again for diagrams drawn later. */
export function setUpDiagramViewer(root: ParentNode = document): void {
	const resize = new ResizeObserver((entries) => entries.forEach((entry) => markScrolling(entry.target as HTMLElement)));
	for (const figure of root.querySelectorAll<HTMLElement>('figure.wm-diagram:not([data-viewer])')) {
		const view = figure.querySelector<HTMLElement>('.wm-diagram__view');
		if (!view?.querySelector('svg')) continue;
		figure.dataset['viewer'] = '';
		resize.observe(view);
		let actions = figure.querySelector<HTMLElement>('.wm-diagram__actions');
		if (!actions) {
			actions = Object.assign(document.createElement('div'), { className: 'wm-diagram__actions' });
			actions.dataset['pagefindIgnore'] = '';
			view.after(actions);
		}
		const button = Object.assign(document.createElement('button'), { type: 'button', className: 'wm-diagram__open', textContent: 'Open full size' });
		button.setAttribute('aria-haspopup', 'dialog');
		button.addEventListener('click', () => open(figure, button));
		const link = actions.querySelector('a.wm-diagram__open');
		if (link) link.replaceWith(button);
		else actions.append(button);
	}
	if (listening) return;
	listening = true;
	window.addEventListener('popstate', () => {
		if (dialog?.open) close();
	});
}

/** What the diagram is called: its `accTitle` or heading (`aria-labelledby`), else its `aria-label`. */
function nameOf(svg: SVGSVGElement): string {
	const ids = svg.getAttribute('aria-labelledby')?.split(/\s+/) ?? [];
	const named = ids.map((id) => document.getElementById(id)?.textContent?.trim() ?? '').filter(Boolean).join(' ');
	return named || svg.getAttribute('aria-label') || 'Diagram';
}

function markScrolling(view: HTMLElement): void {
	const svg = view.querySelector('svg');
	const figure = view.closest('figure');
	if (!svg || !figure) return;
	const scrolls = view.scrollWidth > view.clientWidth;
	if (scrolls === view.hasAttribute('tabindex')) return;
	const hint = figure.querySelector('.wm-diagram__hint');
	if (scrolls) {
		// Keyboard users scroll it with the arrow keys once it has focus.
		view.tabIndex = 0;
		view.setAttribute('role', 'region');
		view.setAttribute('aria-label', `${nameOf(svg)}, scrolls sideways`);
		if (!hint) figure.querySelector('.wm-diagram__actions')?.prepend(Object.assign(document.createElement('span'), { className: 'wm-diagram__hint', textContent: 'Scroll sideways, or' }));
	} else {
		view.removeAttribute('tabindex');
		view.removeAttribute('role');
		view.removeAttribute('aria-label');
		hint?.remove();
	}
}

function ensureDialog(): HTMLDialogElement {
	if (dialog) return dialog;
	const element = document.createElement('dialog');
	element.className = 'wm-diagram-dialog';
	element.setAttribute('aria-labelledby', 'wm-diagram-dialog-title');
	element.innerHTML =
		'<div class="wm-diagram-dialog__bar"><h2 class="wm-diagram-dialog__title" id="wm-diagram-dialog-title"></h2><button type="button" class="wm-diagram-dialog__close">Close</button></div><div class="wm-diagram-dialog__body" tabindex="0" role="region" aria-label="Diagram at full size"></div>';
	element.querySelector('.wm-diagram-dialog__close')?.addEventListener('click', requestClose);
	// Esc: close through history, like the Close button, so Back does not reopen it.
	element.addEventListener('cancel', (event) => {
		event.preventDefault();
		requestClose();
	});
	element.addEventListener('keydown', (event) => {
		if (event.key !== 'Tab') return;
		const stops = [...element.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), [tabindex]:not([tabindex="-1"])')];
		const first = stops[0];
		const last = stops[stops.length - 1];
		if (!first || !last) return;
		if (event.shiftKey && document.activeElement === first) {
			event.preventDefault();
			last.focus();
		} else if (!event.shiftKey && document.activeElement === last) {
			event.preventDefault();
			first.focus();
		}
	});
	document.body.append(element);
	dialog = element;
	return element;
}

function open(figure: HTMLElement, button: HTMLElement): void {
	const view = figure.querySelector<HTMLElement>('.wm-diagram__view');
	const svg = view?.querySelector('svg');
	if (!view || !svg) return;
	const element = ensureDialog();
	const title = element.querySelector('.wm-diagram-dialog__title') as HTMLElement;
	title.textContent = nameOf(svg);
	placeholder = Object.assign(document.createElement('span'), { className: 'wm-diagram__placeholder' });
	placeholder.style.height = `${svg.getBoundingClientRect().height}px`;
	svg.replaceWith(placeholder);
	(element.querySelector('.wm-diagram-dialog__body') as HTMLElement).replaceChildren(svg);
	opener = button;
	element.showModal();
	history.pushState({ wmDiagram: figure.id }, '');
	(element.querySelector('.wm-diagram-dialog__close') as HTMLElement).focus();
}

function requestClose(): void {
	if ((history.state as { wmDiagram?: string } | null)?.wmDiagram) history.back();
	else close();
}

function close(): void {
	const svg = dialog?.querySelector('.wm-diagram-dialog__body svg');
	if (svg && placeholder) placeholder.replaceWith(svg);
	placeholder = undefined;
	dialog?.close();
	opener?.focus();
	opener = undefined;
}
