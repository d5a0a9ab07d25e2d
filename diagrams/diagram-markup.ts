import type { Element, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { h } from 'hastscript';
import type { DiagramRendering } from './diagram-service.ts';
import { reprefixSvgIds } from './svg-ids.ts';

/**
 * A drawn diagram: the light and the dark SVG (CSS in `src/styles/diagrams.css` shows one), an
 * "Open full size" link that turns the figure into a full-window view through `:target` (no
 * JavaScript), and the source in a collapsed `<details>`.
 */
export function svgFigure(rendering: Extract<DiagramRendering, { ok: true }>, source: string, occurrence: number): Element {
	const base = occurrence === 0 ? rendering.idBase : `${rendering.idBase}-${occurrence + 1}`;
	const variant = (svg: string, theme: 'light' | 'dark') =>
		// The dark copy repeats the light one's labels; search indexes them once.
		h('div', { className: ['wm-diagram__view', `wm-diagram__view--${theme}`], ...(theme === 'dark' && { dataPagefindIgnore: '' }) }, [accessibleSvg(occurrence === 0 ? svg : reprefixSvgIds(svg, rendering.idBase, base))]);
	const figureId = `${base}-figure`;
	return h('figure', { className: ['wm-diagram'], id: figureId }, [
		h('span', { id: `${base}-back`, className: ['wm-diagram__anchor'] }),
		variant(rendering.light, 'light'),
		variant(rendering.dark, 'dark'),
		// The view toggles and the source toggle are controls, not diagram text: search skips them.
		h('figcaption', { className: ['wm-diagram__actions'], dataPagefindIgnore: '' }, [
			h('a', { className: ['wm-diagram__open'], href: `#${figureId}` }, ['Open full size']),
			h('a', { className: ['wm-diagram__close'], href: `#${base}-back` }, ['Close']),
		]),
		sourceDetails(source),
	]);
}

/** Without a browser at build time: mermaid draws `<pre class="mermaid">` in the reader's browser. */
export function clientFigure(source: string): Element {
	// `data-language` keeps the copy-button frame (src/markdown/rehype-code-copy.ts) off the diagram.
	return h('figure', { className: ['wm-diagram', 'wm-diagram--client'] }, [h('pre', { className: ['mermaid'], dataLanguage: 'mermaid' }, [source]), sourceDetails(source)]);
}

/**
 * A diagram that cannot be drawn, where it stood: one line saying why, with its line in the
 * diagram, then the source as code, so readers still get what the diagram says.
 */
export function failedFigure(source: string, problem: { line: number; message: string }): Element {
	return h('figure', { className: ['wm-diagram', 'wm-diagram--failed'] }, [
		h('figcaption', { className: ['wm-diagram__failure'], role: 'note' }, [h('strong', ['This diagram could not be drawn:']), ` ${problem.message.replace(/\.$/, '')} (line ${problem.line} of the diagram).`]),
		h('pre', [h('code', { className: ['language-mermaid'] }, [source])]),
	]);
}

function sourceDetails(source: string): Element {
	return h('details', { className: ['wm-diagram__source'] }, [h('summary', { dataPagefindIgnore: '' }, ['Diagram source']), h('pre', [h('code', { className: ['language-mermaid'] }, [source])])]);
}

/**
 * Mermaid marks its SVG `role="graphics-document document"`; screen readers announce that
 * inconsistently, so the SVG becomes one image named by `accTitle` (`aria-labelledby`) and
 * described by `accDescr` (`aria-describedby`), or named after its diagram type.
 */
function accessibleSvg(svg: string): ElementContent {
	const root = fromHtml(svg, { fragment: true });
	const element = root.children.find((c): c is Element => c.type === 'element' && c.tagName === 'svg');
	if (!element) return { type: 'text', value: '' };
	const props = element.properties;
	props.role = 'img';
	if (!props.ariaLabelledBy) {
		const type = String(props.ariaRoleDescription ?? 'mermaid');
		props.ariaLabel = `${type.replace(/-v\d+$/, '')} diagram`;
	}
	props.focusable = 'false';
	// Mermaid caps the width at the drawing's own size; the full-size view uses it as the width.
	const natural = /max-width:\s*([\d.]+px)/.exec(String(props.style ?? ''))?.[1];
	if (natural) props.style = `${String(props.style).trim().replace(/;?$/, ';')} --wm-natural-width: ${natural};`;
	return element;
}
