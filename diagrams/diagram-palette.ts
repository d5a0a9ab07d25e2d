/**
 * The colours of every mermaid diagram, one palette for both site themes and print.
 *
 * Mermaid draws with its `base` theme, every colour variable set to the light value of one token
 * below. The drawing step (`finishDiagramSvg`) then replaces each of those values with
 * `var(--wm-diagram-<token>)`, so one SVG follows the site theme; `src/styles/diagrams.css`
 * defines each token for light, dark and print. The light values are written here and in that
 * file; a test keeps the two equal. They double as sentinels, so they must stay distinct from
 * each other and from the colours mermaid hard-codes (`#333`, `#fff`, `black`, …).
 */
export const diagramPalette = {
	bg: '#fdfdfe',
	text: '#1c2128',
	line: '#4b5563',
	node: '#e8f1fc',
	'node-border': '#4f7cb0',
	cluster: '#f3f5f8',
	'cluster-border': '#9aa7b6',
	'label-bg': '#f6f8fa',
	note: '#fff4c0',
	'note-border': '#c29d1f',
	active: '#cde2fb',
	done: '#e3e6ea',
	grid: '#d5dae0',
	critical: '#ffd8d6',
	'critical-border': '#cf2a2a',
	'accent-0': '#d4e6fb',
	'accent-1': '#d3f0da',
	'accent-2': '#fde2c4',
	'accent-3': '#e8dcfa',
	'accent-4': '#fbd6da',
	'accent-5': '#cdf0ee',
	'accent-6': '#f5edb5',
	'accent-7': '#e1e5ea',
	'strong-0': '#1f62b8',
	'strong-1': '#1d7a3b',
	'strong-2': '#b4530f',
	'strong-3': '#7044c4',
	'strong-4': '#c02c3c',
	'strong-5': '#0f7770',
	'strong-6': '#8a6d00',
	'strong-7': '#57606a',
	'on-strong': '#fdfeff',
} as const;

export type DiagramToken = keyof typeof diagramPalette;

const accent = (i: number) => `accent-${i % 8}` as DiagramToken;
const strong = (i: number) => `strong-${i % 8}` as DiagramToken;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const all = (token: DiagramToken, names: string[]) =>
	Object.fromEntries(names.map((name) => [name, token])) as Record<string, DiagramToken>;

/**
 * Mermaid's colour variables (base theme) and the token each one takes. Text always sits on a
 * token whose pair passes 4.5:1 in both themes: `text` on every surface, fill and accent,
 * `on-strong` on the strong colours, `bg` on `line` (sequence numbers).
 */
