import { parseHTML } from 'linkedom';

/**
 * Mermaid's published advisories of 2025 and 2026, as diagrams a page could hold: each names its
 * advisory and what it attacks. The sources follow each advisory's proof of concept, in the
 * spellings the diagram's grammar accepts (the exact one is not always published).
 */
export interface Advisory {
	id: string;
	name: string;
	kind: 'markup' | 'pollution' | 'hang';
	sources: string[];
}

export const advisories: Advisory[] = [
	{
		id: 'GHSA-8gwm-58g9-j8pw',
		name: 'architecture iconText passed to d3 html()',
		kind: 'markup',
		sources: [
			'architecture-beta\n  group api(cloud)[API]\n  service web "<img src=x onerror=alert(document.domain)>" [Web] in api',
			'architecture-beta\n  service web("<img src=x onerror=alert(document.domain)>")[Web]',
			'architecture-beta\n  service web(<img src=x onerror=alert(1)>)[<script>alert(2)</script>]',
		],
	},
	{
		id: 'GHSA-7rqq-prvp-x9jh',
		name: 'sequence labels with KaTeX passed to innerHTML',
		kind: 'markup',
		sources: [
			'sequenceDiagram\n  participant A as Alice<img src=x onerror=alert(1)>$$\\alpha$$\n  A->>A: $$\\beta$$<img src=x onerror=alert(2)>',
			'sequenceDiagram\n  A->>B: $$\\text{x}$$<svg onload=alert(3)></svg>\n  Note over A: $$x$$<iframe src="javascript:alert(4)"></iframe>',
		],
	},
	{
		id: 'GHSA-ghcm-xqfw-q4vr',
		name: 'CSS injection through classDef and style',
		kind: 'markup',
		sources: [
			'flowchart LR\n  A --> B\n  classDef evil fill:red;} body { background: url(https://evil.example/classdef) } .x {color:red\n  class A evil',
			'flowchart LR\n  A --> B\n  style A fill:red;} * { display: none } #x {color:red',
		],
	},
	{
		id: 'GHSA-xcj9-5m2h-648r',
		name: 'CSS injection through fontFamily',
		kind: 'markup',
		sources: [
			'%%{init: {"fontFamily": "x;} body { background: url(https://evil.example/font) } #y {"}}%%\nflowchart LR\n  A --> B',
			'%%{init: {"altFontFamily": "x} html { display: none } #y {"}}%%\nflowchart LR\n  A --> B',
		],
	},
	{
		id: 'GHSA-6x64-9x62-fgxq',
		name: 'themeCSS applying to the elements beside the diagram',
		kind: 'markup',
		sources: [
			'---\nconfig:\n  themeCSS: "& + * { background: red !important; position: fixed !important; inset: 0 !important; }"\n---\nflowchart LR\n  A --> B',
			'---\nconfig:\n  themeCSS: "& ~ * { display: none } :root { color: red } @import url(https://evil.example/import.css);"\n---\nflowchart LR\n  A --> B',
			'%%{init: {"themeCSS": "</style><script>alert(1)</script><style>"}}%%\nflowchart LR\n  A --> B',
		],
	},
	{
		id: 'GHSA-3rrr-jr9j-h3q3',
		name: 'prototype pollution in the architecture diagram',
		kind: 'pollution',
		sources: [
			'architecture-beta\n  service __proto__(database)[Polluted]\n  service polluted(server)[Server]\n  __proto__:R --> L:polluted',
			'architecture-beta\n  group __proto__(cloud)[Group]\n  service constructor(server)[Ctor] in __proto__',
		],
	},
	{
		id: 'GHSA-c4c3-pg64-4m4v',
		name: 'prototype pollution through the configuration',
		kind: 'pollution',
		sources: [
			'%%{init: {"__proto__": {"polluted": "yes"}}}%%\nflowchart LR\n  A --> B',
			'---\nconfig:\n  constructor:\n    prototype:\n      polluted: yes\n  __proto__:\n    polluted: yes\n---\nflowchart LR\n  A --> B',
			'%%{init: {"flowchart": {"__proto__": {"polluted": "yes"}}, "themeVariables": {"__proto__": {"polluted": "yes"}}}}%%\nflowchart LR\n  A --> B',
		],
	},
	{
		id: 'gantt excludes every day',
		name: 'Gantt denial of service (every day excluded)',
		kind: 'hang',
		sources: [
			'gantt\n  dateFormat YYYY-MM-DD\n  excludes monday, tuesday, wednesday, thursday, friday, saturday, sunday\n  section Restore\n  Replay the log :a1, 2026-01-01, 3d',
		],
	},
	{
		id: 'GHSA-2v8p-3f2j-5mp7',
		name: 'XY chart denial of service (an empty x-axis range)',
		kind: 'hang',
		sources: ['xychart\n  x-axis 1 --> 1\n  line [1, 2]'],
	},
	{
		id: 'GHSA-rhh3-jpg6-66xh',
		name: 'radar denial of service',
		kind: 'hang',
		sources: [
			'radar-beta\n  axis a, b, c\n  curve c1{1, 2, 3}\n  ticks 1000000000',
			'radar-beta\n  axis a, b, c\n  curve c1{1, 2, 3}\n  max 1e300\n  ticks 100000000',
		],
	},
];

