/** The phone-size table of contents opens and closes from its "On this page" button. */
export function setUpTocToggle(): void {
	const button = document.querySelector<HTMLButtonElement>('.toc-toggle');
	const toc = button?.closest<HTMLElement>('.toc');
	if (!button || !toc) return;
	button.addEventListener('click', () => {
		const open = button.getAttribute('aria-expanded') !== 'true';
		button.setAttribute('aria-expanded', String(open));
		toc.toggleAttribute('data-open', open);
	});
	// Picking a heading on a phone folds the list away again.
	toc.addEventListener('click', (event) => {
		if (!(event.target as Element).closest('a')) return;
		button.setAttribute('aria-expanded', 'false');
		toc.removeAttribute('data-open');
	});
}
