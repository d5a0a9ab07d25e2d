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
	const status = document.querySelector<HTMLElement>('#search-status');
	let started: Promise<void> | undefined;
	const start = () => {
		started ??= import('./search-box.ts')
			.then(({ startSearchBox }) => startSearchBox(input, base))
			.catch((error: unknown) => {
				// Offline, say so; the next focus or keystroke tries again.
				console.error('Search could not load:', error);
				if (status) status.textContent = 'Search could not load; try again.';
				started = undefined;
			});
	};
	input.addEventListener('focus', start);
	input.addEventListener('input', start);
	// A reader who tapped the box before this script ran has already focused it.
	if (document.activeElement === input) start();
	document.addEventListener('keydown', (event) => {
		const target = event.target as HTMLElement;
		if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
		if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
		event.preventDefault();
		input.focus();
	});
}
