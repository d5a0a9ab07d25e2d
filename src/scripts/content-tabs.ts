/**
 * A link to a content tab (`#__tabbed_1_2`, as on the MkDocs site) or to anything inside one
 * selects that tab, on load and whenever the address's fragment changes. Without this script the
 * tabs still switch (they are radio buttons); only a link into a hidden tab would land on its set.
 */
export function setUpContentTabs(): void {
	if (!document.querySelector('.wm-tabs')) return;
	const select = () => {
		const id = decodeURIComponent(location.hash.slice(1));
		const target = id ? document.getElementById(id) : null;
		if (!target) return;
		let changed = false;
		// The tab itself, then every tab around the target, innermost last to outermost.
		if (
			target instanceof HTMLInputElement &&
			target.classList.contains('wm-tab-input') &&
			!target.checked
		)
			changed = target.checked = true;
		for (
			let panel = target.closest('.wm-tab-panel');
			panel;
			panel = panel.parentElement?.closest('.wm-tab-panel') ?? null
		) {
			const input = panel.previousElementSibling?.previousElementSibling;
			if (input instanceof HTMLInputElement && !input.checked) changed = input.checked = true;
		}
		if (changed)
			(target instanceof HTMLInputElement
				? (target.closest('.wm-tabs') ?? target)
				: target
			).scrollIntoView();
	};
	select();
	window.addEventListener('hashchange', select);
}
