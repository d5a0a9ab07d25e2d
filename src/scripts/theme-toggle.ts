/**
 * The theme control: one button that cycles system → light → dark → system, remembers the choice
 * (none stored means "follow the system") and names its state: "Theme: system (dark)". A cycle of
 * three is not a toggle, so it has no `aria-pressed`; the name says what it is now and the title
 * what a press does.
 */
const storageKey = 'waymark-theme';
const choices = ['system', 'light', 'dark'] as const;
type Choice = (typeof choices)[number];

export function setUpThemeToggle(): void {
	const root = document.documentElement;
	const button = document.querySelector<HTMLButtonElement>('[data-theme-toggle]');
	const media = matchMedia('(prefers-color-scheme: dark)');
	const choice = (): Choice =>
		(choices as readonly string[]).includes(root.dataset['themeChoice'] ?? '')
			? (root.dataset['themeChoice'] as Choice)
			: 'system';
	const apply = (next: Choice): void => {
		root.dataset['themeChoice'] = next;
		root.dataset['theme'] = next === 'system' ? (media.matches ? 'dark' : 'light') : next;
		const shown = root.dataset['theme'];
		const following = choices[(choices.indexOf(next) + 1) % choices.length];
		button?.removeAttribute('aria-pressed');
		button?.setAttribute(
			'aria-label',
			next === 'system' ? `Theme: system (${shown})` : `Theme: ${next}`,
		);
		button?.setAttribute(
			'title',
			`Theme: ${next === 'system' ? `system (${shown})` : next}. Press for ${following}.`,
		);
	};
	apply(choice());
	button?.addEventListener('click', () => {
		const next = choices[(choices.indexOf(choice()) + 1) % choices.length] ?? 'system';
		try {
			if (next === 'system') localStorage.removeItem(storageKey);
			else localStorage.setItem(storageKey, next);
		} catch {
			// Private windows may refuse storage; the control still works for this page.
		}
		apply(next);
	});
	media.addEventListener('change', () => {
		if (choice() === 'system') apply('system');
	});
}
