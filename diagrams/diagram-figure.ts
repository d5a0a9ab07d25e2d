const kinds: Record<string, string> = {
	flowchart: 'flowchart',
	sequence: 'sequence diagram',
	classDiagram: 'class diagram',
	stateDiagram: 'state diagram',
	er: 'entity relationship diagram',
	gantt: 'Gantt chart',
	pie: 'pie chart',
	journey: 'user journey',
	mindmap: 'mind map',
	timeline: 'timeline',
	gitGraph: 'git graph',
	architecture: 'architecture diagram',
	quadrantChart: 'quadrant chart',
	requirement: 'requirement diagram',
	xychart: 'XY chart',
	c4: 'C4 diagram',
	zenuml: 'sequence diagram',
};

/**
 * What a reader hears a diagram is, from mermaid's `aria-roledescription` (`flowchart-v2` →
 * "flowchart", `er` → "entity relationship diagram"); becomes the SVG's `aria-roledescription`.
 */
export function diagramKind(mermaidType: string | undefined): string {
	const type = (mermaidType ?? '').replace(/-v\d+$/, '');
	return (
		kinds[type] ??
		(type ? `${type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()} diagram` : 'diagram')
	);
}

/** The shortest on-screen size, in CSS px, at which a diagram's text is still legible. */
const legibleTextPx = 11;

/**
 * How wide a diagram may be drawn: `min` keeps its smallest text (`textPx` at the drawing's own
 * `width`) at `legibleTextPx` or more, so a narrower screen scrolls it sideways instead of
 * shrinking it; `max` is its own size, or `min` when its own text is smaller than legible.
 */
export function diagramWidths(width: number, textPx: number): { min: number; max: number } {
	// A drawing whose smallest text is tiny (a decoration, a hidden label) is not blown up past 3×.
	const min =
		textPx > 0 ? Math.min(Math.ceil((width * legibleTextPx) / textPx), Math.ceil(width * 3)) : 0;
	return { min, max: Math.max(Math.ceil(width), min) };
}
