/**
 * Finishes a mermaid SVG inside the page that drew it (Chromium at build time, the reader's
 * browser in the no-browser fallback), with `svg` attached to the document:
 *
 * - measures the smallest text at the drawing's own size (`textPx`, in CSS px), which decides how
 *   narrow the diagram may be shown;
 * - drops the rules of mermaid's stylesheet that match nothing in this drawing;
 * - with `sentinels` (palette light value → custom property, `paletteSentinels()`), replaces
 *   every palette colour with `var(--wm-diagram-…)`: in the stylesheet, in `style` attributes,
 *   and in presentation attributes, which move into `style` when they are what the element
 *   shows (their computed value) and are dropped when a stylesheet rule overrides them.
 *
 * Self-contained, with no reference to anything outside its body: the build hands its source text
 * to Chromium.
 */
export function finishDiagramSvg(
	svg: SVGSVGElement,
	sentinels: Record<string, string> | null,
): { textPx: number } {
	const box = svg.viewBox.baseVal;
	const natural = box && box.width > 0 ? box.width : svg.getBoundingClientRect().width;
	const savedStyle = svg.getAttribute('style');
	svg.setAttribute('style', `width: ${natural}px; max-width: none; min-width: 0`);
	const rootScale = svg.getScreenCTM()?.a || 1;
	let textPx = Number.POSITIVE_INFINITY;
	for (const element of Array.from(svg.querySelectorAll('text, tspan, foreignObject *'))) {
		if (
			!Array.from(element.childNodes).some(
				(node) => node.nodeType === 3 && (node.textContent ?? '').trim() !== '',
			)
		)
			continue;
		const rect = element.getBoundingClientRect();
		const style = getComputedStyle(element);
		if ((rect.width === 0 && rect.height === 0) || style.visibility === 'hidden') continue;
		const graphic =
			element instanceof SVGGraphicsElement ? element : element.closest('foreignObject');
		const matrix = graphic?.getScreenCTM();
		if (!matrix) continue;
		const px = (parseFloat(style.fontSize) * Math.hypot(matrix.a, matrix.b)) / rootScale;
		if (px > 0 && px < textPx) textPx = px;
	}
	if (savedStyle === null) svg.removeAttribute('style');
	else svg.setAttribute('style', savedStyle);

	// Nothing of a drawing reaches past it (mermaid's advisories of 2025 and 2026, replayed by
	// test/diagrams/mermaid-advisories.browser.test.ts): no element that runs or loads (a label's
	// `<img>` through KaTeX or an architecture icon's text), no handler, no URL but a fragment (a
	// link of the diagram's own to the web stays), and, below, no style rule outside the drawing.
	const loads =
		/^(?:script|iframe|frame|object|embed|img|picture|source|audio|video|track|form|input|button|link|meta|base|portal|animate|animateMotion|animateTransform|set|discard)$/i;
	const elsewhere = /url\(\s*(?!['"]?(?:#|data:image\/(?:png|jpe?g|gif|webp);))/i;
	for (const element of Array.from(svg.querySelectorAll('*'))) {
		if (loads.test(element.localName)) {
			element.remove();
			continue;
		}
		for (const name of element.getAttributeNames()) {
			const value = element.getAttribute(name) ?? '';
			const url = /(?:^|:)(?:href|src|action|formaction)$/i.test(name);
			const webLink = element.localName === 'a' && /^\s*(?:https?:|mailto:)/i.test(value);
			if (
				/^on/i.test(name) ||
				(url && !value.trim().startsWith('#') && !webLink) ||
				(name === 'style' && elsewhere.test(value))
			)
				element.removeAttribute(name);
		}
	}
	const drawingId = svg.id;
	// A selector inside the drawing: its id first, then nothing that leaves it (`#d + *`, `#d ~ *`).
	const inside = (selector: string) =>
		drawingId !== '' &&
		selector.trim().startsWith(`#${drawingId}`) &&
		!/^[+~]/.test(
			selector
				.trim()
				.slice(drawingId.length + 1)
				.trim(),
		) &&
		!/[\w-]/.test(selector.trim().charAt(drawingId.length + 1));
	for (const style of Array.from(svg.querySelectorAll('style'))) {
		const sheet = style.sheet;
		if (!sheet) {
			style.remove();
			continue;
		}
		const kept: string[] = [];
		for (const rule of Array.from(sheet.cssRules)) {
			// Only style rules of the drawing's own, and its animations: never an import, a font to
			// load, a media or container block, or a rule for the page around it.
			if (!(rule instanceof CSSStyleRule) && !(rule instanceof CSSKeyframesRule)) continue;
			if (elsewhere.test(rule.cssText)) continue;
			// A nested rule (`& + *` inside it, where the browser nests CSS) may select beside the drawing.
			if (rule instanceof CSSStyleRule && rule.cssRules.length > 0) continue;
			// A selector that is not the drawing's own is made one (a rule ZenUML writes for its
			// classes, `body` or `#d + *` of a diagram's CSS): what it selected beside the drawing, it no longer does.
			const selectors =
				rule instanceof CSSStyleRule
					? rule.selectorText
							.split(/,(?![^(]*\))/)
							.map((selector) =>
								inside(selector) ? selector.trim() : `#${drawingId} ${selector.trim()}`,
							)
					: [];
			if (rule instanceof CSSStyleRule) {
				const used = selectors.some((selector) => {
					// Pseudo-classes and elements removed, a selector matches at least what it did before.
					const bare = selector.replace(/::?[\w-]+(\((?:[^()]|\([^()]*\))*\))?/g, '').trim();
					if (bare === '') return true;
					try {
						return svg.matches(bare) || svg.querySelector(bare) !== null;
					} catch {
						return true;
					}
				});
				if (!used) continue;
				kept.push(`${selectors.join(', ')} { ${rule.style.cssText} }`);
				continue;
			}
			kept.push(rule.cssText);
		}
		style.textContent = kept.join('');
	}

	// Definitions nothing points at: mermaid writes every marker of a diagram type (a flowchart
	// has twelve, 4 KB; most draw one) and every symbol of a sequence diagram.
	const markup = svg.outerHTML;
	for (const definition of Array.from(
		svg.querySelectorAll(
			'marker[id], symbol[id], linearGradient[id], radialGradient[id], pattern[id], filter[id], clipPath[id], mask[id]',
		),
	)) {
		const id = RegExp.escape(definition.id);
		if (!new RegExp(`#${id}(?![\\w-])`).test(markup)) definition.remove();
	}
	// Mermaid's `data-*` attributes feed its interactive features, which a static page does not run;
	// kept when a remaining style rule selects on one.
	if (
		!Array.from(svg.querySelectorAll('style')).some((style) =>
			(style.textContent ?? '').includes('data-'),
		)
	) {
		for (const element of Array.from(svg.querySelectorAll('*'))) {
			for (const name of element.getAttributeNames())
				if (name.startsWith('data-')) element.removeAttribute(name);
		}
	}

	if (sentinels) {
		const colour =
			/#([0-9a-f]{6}|[0-9a-f]{3})\b|rgba?\(\s*([\d.]+)(?:\s*,\s*|\s+)([\d.]+)(?:\s*,\s*|\s+)([\d.]+)\s*(?:[,/]\s*([\d.]+)(%?)\s*)?\)/gi;
		const keyOf = (hex: string | undefined, r?: string, g?: string, b?: string) =>
			hex
				? `#${(hex.length === 3 ? Array.from(hex, (c) => c + c).join('') : hex).toLowerCase()}`
				: `#${[r, g, b].map((v) => Math.round(Number(v)).toString(16).padStart(2, '0')).join('')}`;
		const recolour = (text: string) =>
			text.replace(
				colour,
				(
					match,
					hex?: string,
					r?: string,
					g?: string,
					b?: string,
					alpha?: string,
					percent?: string,
				) => {
					const property = sentinels[keyOf(hex, r, g, b)];
					if (!property) return match;
					const opacity = alpha === undefined ? 1 : percent ? Number(alpha) / 100 : Number(alpha);
					return opacity >= 1
						? `var(${property})`
						: `color-mix(in srgb, var(${property}) ${Math.round(opacity * 100)}%, transparent)`;
				},
			);
		const firstKey = (text: string) => {
			colour.lastIndex = 0;
			const found = colour.exec(text);
			colour.lastIndex = 0;
			return found ? keyOf(found[1], found[2], found[3], found[4]) : undefined;
		};
		const presentation = ['fill', 'stroke', 'stop-color', 'flood-color', 'lighting-color', 'color'];
		for (const element of [svg, ...Array.from(svg.querySelectorAll('*'))]) {
			for (const name of presentation) {
				const value = element.getAttribute(name);
				if (value === null) continue;
				const themed = recolour(value);
				if (themed === value) continue;
				const shown = getComputedStyle(element).getPropertyValue(name);
				element.removeAttribute(name);
				if (firstKey(shown) === firstKey(value))
					(element as SVGElement).style.setProperty(name, themed);
			}
		}
		for (const element of [svg, ...Array.from(svg.querySelectorAll('[style]'))]) {
			const inline = element.getAttribute('style');
			if (inline) element.setAttribute('style', recolour(inline));
		}
		for (const style of Array.from(svg.querySelectorAll('style')))
			style.textContent = recolour(style.textContent ?? '');
	}
	return { textPx: Number.isFinite(textPx) ? Math.round(textPx * 100) / 100 : 0 };
}
