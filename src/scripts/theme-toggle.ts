/** Flips between light and dark, remembers the choice, and follows the system until one is made. */
const storageKey = 'waymark-theme';

export function setUpThemeToggle(): void {
	const root = document.documentElement;
	const button = document.querySelector<HTMLButtonElement>('[data-theme-toggle]');
	const media = matchMedia('(prefers-color-scheme: dark)');
	const label = () => {
		const dark = root.dataset['theme'] === 'dark';
		button?.setAttribute('aria-pressed', String(dark));
		button?.setAttribute('aria-label', dark ? 'Switch to light theme' : 'Switch to dark theme');
	};
	label();
	button?.addEventListener('click', () => {
		const next = root.dataset['theme'] === 'dark' ? 'light' : 'dark';
		root.dataset['theme'] = next;
		try {
			localStorage.setItem(storageKey, next);
		} catch {
			// Private windows may refuse storage; the toggle still works for this page.
		}
		label();
	});
	media.addEventListener('change', () => {
		if (readStored()) return;
		root.dataset['theme'] = media.matches ? 'dark' : 'light';
		label();
	});
}

function readStored(): string | null {
	try {
		return localStorage.getItem(storageKey);
	} catch {
		return null;
	}
}
