/**
 * A table wrapper that scrolls sideways becomes a named region a keyboard can focus (and scroll
 * with the arrow keys); one that fits stays a plain box, so Tab and landmark lists skip it. Decided
 * again whenever the wrapper or its table changes size (rotation, fonts, window width).
 */
export function setUpTableScroll(): void {
	const wrappers = document.querySelectorAll<HTMLElement>('.table-scroll');
	if (wrappers.length === 0) return;
	const observer = new ResizeObserver((entries) => {
		for (const entry of entries) {
			const wrapper = entry.target.closest<HTMLElement>('.table-scroll');
			if (wrapper) markScrollable(wrapper);
		}
	});
	for (const wrapper of wrappers) {
		observer.observe(wrapper);
		const table = wrapper.querySelector('table');
		if (table) observer.observe(table);
	}
}

function markScrollable(wrapper: HTMLElement): void {
	if (wrapper.scrollWidth > wrapper.clientWidth) {
		wrapper.tabIndex = 0;
		wrapper.setAttribute('role', 'region');
		wrapper.setAttribute('aria-label', `${wrapper.dataset['label'] ?? 'Table'} (scrolls sideways)`);
	} else {
		wrapper.removeAttribute('tabindex');
		wrapper.removeAttribute('role');
		wrapper.removeAttribute('aria-label');
	}
}
