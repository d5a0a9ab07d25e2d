/**
 * The contents bar shown below wide-screen width: "Contents" opens the list of headings (picking
 * one, or Esc, folds it again) and the bar names the section whose heading was last scrolled
 * past. Also keeps `--header-h` equal to the sticky site header's height, which the bar's position
 * and the page's `scroll-padding-top` use.
 */
export function setUpPageBar(): void {
	const header = document.querySelector<HTMLElement>('.site-header');
	if (header) {
		const measure = () =>
			document.documentElement.style.setProperty('--header-h', `${header.offsetHeight}px`);
		measure();
		new ResizeObserver(measure).observe(header);
		// A page opened at an anchor may have been scrolled there before the header's height was
		// known (a header that wraps on a phone is taller than the stylesheet's guess).
		if (location.hash)
			document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
	}
	const bar = document.querySelector<HTMLElement>('.page-bar');
	const button = bar?.querySelector<HTMLButtonElement>('.page-bar-toggle');
	const here = bar?.querySelector<HTMLElement>('[data-page-bar-section]');
	if (!bar || !button || !here) return;
	const setOpen = (open: boolean) => {
		button.setAttribute('aria-expanded', String(open));
		bar.toggleAttribute('data-open', open);
	};
	button.addEventListener('click', () => setOpen(button.getAttribute('aria-expanded') !== 'true'));
	bar.addEventListener('click', (event) => {
		if ((event.target as Element).closest('a')) setOpen(false);
	});
	bar.addEventListener('keydown', (event) => {
		if (event.key !== 'Escape' || !bar.hasAttribute('data-open')) return;
		setOpen(false);
		button.focus();
	});
	const title = here.textContent;
	const sections = [...bar.querySelectorAll<HTMLAnchorElement>('.page-bar-list a')].flatMap(
		(link) => {
			const heading = document.getElementById(decodeURIComponent(link.hash.slice(1)));
			return heading ? [{ heading, text: link.textContent }] : [];
		},
	);
	const update = () => {
		if (bar.offsetParent === null) return;
		// A heading counts once it reaches the band below the bar where anchors land (scroll-padding-top).
		const line = bar.getBoundingClientRect().bottom + 24;
		let current = title;
		for (const section of sections) {
			if (section.heading.getBoundingClientRect().top > line) break;
			current = section.text;
		}
		if (here.textContent !== current) here.textContent = current;
	};
	let queued = false;
	const schedule = () => {
		if (queued) return;
		queued = true;
		requestAnimationFrame(() => {
			queued = false;
			update();
		});
	};
	addEventListener('scroll', schedule, { passive: true });
	addEventListener('resize', schedule, { passive: true });
	update();
}
