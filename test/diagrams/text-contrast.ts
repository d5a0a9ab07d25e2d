/** One drawn text of a diagram: the colour it shows, the colour behind it, their contrast ratio. */
export interface DiagramText {
	text: string;
	colour: string;
	behind: string;
	ratio: number;
	/** Rendered font size in CSS px. */
	px: number;
}

/**
 * Runs in the page (self-contained): every text of the diagram in `figure`, with the colour it is
 * drawn in and the colour behind its centre, found by hit-testing the shapes under it (fills and
 * HTML backgrounds, blended by their opacity over the page background). A sequence number sits on
 * a marker, which is not hit-tested: its circle's colour is read directly.
 */
export function auditDiagramText(figure: Element): DiagramText[] {
	type Rgba = { r: number; g: number; b: number; a: number };
	const parse = (value: string): Rgba | undefined => {
		const srgb = /color\(srgb ([^)]+)\)/.exec(value);
		const rgb = /rgba?\(([^)]+)\)/.exec(value);
		const parts = (srgb?.[1] ?? rgb?.[1])
			?.split(/[\s,/]+/)
			.filter(Boolean)
			.map(Number);
		if (!parts) return undefined;
		const [r = 0, g = 0, b = 0] = srgb ? parts.slice(0, 3).map((v) => v * 255) : parts;
		return { r, g, b, a: parts[3] ?? 1 };
	};
	const over = (top: Rgba, bottom: Rgba): Rgba => ({
		r: top.r * top.a + bottom.r * (1 - top.a),
		g: top.g * top.a + bottom.g * (1 - top.a),
		b: top.b * top.a + bottom.b * (1 - top.a),
		a: 1,
	});
	const luminance = (c: Rgba) => {
		const channel = (v: number) =>
			(v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
		return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
	};
	const ratio = (a: Rgba, b: Rgba) => {
		const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
		return (high + 0.05) / (low + 0.05);
	};
	const hex = (c: Rgba) =>
		`#${[c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
	const svg = figure.querySelector('.wm-diagram__view > svg') as SVGSVGElement;
	const page = parse(getComputedStyle(document.body).backgroundColor) ?? {
		r: 255,
		g: 255,
		b: 255,
		a: 1,
	};
	const hitAll = document.createElement('style');
	hitAll.textContent = '.wm-diagram svg * { pointer-events: all !important; }';
	document.head.append(hitAll);
	const found: DiagramText[] = [];
	for (const element of svg.querySelectorAll('text, tspan, foreignObject *')) {
		if (
			!Array.from(element.childNodes).some(
				(node) => node.nodeType === 3 && (node.textContent ?? '').trim() !== '',
			)
		)
			continue;
		element.scrollIntoView({ block: 'center', inline: 'center' });
		const rect = element.getBoundingClientRect();
		const style = getComputedStyle(element);
		if (rect.width === 0 || style.visibility === 'hidden') continue;
		const isSvg = element instanceof SVGElement;
		const ink = parse(isSvg ? style.fill : style.color);
		if (!ink) continue;
		ink.a *= isSvg ? Number(style.fillOpacity) : 1;
		let background = page;
		const marker = element.classList.contains('sequenceNumber')
			? svg.querySelector('marker[id$="-sequencenumber"] circle')
			: null;
		if (marker) background = over(parse(getComputedStyle(marker).fill) ?? page, page);
		else {
			const layers: Rgba[] = [];
			for (const under of document.elementsFromPoint(
				rect.left + rect.width / 2,
				rect.top + rect.height / 2,
			)) {
				if (
					under === element ||
					element.contains(under) ||
					under.contains(element) ||
					['text', 'tspan'].includes(under.tagName)
				)
					continue;
				if (!svg.contains(under)) break;
				const look = getComputedStyle(under);
				if (look.visibility === 'hidden' || look.display === 'none') continue;
				let colour: Rgba | undefined;
				if (under instanceof SVGElement) {
					if (['rect', 'circle', 'ellipse', 'polygon', 'path'].includes(under.tagName))
						colour = parse(look.fill);
					if (colour) colour.a *= Number(look.fillOpacity) * Number(look.opacity);
				} else colour = parse(look.backgroundColor);
				if (!colour || colour.a === 0) continue;
				layers.push(colour);
				if (colour.a >= 1) break;
			}
			for (const layer of layers.reverse()) background = over(layer, background);
		}
		const shown = over(ink, background);
		const matrix = (
			element instanceof SVGGraphicsElement ? element : element.closest('foreignObject')
		)?.getScreenCTM();
		const px = parseFloat(style.fontSize) * (matrix ? Math.hypot(matrix.a, matrix.b) : 1);
		found.push({
			text: (element.textContent ?? '').trim(),
			colour: hex(shown),
			behind: hex(background),
			ratio: Math.round(ratio(shown, background) * 100) / 100,
			px: Math.round(px * 100) / 100,
		});
	}
	hitAll.remove();
	return found;
}