const mermaidVariables: Record<string, DiagramToken> = {
	...all('bg', [
		'background',
		'altSectionBkgColor',
		'sequenceNumberColor',
		'innerEndBackground',
		'rowOdd',
		'pieStrokeColor',
		'attributeBackgroundColorOdd',
	]),
	...all('text', [
		'primaryTextColor',
		'secondaryTextColor',
		'tertiaryTextColor',
		'textColor',
		'nodeTextColor',
		'titleColor',
		'actorTextColor',
		'signalTextColor',
		'labelTextColor',
		'loopTextColor',
		'noteTextColor',
		'classText',
		'stateLabelColor',
		'transitionLabelColor',
		'taskTextColor',
		'taskTextOutsideColor',
		'taskTextLightColor',
		'taskTextDarkColor',
		'taskTextClickableColor',
		'errorTextColor',
		'pieTitleTextColor',
		'pieSectionTextColor',
		'pieLegendTextColor',
		'relationLabelColor',
		'requirementTextColor',
		'scaleLabelColor',
		'branchLabelColor',
		'tagLabelColor',
		'commitLabelColor',
		'quadrant1TextFill',
		'quadrant2TextFill',
		'quadrant3TextFill',
		'quadrant4TextFill',
		'quadrantPointTextFill',
		'quadrantXAxisTextFill',
		'quadrantYAxisTextFill',
		'quadrantTitleFill',
		'vennTitleTextColor',
		'vennSetTextColor',
		...range(12).map((i) => `cScaleLabel${i}`),
	]),
	...all('line', [
		'lineColor',
		'arrowheadColor',
		'defaultLinkColor',
		'signalColor',
		'transitionColor',
		'specialStateColor',
		'relationColor',
		'archEdgeColor',
		'archEdgeArrowColor',
		'pieOuterStrokeColor',
		'actorLineColor',
		'vertLineColor',
		'doneTaskBorderColor',
		'emArrowhead',
		'emRelationStroke',
	]),
	...all('node', [
		'primaryColor',
		'mainBkg',
		'nodeBkg',
		'actorBkg',
		'labelBoxBkgColor',
		'stateBkg',
		'compositeTitleBackground',
		'personBkg',
		'requirementBackground',
		'tagLabelBackground',
		'taskBkgColor',
	]),
	...all('node-border', [
		'primaryBorderColor',
		'secondaryBorderColor',
		'nodeBorder',
		'actorBorder',
		'labelBoxBorderColor',
		'taskBorderColor',
		'personBorder',
		'requirementBorderColor',
		'compositeBorder',
		'tagLabelBorder',
		'activationBorderColor',
		'activeTaskBorderColor',
		'gradientStart',
	]),
	...all('cluster', [
		'tertiaryColor',
		'clusterBkg',
		'compositeBackground',
		'altBackground',
		'rectBkgColor',
		'sectionBkgColor',
		'rowEven',
		'attributeBackgroundColorEven',
		...range(5).map((i) => `surface${i}`),
	]),
	...all('cluster-border', [
		'tertiaryBorderColor',
		'border2',
		'clusterBorder',
		'flowContainerStroke',
		'archGroupBorderColor',
		'quadrantInternalBorderStrokeFill',
		'quadrantExternalBorderStrokeFill',
		'gradientStop',
		...range(5).map((i) => `surfacePeer${i}`),
	]),
	...all('label-bg', [
		'secondaryColor',
		'edgeLabelBackground',
		'relationLabelBackground',
		'labelBackgroundColor',
		'commitLabelBackground',
	]),
	...all('note', ['noteBkgColor']),
	...all('note-border', ['noteBorderColor']),
	...all('active', ['activationBkgColor', 'activeTaskBkgColor']),
	...all('done', ['doneTaskBkgColor', 'excludeBkgColor']),
	...all('grid', ['gridColor']),
	...all('critical', ['critBkgColor', 'errorBkgColor']),
	...all('critical-border', ['critBorderColor', 'todayLineColor']),
	...all('on-strong', [
		...range(8).map((i) => `gitInv${i}`),
		...range(8).map((i) => `gitBranchLabel${i}`),
	]),
	sectionBkgColor2: 'accent-0',
	quadrantPointFill: 'strong-0',
	...Object.fromEntries(range(8).map((i) => [`fillType${i}`, i === 0 ? 'node' : accent(i)])),
	...Object.fromEntries(range(12).map((i) => [`pie${i + 1}`, accent(i)])),
	...Object.fromEntries(range(8).map((i) => [`venn${i + 1}`, accent(i)])),
	...Object.fromEntries(range(4).map((i) => [`quadrant${i + 1}Fill`, accent(i)])),
	...Object.fromEntries(range(12).map((i) => [`cScale${i}`, accent(i)])),
	...Object.fromEntries(range(12).map((i) => [`cScalePeer${i}`, strong(i)])),
	...Object.fromEntries(range(12).map((i) => [`cScaleInv${i}`, strong(i)])),
	...Object.fromEntries(range(8).map((i) => [`git${i}`, strong(i)])),
};

/** The custom property a token is read from. */
function paletteProperty(token: DiagramToken): string {
	return `--wm-diagram-${token}`;
}

/**
 * `themeVariables` for mermaid's `base` theme: every colour variable a sentinel, so the drawing
 * holds nothing but palette colours (plus what a diagram's own `style`/`classDef` sets).
 */
export function paletteThemeVariables(): Record<string, unknown> {
	const value = (token: DiagramToken) => diagramPalette[token];
	return {
		...Object.fromEntries(
			Object.entries(mermaidVariables).map(([name, token]) => [name, value(token)]),
		),
		darkMode: false,
		// Opaque slices: text on a slice is measured against the slice's own colour.
		pieOpacity: '1',
		xyChart: {
			backgroundColor: value('bg'),
			...Object.fromEntries(
				[
					'titleColor',
					'dataLabelColor',
					'legendTextColor',
					'xAxisTitleColor',
					'xAxisLabelColor',
					'yAxisTitleColor',
					'yAxisLabelColor',
				].map((name) => [name, value('text')]),
			),
			...Object.fromEntries(
				['xAxisTickColor', 'xAxisLineColor', 'yAxisTickColor', 'yAxisLineColor'].map((name) => [
					name,
					value('line'),
				]),
			),
			plotColorPalette: range(8)
				.map((i) => value(strong(i)))
				.join(','),
		},
		radar: { axisColor: value('line'), graticuleColor: value('grid') },
	};
}

/** Sentinel (`#rrggbb`) → custom property, as `finishDiagramSvg` takes it. */
export function paletteSentinels(): Record<string, string> {
	return Object.fromEntries(
		Object.entries(diagramPalette).map(([token, light]) => [
			light,
			paletteProperty(token as DiagramToken),
		]),
	);
}

/**
 * Whether the diagram picks its own mermaid theme (`%%{init: {"theme": …}}%%`, or `theme:` in
 * its front matter). Such a diagram is drawn as its author asked, in fixed colours.
 */
export function namesOwnTheme(source: string): boolean {
	const directive = /%%\{\s*(?:init|initialize)\s*:([\s\S]*?)\}%%/.exec(source)?.[1] ?? '';
	if (/["']?theme["']?\s*:/.test(directive)) return true;
	const frontMatter = /^\s*---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '';
	return /^\s+theme\s*:/m.test(frontMatter);
}