/** Markup that would reach a reader from a drawing: script, event handlers, scripting URLs, loaded URLs, CSS reaching past the drawing. Empty when there is none. */
export function readerReachable(svg: string): string[] {
	const { document } = parseHTML(`<!doctype html><html><body>${svg}</body></html>`);
	const found: string[] = [];
	const root = document.querySelector('svg');
	const id = root?.getAttribute('id') ?? '';
	for (const element of document.querySelectorAll('*')) {
		const name = element.localName.toLowerCase();
		if (
			[
				'script',
				'iframe',
				'object',
				'embed',
				'img',
				'audio',
				'video',
				'form',
				'input',
				'link',
				'meta',
				'base',
			].includes(name)
		)
			found.push(`<${name}> element`);
		for (const { name: attribute, value } of element.attributes) {
			if (/^on/i.test(attribute)) found.push(`${attribute} on <${name}>`);
			if (/(?:^|:)(?:href|src|action)$/i.test(attribute) && !value.startsWith('#'))
				found.push(`${attribute}="${value}" on <${name}>`);
			if (attribute === 'style' && /url\(\s*['"]?(?!#)/i.test(value))
				found.push(`url() in a style attribute of <${name}>`);
		}
	}
	for (const style of document.querySelectorAll('style'))
		found.push(...cssReachingOut(style.textContent ?? '', id));
	return found;
}

/** Rules of `css` that reach outside the drawing `#id`, load something, or are no rule at all. */
function cssReachingOut(text: string, id: string): string[] {
	const found: string[] = [];
	// A quoted value (a font's name) is a value, whatever it holds.
	const css = text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
	if (/@import/i.test(css)) found.push('@import');
	if (/url\(\s*['"]?(?!#|data:)/i.test(css)) found.push('url() loading from elsewhere');
	// The preludes at the top level (selectors, at-rules), each block skipped whole, however deep.
	const preludes: string[] = [];
	let depth = 0;
	let prelude = '';
	for (const character of css) {
		if (character === '{') {
			if (depth === 0) preludes.push(prelude.trim());
			depth++;
			prelude = '';
		} else if (character === '}') depth = Math.max(0, depth - 1);
		else if (depth === 0) prelude += character;
	}
	for (const rule of preludes.filter((text) => !text.startsWith('@keyframes'))) {
		if (rule.startsWith('@')) {
			found.push(`at-rule \`${rule}\``);
			continue;
		}
		for (const selector of rule
			.split(',')
			.map((part) => part.trim())
			.filter(Boolean)) {
			// Inside the drawing: its own id, then a descendant, a child, a class, a state or an attribute of it.
			if (
				!id ||
				!selector.startsWith(`#${id}`) ||
				/^[+~]/.test(selector.slice(id.length + 1).trim())
			)
				found.push(`selector \`${selector}\` outside #${id}`);
		}
	}
	return found;
}
