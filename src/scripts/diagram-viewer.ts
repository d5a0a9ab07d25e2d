// Diagrams on small screens. Each diagram fits its column (CSS); where that shrinks its text below
// legible, the hint above it says so. "Open full size" opens the diagram in a modal dialog at a
// legible size, with zoom in and out a tap away, that holds focus, closes on Esc, on its Close
// button and on Back (it is a history entry), and gives focus back to the button that opened it.
// Without JavaScript the link makes the figure the URL target instead (src/styles/diagrams.css).

let dialog: HTMLDialogElement | undefined;
let opener: HTMLElement | undefined;
let placeholder: HTMLElement | undefined;
let listening = false;

/** Enhances every drawn diagram under `root`; safe to call again for diagrams drawn later. */
export function setUpDiagramViewer(root: ParentNode = document): void {
	const resize = new ResizeObserver((entries) =>
		entries.forEach((entry) => markShrunk(entry.target as HTMLElement)),
	);
	for (const figure of root.querySelectorAll<HTMLElement>('figure.wm-diagram:not([data-viewer])')) {
		const view = figure.querySelector<HTMLElement>('.wm-diagram__view');
		if (!view?.querySelector('svg')) continue;
		figure.dataset['viewer'] = '';
		resize.observe(view);
		let actions = figure.querySelector<HTMLElement>('.wm-diagram__actions');
		if (!actions) {
			actions = Object.assign(document.createElement('div'), { className: 'wm-diagram__actions' });
			actions.dataset['pagefindIgnore'] = '';
			view.before(actions);
		}
		const button = Object.assign(document.createElement('button'), {
			type: 'button',
			className: 'wm-diagram__open',
			textContent: 'Open full size',
		});
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
	const named = ids
		.map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
		.filter(Boolean)
		.join(' ');
	return named || svg.getAttribute('aria-label') || 'Diagram';
}

/** The hint above a diagram whose fitted drawing has text below legible (narrower than its `--wm-min`). */
function markShrunk(view: HTMLElement): void {
	const svg = view.querySelector('svg');
	const figure = view.closest('figure');
	if (!svg || !figure) return;
	const legible = Number.parseFloat(svg.style.getPropertyValue('--wm-min')) || 0;
	const shrunk = svg.getBoundingClientRect().width + 1 < legible;
	const hint = figure.querySelector('.wm-diagram__hint');
	if (shrunk && !hint)
		figure.querySelector('.wm-diagram__actions')?.prepend(
			Object.assign(document.createElement('span'), {
				className: 'wm-diagram__hint',
				textContent: 'Shrunk to fit the screen:',
			}),
		);
	else if (!shrunk) hint?.remove();
}

function ensureDialog(): HTMLDialogElement {
	if (dialog) return dialog;
	const element = document.createElement('dialog');
	element.className = 'wm-diagram-dialog';
	element.setAttribute('aria-labelledby', 'wm-diagram-dialog-title');
	element.innerHTML =
		'<div class="wm-diagram-dialog__bar"><h2 class="wm-diagram-dialog__title" id="wm-diagram-dialog-title"></h2><div class="wm-diagram-dialog__zoom" role="group" aria-label="Zoom"><button type="button" data-zoom="out" aria-label="Zoom out">−</button><output aria-live="polite">100 %</output><button type="button" data-zoom="in" aria-label="Zoom in">+</button></div><button type="button" class="wm-diagram-dialog__close">Close</button></div><div class="wm-diagram-dialog__body" tabindex="0" role="region" aria-label="Diagram at full size"></div>';
	element.querySelector('.wm-diagram-dialog__close')?.addEventListener('click', requestClose);
	for (const button of element.querySelectorAll<HTMLButtonElement>('[data-zoom]'))
		button.addEventListener('click', () => zoomBy(button.dataset['zoom'] === 'in' ? 1 : -1));
	// Esc: close through history, like the Close button, so Back does not reopen it.
	element.addEventListener('cancel', (event) => {
		event.preventDefault();
		requestClose();
	});
	element.addEventListener('keydown', (event) => {
		if (event.key !== 'Tab') return;
		const stops = [
			...element.querySelectorAll<HTMLElement>(
				'a[href], button:not([disabled]), [tabindex]:not([tabindex="-1"])',
			),
		];
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
	placeholder = Object.assign(document.createElement('span'), {
		className: 'wm-diagram__placeholder',
	});
	placeholder.style.height = `${svg.getBoundingClientRect().height}px`;
	svg.replaceWith(placeholder);
	(element.querySelector('.wm-diagram-dialog__body') as HTMLElement).replaceChildren(svg);
	setZoom(0);
	opener = button;
	element.showModal();
	history.pushState({ wmDiagram: figure.id }, '');
	(element.querySelector('.wm-diagram-dialog__close') as HTMLElement).focus();
}

function requestClose(): void {
	if ((history.state as { wmDiagram?: string } | null)?.wmDiagram) history.back();
	else close();
}

/** Zoom steps from full size (legible): each tap multiplies or divides the width by 1.25. */
const zoomSteps = { min: -4, max: 6, factor: 1.25 };
let zoom = 0;

function zoomBy(steps: number): void {
	setZoom(Math.min(zoomSteps.max, Math.max(zoomSteps.min, zoom + steps)));
}

function setZoom(step: number): void {
	zoom = step;
	const scale = zoomSteps.factor ** step;
	const svg = dialog?.querySelector<SVGSVGElement>('.wm-diagram-dialog__body svg');
	if (step === 0) svg?.style.removeProperty('--wm-zoom');
	else svg?.style.setProperty('--wm-zoom', String(scale));
	const shown = dialog?.querySelector('.wm-diagram-dialog__zoom output');
	if (shown) shown.textContent = `${Math.round(scale * 100)} %`;
	for (const button of dialog?.querySelectorAll<HTMLButtonElement>('[data-zoom]') ?? [])
		button.disabled =
			button.dataset['zoom'] === 'in' ? step >= zoomSteps.max : step <= zoomSteps.min;
}

function close(): void {
	const svg = dialog?.querySelector<SVGSVGElement>('.wm-diagram-dialog__body svg');
	// Back in the page at its fitted size.
	svg?.style.removeProperty('--wm-zoom');
	if (svg && placeholder) placeholder.replaceWith(svg);
	placeholder = undefined;
	dialog?.close();
	opener?.focus();
	opener = undefined;
}
