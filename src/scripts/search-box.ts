import { searchShardsFile, type SearchShard } from '../../integration/search-shards.ts';

interface PagefindSection {
	title: string;
	url: string;
	excerpt: string;
	weighted_locations: Array<{ weight: number }>;
	/** The heading the section starts at; none for text above the first heading. */
	anchor?: { element: string };
}
interface PagefindPage {
	url: string;
	excerpt: string;
	meta: { title?: string };
	/** One entry per heading with a match, in page order; the first may be the page's top (no anchor). */
	sub_results?: PagefindSection[];
}
interface PagefindResult {
	data(): Promise<PagefindPage>;
}
interface Pagefind {
	options(options: { baseUrl: string }): Promise<void>;
	mergeIndex(indexPath: string, options: { baseUrl: string }): Promise<void>;
	debouncedSearch(
		query: string,
		options?: object,
		ms?: number,
	): Promise<{ results: PagefindResult[] } | null>;
}

/** The index's further shards, from the list the build wrote; none when it is missing or unreadable, and no entry that names anything but a shard and a site folder. */
async function shardsOf(base: string): Promise<SearchShard[]> {
	const response = await fetch(`${base}pagefind/${searchShardsFile}`).catch(() => undefined);
	const list: unknown = response?.ok ? await response.json().catch(() => []) : [];
	const isShard = (shard: unknown): shard is SearchShard => {
		const { index, base: folder } = (shard ?? {}) as Partial<SearchShard>;
		return (
			typeof index === 'string' &&
			/^shard-\d+\/$/.test(index) &&
			typeof folder === 'string' &&
			/^(?:[^/?#\\]+\/)*$/.test(folder) &&
			!folder.split('/').includes('..')
		);
	};
	return Array.isArray(list) ? list.filter(isShard) : [];
}

/** Pages listed, and sections linked per page. */
const limits = { pages: 8, sectionsPerPage: 3 };

/**
 * The search box at work, loaded by `search.ts` on the box's first focus. Pagefind's script and
 * index load at once; arrow keys, Enter and Esc work the results. Each page found links its
 * best-matching sections (`page/#heading`), so a result opens at the step; a status line says how
 * many pages matched (the list itself is not a live region).
 */
export function startSearchBox(input: HTMLInputElement, base: string): void {
	const output = document.querySelector<HTMLElement>('#search-results');
	const status = document.querySelector<HTMLElement>('#search-status');
	if (!output) return;
	let pagefind: Promise<Pagefind> | undefined;
	const load = () =>
		(pagefind ??= import(/* @vite-ignore */ `${base}pagefind/pagefind.js`)
			.then(async (module: Pagefind) => {
				await module.options({ baseUrl: base });
				// A large site is indexed in shards (integration/pagefind-index.ts): search them all.
				for (const shard of await shardsOf(base))
					await module.mergeIndex(`${base}pagefind/${shard.index}`, {
						baseUrl: `${base}${shard.base}`,
					});
				return module;
			})
			.catch((error: unknown) => {
				// Not kept: the next keystroke tries again (the reader may be back online).
				pagefind = undefined;
				throw error;
			}));
	load().catch(() => undefined);
	const update = async () => {
		const query = input.value.trim();
		if (query === '') {
			output.hidden = true;
			output.replaceChildren();
			if (status) status.textContent = '';
			return;
		}
		// An attempt already on its way when this keystroke came may have been asked while the reader
		// was offline: its failure is not this keystroke's answer, which gets an attempt of its own.
		const joined = pagefind !== undefined;
		const index = await load()
			.catch((error: unknown) => {
				if (joined) return load();
				throw error;
			})
			.catch((error: unknown) => {
				console.error('Search could not load its index:', error);
				return undefined;
			});
		if (!index) {
			// A build that could not make the index publishes none (integration/pagefind-index.ts `searchIndexOrNone`): the server says so with a 404, where a lost connection says nothing.
			const missing =
				(
					await fetch(`${base}pagefind/pagefind.js`, { method: 'HEAD', cache: 'no-store' }).catch(
						() => undefined,
					)
				)?.status === 404;
			output.replaceChildren(
				message(
					missing
						? 'This build of the site has no search index. Use the navigation; whoever publishes the site finds why in its build log.'
						: 'Search could not load. Check the connection and type again.',
				),
			);
			output.hidden = false;
			if (status) status.textContent = missing ? 'No search index' : 'Search could not load';
			return;
		}
		const search = await index.debouncedSearch(query, {}, 150);
		if (!search || input.value.trim() !== query) return;
		const results = await Promise.all(
			search.results.slice(0, limits.pages).map((result) => result.data()),
		);
		output.replaceChildren(
			...(results.length === 0
				? [message(`No pages match “${query}”.`)]
				: results.flatMap(renderResult)),
		);
		output.hidden = false;
		const found = search.results.length;
		if (status)
			status.textContent =
				found === 0 ? 'No results' : `${found} ${found === 1 ? 'result' : 'results'}`;
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
	// Picking a result closes the list: a result on this same page only scrolls, and the open list
	// would cover the very heading it scrolled to. So does a tap anywhere outside the search box.
	output.addEventListener('click', (event) => {
		if ((event.target as Element).closest('a')) output.hidden = true;
	});
	document.addEventListener('pointerdown', (event) => {
		if (!form.contains(event.target as Node)) output.hidden = true;
	});
	// A tap back in the box shows the results of what it still holds (from the keyboard: ArrowDown).
	input.addEventListener('pointerdown', () => {
		if (input.value.trim() !== '' && output.childElementCount > 0) output.hidden = false;
	});
	// What the reader typed while this code loaded.
	if (input.value.trim() !== '') void update();
}

/**
 * A page's best sections, strongest match first, as list items: "Page › Section" linking
 * `page/#section`, with the section's excerpt. A match above the first heading links the page.
 */
function renderResult(page: PagefindPage): HTMLElement[] {
	const title = page.meta.title ?? page.url;
	const weight = (section: PagefindSection) =>
		section.weighted_locations.reduce((sum, location) => sum + location.weight, 0);
	const sections = [...(page.sub_results ?? [])]
		.sort((a, b) => weight(b) - weight(a))
		.slice(0, limits.sectionsPerPage);
	if (sections.length === 0)
		sections.push({ title, url: page.url, excerpt: page.excerpt, weighted_locations: [] });
	return sections.map((section) => {
		const item = document.createElement('li');
		const link = document.createElement('a');
		// The title's own section is the page's top: link the page, not `#title`.
		const top = !section.anchor || section.anchor.element === 'h1';
		link.href = top ? page.url : section.url;
		link.textContent = title;
		if (!top) {
			const heading = document.createElement('span');
			heading.className = 'search-section';
			heading.textContent = section.title;
			link.append(' › ', heading);
		}
		const excerpt = document.createElement('p');
		// Pagefind's excerpt is text from our own pages with `<mark>` around the matches.
		excerpt.innerHTML = section.excerpt;
		item.append(link, excerpt);
		return item;
	});
}

function message(text: string): HTMLElement {
	const item = document.createElement('li');
	item.className = 'search-empty';
	item.textContent = text;
	return item;
}
