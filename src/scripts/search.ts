interface PagefindResult {
	data(): Promise<{ url: string; excerpt: string; meta: { title?: string } }>;
}
interface Pagefind {
	options(options: { baseUrl: string }): Promise<void>;
	debouncedSearch(query: string, options?: object, ms?: number): Promise<{ results: PagefindResult[] } | null>;
}

/**
 * The search box. Pagefind's script and index load only when the reader first focuses the box;
 * `/` focuses it from anywhere on the page; arrow keys, Enter and Esc work the results.
 */
export function setUpSearch(base: string): void {
	const input = document.querySelector<HTMLInputElement>('#search-input');
	const output = document.querySelector<HTMLElement>('#search-results');
	if (!input || !output) return;
	let pagefind: Promise<Pagefind> | undefined;
	const load = () =>
		(pagefind ??= import(/* @vite-ignore */ `${base}pagefind/pagefind.js`).then(async (module: Pagefind) => {
			await module.options({ baseUrl: base });
			return module;
		}));
	input.addEventListener('focus', () => void load(), { once: true });
	// The box searches as you type; the form itself goes nowhere. (A listener, not an inline
	// `onsubmit`: the server's Content-Security-Policy runs no inline event handler.)
	input.form?.addEventListener('submit', (event) => event.preventDefault());
	const update = async () => {
		const query = input.value.trim();
		if (query === '') {
			output.hidden = true;
			output.replaceChildren();
			return;
		}
		const search = await (await load()).debouncedSearch(query, {}, 150);
		if (!search || input.value.trim() !== query) return;
		const results = await Promise.all(search.results.slice(0, 8).map((result) => result.data()));
		output.replaceChildren(...(results.length === 0 ? [message(`No pages match “${query}”.`)] : results.map(renderResult)));
		output.hidden = false;
	};
	input.addEventListener('input', () => void update());
	// Arrow keys walk from the field through the result links and back; Enter in the field opens
	// the first result (on a link the browser follows it); Esc closes the results from anywhere
	// in the search box and puts focus back in the field.
	const form = input.closest('form') ?? output;
	form.addEventListener('keydown', (event) => {
		const links = [...output.querySelectorAll<HTMLAnchorElement>('li a')];
		const at = links.indexOf(document.activeElement as HTMLAnchorElement);
		if (event.key === 'Escape') {
			event.preventDefault();
			if (output.hidden) input.value = '';
			output.hidden = true;
			input.focus();
		} else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
			if (links.length === 0) return;
			event.preventDefault();
			output.hidden = false;
			const next = event.key === 'ArrowDown' ? Math.min(at + 1, links.length - 1) : at - 1;
			(next < 0 ? input : links[next])?.focus();
		} else if (event.key === 'Enter' && event.target === input && !output.hidden && links[0]) {
			event.preventDefault();
			links[0].click();
		}
	});
	document.addEventListener('keydown', (event) => {
		const target = event.target as HTMLElement;
		if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
		if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
		event.preventDefault();
		input.focus();
	});
}

function renderResult(result: { url: string; excerpt: string; meta: { title?: string } }): HTMLElement {
	const item = document.createElement('li');
	const link = document.createElement('a');
	link.href = result.url;
	link.textContent = result.meta.title ?? result.url;
	const excerpt = document.createElement('p');
	// Pagefind's excerpt is text from our own pages with `<mark>` around the matches.
	excerpt.innerHTML = result.excerpt;
	item.append(link, excerpt);
	return item;
}

function message(text: string): HTMLElement {
	const item = document.createElement('li');
	item.className = 'search-empty';
	item.textContent = text;
	return item;
}
