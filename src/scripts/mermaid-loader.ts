// Draws `<pre class="mermaid">` blocks in the reader's browser. Only pages whose diagrams could
// not be drawn at build time load this, and mermaid with it. The drawings are finished as the
// build finishes its own (diagrams/diagram-finish.ts): palette colours, so they follow the theme
// toggle, a width range that keeps text legible, a name; then the viewer takes over.
import zenuml from '@mermaid-js/mermaid-zenuml';
import mermaid from 'mermaid';
import { finishDiagramSvg } from '../../diagrams/diagram-finish.ts';
import { diagramKind, diagramWidths } from '../../diagrams/diagram-figure.ts';
import {
	namesOwnTheme,
	paletteSentinels,
	paletteThemeVariables,
} from '../../diagrams/diagram-palette.ts';
import { labelFont, longWords, mergeSettings, wrapSettings } from '../../diagrams/diagram-wrap.ts';
import { setUpDiagramViewer } from './diagram-viewer.ts';

const base = {
	startOnLoad: false,
	securityLevel: 'strict' as const,
	fontFamily: 'Inter, ui-sans-serif, system-ui, sans-serif',
	htmlLabels: false,
	flowchart: { htmlLabels: false },
};

async function drawAll(): Promise<void> {
	// Before anything is awaited: mermaid draws every `.mermaid` element itself on the window's
	// load event unless told not to, and it would take each source before this code does.
	mermaid.initialize(base);
	// Labels are measured while drawing: Inter must be there first.
	await document.fonts.load(labelFont).catch(() => undefined);
	// The ZenUML plugin loads its renderer only when a page has a ZenUML diagram.
	await mermaid.registerExternalDiagrams([zenuml]);
	const context = document.createElement('canvas').getContext('2d');
	if (context) context.font = labelFont;
	const pres = [
		...document.querySelectorAll<HTMLElement>('figure.wm-diagram--client > pre.mermaid'),
	];
	for (const [index, pre] of pres.entries()) {
		const source = pre.textContent ?? '';
		const heading = pre.closest('figure')?.dataset['heading'];
		const palette = !namesOwnTheme(source);
		const widest = Math.max(
			0,
			...longWords(source).map((word) => context?.measureText(word).width ?? 0),
		);
		mermaid.initialize(
			mergeSettings(
				{
					...base,
					theme: palette ? 'base' : 'default',
					...(palette && { themeVariables: paletteThemeVariables() }),
				},
				wrapSettings(widest),
			),
		);
		try {
			const { svg } = await mermaid.render(`wm-client-${index}`, source);
			const view = Object.assign(document.createElement('div'), {
				className: 'wm-diagram__view',
				innerHTML: svg,
			});
			pre.replaceWith(view);
			const element = view.querySelector('svg');
			if (!element) continue;
			const { textPx } = finishDiagramSvg(element, palette ? paletteSentinels() : null);
			const kind = diagramKind(element.getAttribute('aria-roledescription') ?? '');
			element.setAttribute('role', 'img');
			element.setAttribute('aria-roledescription', kind);
			if (!element.hasAttribute('aria-labelledby')) {
				if (heading) element.setAttribute('aria-labelledby', heading);
				else
					element.setAttribute(
						'aria-label',
						kind.replace(/^./, (c) => c.toUpperCase()),
					);
			}
			const { min, max } = diagramWidths(element.viewBox.baseVal?.width ?? 0, textPx);
			element.setAttribute('style', `--wm-min: ${min}px; --wm-max: ${max}px`);
		} catch {
			// The build reported the error; the source stays on the page.
		}
	}
	setUpDiagramViewer();
}

void drawAll();
