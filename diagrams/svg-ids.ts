/**
 * Makes every element id inside a mermaid SVG start with the SVG's own id, and rewrites the
 * references to them (`url(#…)`, `href="#…"`, ARIA id lists). Some diagram types name markers and
 * gradients with fixed ids (`arrowhead`, `crosshead`, …); with several diagrams on one page those
 * would collide, and the first definition would win for all of them.
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
		.replace(
			/(\sid=")([^"]+)(")/g,
			(_, a: string, id: string, b: string) => `${a}${rename(id)}${b}`,
		)
		.replace(/url\(#([^)\s"']+)\)/g, (_, id: string) => `url(#${rename(id)})`)
		.replace(
			/((?:xlink:)?href=")#([^"]+)(")/g,
			(_, a: string, id: string, b: string) => `${a}#${rename(id)}${b}`,
		)
		.replace(
			/(aria-(?:labelledby|describedby)=")([^"]+)(")/g,
			(_, a: string, ids: string, b: string) => `${a}${ids.split(/\s+/).map(rename).join(' ')}${b}`,
		);
}

/** Gives an already scoped SVG a new id prefix: used when one page shows the same diagram twice. */
export function reprefixSvgIds(svg: string, from: string, to: string): string {
	return svg.split(from).join(to);
}

// Geometry attributes whose numbers mermaid writes at full float precision.
const geometry =
	/(\s(?:points|transform|viewBox|x|y|x1|x2|y1|y2|cx|cy|r|rx|ry|width|height|dx|dy|refX|refY|markerWidth|markerHeight)=")([^"]*)(")/g;
const svgNumber = /[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/g;
// In a `style` attribute, only decimals standing alone (`439.0999px`), never digits of `#1f2e3d` or `--accent-0`.
const styleNumber = /(?<![\w#.-])-?\d*\.\d+/g;

/** `value` with its numbers rounded to `digits` decimals and no leading zero, still read as the same list (`.3.3` is two numbers). */
function roundNumbers(value: string, digits: number, pattern = svgNumber): string {
	let out = '';
	let last = 0;
	let previous = '';
	for (const match of value.matchAll(pattern)) {
		const between = value.slice(last, match.index);
		const rounded = String(Math.round(Number(match[0]) * 10 ** digits) / 10 ** digits).replace(
			/^(-?)0\./,
			'$1.',
		);
		// Two numbers with nothing between them must still read as two.
		const joined =
			between === '' &&
			previous !== '' &&
			(/^\d/.test(rounded) || (rounded.startsWith('.') && !/[.e]/.test(previous)));
		out += between + (joined ? ' ' : '') + rounded;
		previous = rounded;
		last = (match.index ?? 0) + match[0].length;
	}
	return out + value.slice(last);
}

/**
 * A smaller SVG that draws the same: coordinates rounded (absolute path data to 1/10 px, relative
 * path data, whose errors add up, to 1/1000 px, other geometry to 1/100 px; mermaid writes 17
 * digits, which made one hand-drawn stadium shape 30 KB), path data
 * without zero-length segments or needless spaces, mermaid's `data-points` edge data (read by its
 * interactive features, which a static page does not run) and empty `style` attributes dropped.
 * Stylesheet and text content are left as they are.
 */
export function compactSvg(svg: string): string {
	return svg.replace(/(<style\b[^>]*>[\s\S]*?<\/style>)|<[^>]+>/g, (tag: string, style?: string) =>
		style
			? style
			: tag
					.replace(/\sdata-points="[^"]*"/g, '')
					.replace(/\sstyle="[\s;]*"/g, '')
					.replace(
						/(\sd=")([^"]*)(")/g,
						(_, before: string, value: string, after: string) =>
							`${before}${/[a-df-z]/.test(value) ? roundNumbers(value, 3) : compactPath(roundNumbers(value, 1))}${after}`,
					)
					.replace(
						geometry,
						(_, before: string, value: string, after: string) =>
							`${before}${roundNumbers(value, 2)}${after}`,
					)
					.replace(
						/(\sstyle=")([^"]*)(")/g,
						(_, before: string, value: string, after: string) =>
							`${before}${roundNumbers(value, 2, styleNumber)}${after}`,
					),
	);
}

/**
 * Path data with absolute `M`, `L`, `C` and `Z` only (what mermaid and rough.js write), redrawn
 * with fewer bytes: a `C` whose control points lie on its chord (within 0.2 px) becomes an `L`,
 * zero-length segments and `M`s followed by another `M` go, a one-segment subpath repeating the
 * one before it between the same two points (rough.js strokes every edge twice) goes, and spaces a
 * parser does not need go. Any other path is returned as it came.
 */
function compactPath(d: string): string {
	if (/[^MLCZ\d\s,.eE+-]/.test(d)) return d;
	const arity: Record<string, number> = { M: 2, L: 2, C: 6, Z: 0 };
	type Segment = { command: string; numbers: number[] };
	const segments: Segment[] = [];
	for (const [, letter, args] of d.matchAll(/([MLCZ])([^MLCZ]*)/g)) {
		const size = arity[letter as string] as number;
		const numbers = [...(args ?? '').matchAll(svgNumber)].map((match) => Number(match[0]));
		if (size === 0) {
			segments.push({ command: 'Z', numbers: [] });
			continue;
		}
		if (numbers.length === 0 || numbers.length % size !== 0 || numbers.some(Number.isNaN)) return d;
		// Pairs after the first of an `M` are line segments.
		for (let i = 0; i < numbers.length; i += size)
			segments.push({
				command: letter === 'M' && i > 0 ? 'L' : (letter as string),
				numbers: numbers.slice(i, i + size),
			});
	}
	const kept: Segment[] = [];
	let x = Number.NaN;
	let y = Number.NaN;
	let start: [number, number] = [x, y];
	for (const segment of segments) {
		if (segment.command === 'Z') {
			kept.push(segment);
			[x, y] = start;
			continue;
		}
		const [endX, endY] = segment.numbers.slice(-2) as [number, number];
		if (segment.command === 'C' && onChord(x, y, segment.numbers)) segment.numbers = [endX, endY];
		if (segment.command === 'C' && segment.numbers.length === 2) segment.command = 'L';
		if (segment.command === 'M') {
			if (kept.at(-1)?.command === 'M') kept.pop();
			start = [endX, endY];
		} else if (
			endX === x &&
			endY === y &&
			segment.numbers.every((n, j) => n === (j % 2 === 0 ? x : y))
		)
			continue;
		kept.push(segment);
		x = endX;
		y = endY;
	}
	if (kept.at(-1)?.command === 'M') kept.pop();
	// Strokes drawn twice: `M a C … b M a C … b` keeps the first.
	const subpaths: Segment[][] = [];
	for (const segment of kept) {
		if (segment.command === 'M' || subpaths.length === 0) subpaths.push([]);
		subpaths.at(-1)?.push(segment);
	}
	const drawn = subpaths.filter((path, i) => {
		const before = subpaths[i - 1];
		if (!before || path.length !== 2 || before.length !== 2 || path[0]?.command !== 'M')
			return true;
		const same = (a: Segment | undefined, b: Segment | undefined) =>
			a?.numbers.slice(-2).join() === b?.numbers.slice(-2).join();
		return !(same(path[0], before[0]) && same(path[1], before[1]));
	});
	return drawn
		.flat()
		.map((segment) => segment.command + segment.numbers.map(String).join(' ').replace(/ -/g, '-'))
		.join('');
}

/** Whether the control points of a cubic from (x, y) lie on the straight line to its end, within 0.2 px. */
function onChord(x: number, y: number, [c1x, c1y, c2x, c2y, ex, ey]: number[]): boolean {
	const dx = (ex as number) - x;
	const dy = (ey as number) - y;
	const length = Math.hypot(dx, dy);
	const distance = (px: number, py: number) =>
		length === 0 ? Math.hypot(px - x, py - y) : Math.abs(dy * (px - x) - dx * (py - y)) / length;
	const within = (px: number, py: number) => {
		const t = length === 0 ? 0 : ((px - x) * dx + (py - y) * dy) / (length * length);
		return t >= -0.01 && t <= 1.01 && distance(px, py) <= 0.2;
	};
	return within(c1x as number, c1y as number) && within(c2x as number, c2y as number);
}
