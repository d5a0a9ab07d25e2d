/**
 * Makes every element id inside a mermaid SVG start with the SVG's own id, and rewrites the
 * references to them (`url(#…)`, `href="#…"`, ARIA id lists). Some diagram types name markers and
 * gradients with fixed ids (`arrowhead`, `crosshead`, …); with several diagrams and two theme
 * variants on one page those would collide, and the first definition would win for all of them.
 */
export function scopeSvgIds(svg: string, svgId: string): string {
	const foreign = new Set<string>();
	for (const match of svg.matchAll(/\sid="([^"]+)"/g)) {
		const id = match[1] as string;
		if (id !== svgId && !id.startsWith(`${svgId}-`) && !id.startsWith(`${svgId}_`)) foreign.add(id);
	}
	if (foreign.size === 0) return svg;
	const rename = (id: string) => (foreign.has(id) ? `${svgId}-${id}` : id);
	return svg
		.replace(/(\sid=")([^"]+)(")/g, (_, a: string, id: string, b: string) => `${a}${rename(id)}${b}`)
		.replace(/url\(#([^)\s"']+)\)/g, (_, id: string) => `url(#${rename(id)})`)
		.replace(/((?:xlink:)?href=")#([^"]+)(")/g, (_, a: string, id: string, b: string) => `${a}#${rename(id)}${b}`)
		.replace(/(aria-(?:labelledby|describedby)=")([^"]+)(")/g, (_, a: string, ids: string, b: string) => `${a}${ids.split(/\s+/).map(rename).join(' ')}${b}`);
}

/** Gives an already scoped SVG a new id prefix: used when one page shows the same diagram twice. */
export function reprefixSvgIds(svg: string, from: string, to: string): string {
	return svg.split(from).join(to);
}
