/**
 * The search box's first part, on every page: `/` focuses the box from anywhere, and the first
 * focus loads the rest (`search-box.ts`) with Pagefind's script and index. A reader who never
 * searches downloads none of it.
 */
export function setUpSearch(base: string): void {
	const input = document.querySelector<HTMLInputElement>('#search-input');
	if (!input) return;
	// The box searches as you type; the form itself goes nowhere. (A listener, not an inline
	// `onsubmit`: the server's Content-Security-Policy runs no inline event handler.)
	input.form?.addEventListener('submit', (event) => event.preventDefault());
	let started: Promise<void> | undefined;
	input.addEventListener('focus', () => {
		// A failed load (the reader went offline) is tried again on the next focus.
		started ??= import('./search-box.ts').then(({ startSearchBox }) => startSearchBox(input, base)).catch(() => {
			started = undefined;
		});
	});
	document.addEventListener('keydown', (event) => {
		const target = event.target as HTMLElement;
		if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
		if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
		event.preventDefault();
		input.focus();
	});
}
