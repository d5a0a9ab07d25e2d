import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { diagramKind, diagramWidths } from './diagram-figure.ts';
import { rawAsParsed } from '../markdown/raw-as-parsed.ts';
import type { DiagramRendering } from './diagram-service.ts';
import { parseSvg, splitSvg } from './svg-as-parsed.ts';
import { reprefixSvgIds } from './svg-ids.ts';

/** The heading a diagram sits under: its name when the diagram has no `accTitle`. */
export interface DiagramHeading {
	id?: string;
	text: string;
}

/**
 * A drawn diagram: one SVG whose colours follow the site theme (`src/styles/diagrams.css`), fitted
 * to the column's width up to its own size; above it, an "Open full size" link (the figure becomes
 * the URL target and fills the window without JavaScript; `src/scripts/diagram-viewer.ts` turns it
 * into a dialog, with zoom, and says when the fitted drawing's text is below legible); the source
 * in a collapsed `<details>`. With `asText` (the page's processor takes raw HTML written as parsed,
 * `markdown/raw-as-parsed.ts`) the SVG's content stays the text the cache holds.
 */
export function svgFigure(
	rendering: Extract<DiagramRendering, { ok: true }>,
	source: string,
	occurrence: number,
	{ heading, asText = false }: { heading?: DiagramHeading | undefined; asText?: boolean } = {},
): Element {
	const base = occurrence === 0 ? rendering.idBase : `${rendering.idBase}-${occurrence + 1}`;
	// Ids are letters, digits and hyphens, which no serializer escapes: the copy is written as parsed too.
	const svg =
		occurrence === 0 ? rendering.svg : reprefixSvgIds(rendering.svg, rendering.idBase, base);
	const figureId = `${base}-figure`;
	return h('figure', { className: ['wm-diagram'], id: figureId }, [
		h('span', { id: `${base}-back`, className: ['wm-diagram__anchor'] }),
		// Above the diagram, so a reader on a phone meets them before the drawing. The view toggles
		// are controls, not diagram text: search skips them.
		h('div', { className: ['wm-diagram__actions'], dataPagefindIgnore: '' }, [
			h('a', { className: ['wm-diagram__open'], href: `#${figureId}` }, ['Open full size']),
			h('a', { className: ['wm-diagram__close'], href: `#${base}-back` }, ['Close']),
		]),
		h('div', { className: ['wm-diagram__view'] }, [
			accessibleSvg(svg, rendering.textPx, heading, asText && rendering.asParsed),
		]),
		sourceDetails(source),
	]);
}

/** Without a browser at build time: mermaid draws `<pre class="mermaid">` in the reader's browser. */
export function clientFigure(source: string, heading?: DiagramHeading): Element {
	// `data-language` keeps the copy-button frame (markdown/rehype-code-copy.ts) off the diagram.
	return h(
		'figure',
		{
			className: ['wm-diagram', 'wm-diagram--client'],
			...(heading?.id && { dataHeading: heading.id }),
		},
		[
			h('pre', { className: ['mermaid'], dataLanguage: 'mermaid' }, [source]),
			sourceDetails(source),
		],
	);
}

/**
 * A diagram that cannot be drawn, where it stood: one line saying why, with its line in the
 * diagram, then the source as code, so readers still get what the diagram says.
 */
export function failedFigure(source: string, problem: { line: number; message: string }): Element {
	return h('figure', { className: ['wm-diagram', 'wm-diagram--failed'] }, [
		h('figcaption', { className: ['wm-diagram__failure'], role: 'note' }, [
			h('strong', ['This diagram could not be drawn:']),
			` ${problem.message.replace(/\.$/, '')} (line ${problem.line} of the diagram).`,
		]),
		h('pre', [h('code', { className: ['language-mermaid'] }, [source])]),
	]);
}

function sourceDetails(source: string): Element {
	return h('details', { className: ['wm-diagram__source'] }, [
		h('summary', { dataPagefindIgnore: '' }, ['Diagram source']),
		h('pre', [h('code', { className: ['language-mermaid'] }, [source])]),
	]);
}

/**
 * Mermaid marks its SVG `role="graphics-document document"`; screen readers announce that
 * inconsistently, so the SVG becomes one image of its kind ("flowchart"), named by `accTitle`
 * (`aria-labelledby`) and described by `accDescr` (`aria-describedby`), else named by the
 * heading it sits under, else by its kind alone. Its legible width range becomes `--wm-min`
 * and `--wm-max` (see `diagramWidths`).
 */
function accessibleSvg(
	svg: string,
	textPx: number,
	heading: DiagramHeading | undefined,
	asText: boolean,
): ElementContent {
	// As text: only the start tag is parsed, for the attributes changed here.
	const split = asText ? splitSvg(svg) : undefined;
	const element = parseSvg(split ? `${split.start}</svg>` : svg);
	if (!element) return { type: 'text', value: '' };
	if (split) element.children = [rawAsParsed(split.inner)];
	const props = element.properties;
	const kind = diagramKind(String(props.ariaRoleDescription ?? ''));
	props.role = 'img';
	props.ariaRoleDescription = [kind];
	if (!props.ariaLabelledBy) {
		if (heading?.id) props.ariaLabelledBy = [heading.id];
		else props.ariaLabel = heading?.text ?? kind.replace(/^./, (c) => c.toUpperCase());
	}
	props.focusable = 'false';
	const width =
		Number(String(props.viewBox ?? '').split(/[\s,]+/)[2]) ||
		Number(/max-width:\s*([\d.]+)px/.exec(String(props.style ?? ''))?.[1]) ||
		0;
	const { min, max } = diagramWidths(width, textPx);
	// Mermaid's own `max-width` is replaced: `--wm-max` is the same width, or the legible one.
	props.style = `--wm-min: ${min}px; --wm-max: ${max}px`;
	return element;
}
