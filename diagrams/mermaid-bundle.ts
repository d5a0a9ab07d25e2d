import { readFile } from 'node:fs/promises';
import { mermaidPackage } from './mermaid-config.ts';

// Mermaid's config API copies its whole configuration (about 55 top-level keys, 33 of them objects:
// every diagram type's settings and the theme's 271 variables) as `assignWithDepth({}, config)`,
// about 80 times per flowchart of the build benchmark: 63 in `getConfig()`, the rest in
// `initialize`, `reset` and `render` (`updateCurrentConfig`, `setSiteConfig`). In the bundle the
// drawing tabs load:
// - a copy into a new empty object goes through `copyMermaidConfig`: the same result, one step per
//   section instead of key by key; merges into an object with keys keep mermaid's function;
// - `getConfig()` copies each section only when its caller first reads it (`lazy`).
// Drawing the benchmark's 100 flowcharts in one tab (renderer process CPU, median of 5 rotating
// runs): 4.6 s with both, 5.2 s with the first alone, 5.3 s with neither (bench/HISTORY.md, "Config
// copies in the drawing tab").
//
// Mermaid's definitions, exactly as its published bundle writes them. The lazy copy is sound only
// while `updateCurrentConfig` builds each new current config (`Uee`) from fresh copies and nothing
// else changes it, so that definition is checked too. The changes are swapped in only where all
// three are found once, as written; with any other mermaid the bundle is served as published,
// which draws the same diagrams, only slower, the build warns (`MermaidPatchMissing`), and
// test/diagrams/mermaid-bundle.test.ts fails so that the upgrade checks the copies against
// mermaid's new code. package.json pins mermaid exactly.
export const getConfigDefinition = 'ri=i(()=>Bh({},Uee),"getConfig")';
export const updateCurrentConfigDefinition =
	'gz=i((r,t)=>{let a=Bh({},r),s={};for(let h of t)ior(h),s=Bh(s,h);if(a=Bh(a,s),v5n(a,s),(!!s.theme||a.theme!==r.theme)&&a.theme&&Object.hasOwn(MT,a.theme)){let h=Bh({},xbe),f=Bh(h.themeVariables||{},s.themeVariables);a.themeVariables=MT[a.theme].getThemeVariables(f)}return Uee=a,x5n(Uee),Uee},"updateCurrentConfig")';
export const assignWithDepthDefinition =
	'sHe=i((r,t,{depth:a=2}={})=>{let s={depth:a};if(Array.isArray(t)&&!Array.isArray(r))return t.forEach(l=>sHe(r,l,s)),r;if(Array.isArray(t)&&Array.isArray(r))return t.forEach(l=>{r.includes(l)||r.push(l)}),r;if(r==null||a<=0)return r!=null&&typeof r=="object"&&typeof t=="object"?Object.assign(r,t):t;if(t!=null&&typeof r=="object"&&typeof t=="object"){let l=r;Object.entries(t).forEach(([h,f])=>{if(typeof f=="object"){if(f===null)return;Object.hasOwn(r,h)||Object.defineProperty(r,h,{value:void 0,writable:!0,enumerable:!0,configurable:!0}),l[h]===void 0&&(l[h]=Array.isArray(f)?[]:{}),typeof l[h]=="object"&&(l[h]=sHe(l[h],f,{depth:a-1}))}else typeof l[h]!="object"&&(Object.hasOwn(r,h)?l[h]=f:Object.defineProperty(r,h,{value:f,writable:!0,enumerable:!0,configurable:!0}))})}return r},"assignWithDepth"),Bh=sHe';

/**
 * What mermaid's `assignWithDepth({}, config, { depth: 2 })` returns, without its general
 * machinery: top-level values as they are, objects copied two levels deep (the third level
 * shallowly), arrays copied without repeated items, and keys whose value is `null` left out. Object
 * spread copies a section in one step, where mermaid defines its keys one by one.
 *
 * `lazy` copies each section when it is first read or written over instead (`getConfig()`'s
 * callers read one or two of its 33 objects). Reads, writes, `delete`, `in`, key order, spread and JSON give
 * what the eager copy gives, provided that the source's sections do not change before they are
 * first read, the copy is not frozen or sealed, and no object inherits from it (its setter would
 * write to the copy). Mermaid 12.3 meets all three (see the definitions above); until a section
 * is read, its descriptor shows a getter.
 * Self-contained: its source text runs inside the bundle.
 */
export function copyMermaidConfig(
	config: Record<string, unknown>,
	lazy = false,
): Record<string, unknown> {
	const list = (items: unknown[]): unknown[] => {
		const out: unknown[] = [];
		items.forEach((item) => void (out.includes(item) || out.push(item)));
		return out;
	};
	// One level as mermaid copies it: symbols and `null` left out, and anything else under
	// `__proto__` that is not an object (on a new object, `__proto__` reads as `Object.prototype`);
	// arrays without repeats; `object` decides what becomes of an object value.
	const copyLevel = (
		source: object,
		object: (target: Record<string, unknown>, name: string, value: object) => void,
	): Record<string, unknown> => {
		const target: Record<string | symbol, unknown> = { ...source };
		for (const name of Object.getOwnPropertySymbols(target)) delete target[name];
		for (const name of Object.keys(target)) {
			const value = target[name];
			if (typeof value !== 'object' || value === null) {
				if (value === null || name === '__proto__') delete target[name];
			} else if (Array.isArray(value)) target[name] = list(value);
			else object(target, name, value);
		}
		return target;
	};
	const copySection = (value: object) =>
		copyLevel(value, (section, name, inner) => (section[name] = Object.assign({}, inner)));
	return copyLevel(config, (copy, key, value) => {
		if (!lazy) {
			copy[key] = copySection(value);
			return;
		}
		const settle = (settled: unknown): unknown => (
			Object.defineProperty(copy, key, {
				value: settled,
				writable: true,
				enumerable: true,
				configurable: true,
			}),
			settled
		);
		Object.defineProperty(copy, key, {
			get: () => settle(copySection(value)),
			set: settle,
			enumerable: true,
			configurable: true,
		});
	});
}

type Assign = (target: unknown, source: unknown, options?: { depth?: number }) => unknown;

/**
 * `assign` (mermaid's `assignWithDepth`) with copies into a new empty object made by `copy`: the
 * fast path needs the default depth, a plain object with no keys as the target, and an object
 * that is not an array as the source. Self-contained: its source text runs inside the bundle.
 */
export function withCopyIntoEmpty(
	assign: Assign,
	copy: (config: Record<string, unknown>) => Record<string, unknown>,
): Assign {
	return (target, source, options) => {
		const intoEmpty =
			options === undefined &&
			typeof target === 'object' &&
			target !== null &&
			Object.getPrototypeOf(target) === Object.prototype &&
			Reflect.ownKeys(target).length === 0;
		if (!intoEmpty || typeof source !== 'object' || source === null || Array.isArray(source))
			return assign(target, source, options);
		const copied = copy(source as Record<string, unknown>);
		// `Object.assign` would set the target's prototype from an own `__proto__` key; mermaid defines it.
		return Object.hasOwn(copied, '__proto__')
			? assign(target, source, options)
			: Object.assign(target, copied);
	};
}

/**
 * `text` with copies into an empty object through `copyMermaidConfig` and a lazy `getConfig()`,
 * when mermaid's three definitions are the ones above.
 */
export function withFastConfigCopy(text: string): { text: string; patched: boolean } {
	const found = [
		assignWithDepthDefinition,
		getConfigDefinition,
		updateCurrentConfigDefinition,
	].every((definition) => text.split(definition).length === 2);
	if (!found) return { text, patched: false };
	const fast = assignWithDepthDefinition.replace(
		/Bh=sHe$/,
		`Bh=(${withCopyIntoEmpty.toString()})(sHe,${copyMermaidConfig.toString()})`,
	);
	const lazy = `ri=i(((copy)=>()=>copy(Uee,true))(${copyMermaidConfig.toString()}),"getConfig")`;
	return {
		text: text
			.replace(assignWithDepthDefinition, () => fast)
			.replace(getConfigDefinition, () => lazy),
		patched: true,
	};
}

// Sequence diagrams number their actors (`actor3`, `root-3`) with a counter that lives as long as
// the tab. Without a reset, a drawing's ids would depend on which sequence diagrams the tab drew
// before it, and two builds that split the diagrams over their tabs differently would write
// different HTML for the same page (and a reviewer's diff would show it). Mermaid's definition of
// the counter, as its published bundle writes it.
export const actorCounterDefinition = '"drawLabel"),bc=-1,';
/** The global the render page calls before each drawing, once a sequence diagram has loaded the counter. */
export const actorCounterResetName = '__waymarkResetActorCounter';

/** `text` with the sequence-actor counter reset by `globalThis[actorCounterResetName]()`, when its definition is the one above. */
export function withActorCounterReset(text: string): { text: string; patched: boolean } {
	if (text.split(actorCounterDefinition).length !== 2) return { text, patched: false };
	return {
		text: text.replace(
			actorCounterDefinition,
			() => `${actorCounterDefinition}globalThis.${actorCounterResetName}=()=>{bc=-1},`,
		),
		patched: true,
	};
}

// A label drawn as SVG text (`htmlLabels: false`: mermaid-config.ts says why) is cut into words by
// mermaid's `nonMarkdownToLines`, which keeps runs of characters other than spaces, `<` and `>`,
// and whole `<...>` tags. A `>` or `<` standing alone is in neither and was dropped: `p99 > 2s`
// was drawn as `p99 2s`, `if x >= 3` as `if x = 3`, `2>&1` as `2 &1`. Entity codes (`&quot;`)
// were drawn as written, and tags as text with spaces around them
// (https://github.com/mermaid-js/mermaid/issues/7016). The reference is the same label as
// mermaid's HTML label, its default: that is what `labelLines` draws, as words of SVG text.
/** `nonMarkdownToLines`, in each build mermaid publishes (minified or not). */
export const labelLinesDefinition =
	/function ([\w$]+)\(([\w$]+)\)\s*\{\s*return \2\.split\(\/\\\\n\|\\n\|<br\\s\*\\\/\?>\/gi\)\.map\(\s*\(?([\w$]+)\)?\s*=>\s*\3\.trim\(\)\.match\(\/<\[\^>\]\+>\|\[\^\\s<>\]\+\/g\)\?\.map\(\s*\(?([\w$]+)\)?\s*=>\s*\(\{\s*content:\s*\4,\s*type:\s*"normal"\s*\}\)\)\s*\?\?\s*\[\]\s*\);?\s*\}/g;

/**
 * One word of a label line as mermaid draws it: `strong` bold, `em` italic; `glued` when nothing
 * parts it from the word before (`<b>Note</b>:`), drawn without the space mermaid puts between
 * words (`withLabelText`).
 */
export interface LabelWord {
	content: string;
	type: 'normal' | 'strong' | 'em';
	glued?: true;
}

/**
 * The lines of words the HTML label of `label` shows, for mermaid's SVG text. As mermaid's HTML
 * label does: `\n` (typed or real) and `<br>` break the line, the rest is parsed as HTML (inert: a
 * template's content runs nothing and loads nothing) and its text shown, in bold inside `<b>` or
 * `<strong>`, in italics inside `<i>` or `<em>`, a block element (`<p>`, `<div>`, `<li>`) on lines
 * of its own. Words part at HTML's white space only. Each `&`, `<` and `>` is written as a
 * noncharacter that `decodeReferences` turns back, so neither its decoding nor a cut mermaid makes
 * in a word too long for its line can change it. Self-contained: its source text runs inside the
 * bundle, in the drawing tab or the reader's browser.
 */
export function labelLines(label: string): LabelWord[][] {
	const template = document.createElement('template');
	template.innerHTML = label.replace(/\\n|\n/g, '<br>');
	const lines: LabelWord[][] = [[]];
	const blocks =
		/^(?:address|article|aside|blockquote|dd|details|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|table|tr|ul)$/;
	// Whether the next text goes on with the line's last word (nothing parted them).
	let touching = false;
	const current = (): LabelWord[] => lines[lines.length - 1] as LabelWord[];
	const breakLine = (): void => {
		lines.push([]);
		touching = false;
	};
	const add = (text: string, type: LabelWord['type']): void => {
		for (const part of text.split(/([\t\n\f\r ]+)/)) {
			if (part === '') continue;
			if (/^[\t\n\f\r ]+$/.test(part)) {
				touching = false;
				continue;
			}
			const content = part.replace(/&/g, '\uFDD0').replace(/</g, '\uFDD1').replace(/>/g, '\uFDD2');
			const last = current().at(-1);
			if (touching && last && last.type === type) last.content += content;
			else current().push({ content, type, ...(touching && last && { glued: true as const }) });
			touching = true;
		}
	};
	const visit = (parent: Node, type: LabelWord['type']): void => {
		for (const node of Array.from(parent.childNodes)) {
			if (node.nodeType === Node.TEXT_NODE) add((node as Text).data, type);
			if (node.nodeType !== Node.ELEMENT_NODE) continue;
			const name = (node as Element).localName;
			if (name === 'br') breakLine();
			// What a page never shows as text.
			if (name === 'br' || name === 'script' || name === 'style' || name === 'template') continue;
			const block = blocks.test(name);
			if (block && current().length > 0) breakLine();
			visit(
				node,
				name === 'b' || name === 'strong' ? 'strong' : name === 'i' || name === 'em' ? 'em' : type,
			);
			if (block && current().length > 0) breakLine();
		}
	};
	visit(template.content, 'normal');
	// As in HTML, a line break or block at the very end adds no empty line.
	if (lines.length > 1 && current().length === 0) lines.pop();
	return lines;
}

/**
 * Mermaid's `decodeHTMLEntities`, which decodes `&amp;`, `&lt;` and `&gt;` in each word it draws
 * and leaves `&quot;` or `&#9829;` as written, where its HTML label shows the character. Both
 * kinds of label reach it: `labelLines`' words and those of a Markdown label (`"\`...\`"`, a mind
 * map's nodes), whose lexer keeps references as written. Its pattern is a constant where mermaid
 * publishes it and written in place where Vite pre-bundles it for `waymark dev`.
 */
export const wordDecoderDefinition =
	/function ([\w$]+)\(([\w$]+)\)\s*\{\s*(?:(?:let|const|var) ([\w$]+)\s*=\s*\/&\(amp\|lt\|gt\);\/g;\s*return \2\.replace\(\3,|return \2\.replace\(\/&\(amp\|lt\|gt\);\/g,)\s*\(([\w$]+),\s*([\w$]+)\)\s*=>\s*\{\s*switch\s*\(\5\)\s*\{\s*case\s*"amp":\s*return\s*"&";\s*case\s*"lt":\s*return\s*"<";\s*case\s*"gt":\s*return\s*">";\s*default:\s*return\s*\4;?\s*\}\s*\}\);?\s*\}/g;

/**
 * `text` with every character reference decoded as HTML does, and nothing else (a textarea's
 * content is text, so a tag in it stays text); then `labelLines`' noncharacters back to `&`, `<`
 * and `>`. Self-contained: its source text runs inside the bundle.
 */
export function decodeReferences(text: string): string {
	let decoded = text;
	if (text.includes('&')) {
		const area = document.createElement('textarea');
		area.innerHTML = text;
		decoded = area.value;
	}
	return decoded
		.replace(/\uFDD0/g, '&')
		.replace(/\uFDD1/g, '<')
		.replace(/\uFDD2/g, '>');
}

/**
 * Where mermaid's `updateTextContentAndStyles` puts a space before each word but the first, with
 * its word decoder (named `decoder`): one place in each build, where `withLabelText` leaves the
 * space out before a glued word.
 */
function wordSpaceDefinition(decoder: string): RegExp {
	return new RegExp(
		String.raw`\.text\(" "\s*\+\s*${decoder.replace(/\$/g, '\\$')}\(([\w$]+)\.content\)\)`,
		'g',
	);
}

/** Mermaid's `markdownToHTML`, which makes a Markdown label's HTML label (`"\`...\`"`, a mind map's nodes). */
export const markdownHtmlDefinition =
	/function ([\w$]+)\(([\w$]+),\s*\{\s*markdownAutoWrap(?::\s*[\w$]+)?\s*\}\s*=\s*\{\}\)\s*\{\s*(?:let|const|var) [\w$]+\s*=\s*[\w$.]+\.lexer\(\2\)/g;

/**
 * Where `createText` takes a label's words for SVG text: `markdownToLines` for a Markdown label,
 * `nonMarkdownToLines` (named `lines`) for the others. `withLabelText` gives a Markdown label the
 * words of its HTML label too: `labelLines` of what `markdownToHTML` makes of it. Mermaid's own
 * `markdownToLines` drew `WAL**bold**` as `WAL bold` and a tag as its text.
 */
function svgWordsDefinition(lines: string): RegExp {
	return new RegExp(
		String.raw`([\w$]+)\s*\?\s*([\w$]+)\(([\w$]+)\.replace\("<br>",\s*"<br\/>"\),\s*([\w$]+)\)\s*:\s*${lines.replace(/\$/g, '\\$')}\(\3\)`,
		'g',
	);
}

const once = (text: string, definition: RegExp | undefined): boolean =>
	definition !== undefined && [...text.matchAll(definition)].length === 1;

/**
 * `text` with mermaid's label words as its HTML label shows them: `nonMarkdownToLines` drawing
 * `labelLines`, a Markdown label drawn from its HTML (`svgWordsDefinition`), `decodeHTMLEntities`
 * decoding every character reference (`decodeReferences`), and no space before a glued word. All
 * or none, each where it is defined once as above: `labelLines` writes what only the new decoder
 * reads.
 */
export function withLabelText(text: string): { text: string; patched: boolean } {
	const decoder = text.match(new RegExp(wordDecoderDefinition.source))?.[1];
	const lines = text.match(new RegExp(labelLinesDefinition.source))?.[1];
	const markdownHtml = text.match(new RegExp(markdownHtmlDefinition.source))?.[1];
	const space = decoder === undefined ? undefined : wordSpaceDefinition(decoder);
	const svgWords = lines === undefined ? undefined : svgWordsDefinition(lines);
	const found = [
		wordDecoderDefinition,
		labelLinesDefinition,
		markdownHtmlDefinition,
		space,
		svgWords,
	].every((definition) => once(text, definition));
	if (!found || space === undefined || svgWords === undefined) return { text, patched: false };
	const withLines = text.replace(
		labelLinesDefinition,
		(_, name: string, label: string) =>
			`function ${name}(${label}){return(${labelLines.toString()})(${label})}`,
	);
	const withMarkdown = withLines.replace(
		svgWords,
		(_, markdown: string, _markdownLines: string, label: string, config: string) =>
			`${markdown}?${lines}(${markdownHtml}(${label},${config})):${lines}(${label})`,
	);
	const withDecoder = withMarkdown.replace(
		wordDecoderDefinition,
		(_, name: string, word: string) =>
			`function ${name}(${word}){return(${decodeReferences.toString()})(${word})}`,
	);
	return {
		text: withDecoder.replace(
			space,
			(_, word: string) => `.text((${word}.glued?"":" ")+${decoder}(${word}.content))`,
		),
		patched: true,
	};
}

/** Whether each change to mermaid's bundle applied; one that did not names the definition it missed. */
export interface BundlePatches {
	text: string;
	fastConfigCopy: boolean;
	actorCounterReset: boolean;
	labelText: boolean;
	/** One line per change that did not apply: what it is, why, and what is done instead. */
	problems: string[];
}

/** Applies the changes to mermaid's published bundle `text`, saying which did not apply and why. */
export function patchMermaidBundle(text: string, version: string): BundlePatches {
	const fast = withFastConfigCopy(text);
	const reset = withActorCounterReset(fast.text);
	const labels = withLabelText(reset.text);
	const problems: string[] = [];
	if (!fast.patched)
		problems.push(
			`mermaid ${version} does not define getConfig, assignWithDepth and updateCurrentConfig as Waymark expects, so the faster config copy is left out: diagrams draw the same, about 12 % slower`,
		);
	if (!reset.patched)
		problems.push(
			`mermaid ${version} does not define the sequence-actor counter as Waymark expects (\`${actorCounterDefinition}\`), so it cannot be reset between drawings: each sequence diagram is drawn in a fresh tab instead, the same drawing, more slowly`,
		);
	if (!labels.patched)
		problems.push(
			`mermaid ${version} does not define nonMarkdownToLines, markdownToHTML, decodeHTMLEntities and createText's use of them as Waymark expects, so labels are drawn by mermaid's own: a \`<\` or \`>\` standing alone in a label may be missing from the drawing, and entity codes drawn as written`,
		);
	return {
		text: labels.text,
		fastConfigCopy: fast.patched,
		actorCounterReset: reset.patched,
		labelText: labels.patched,
		problems,
	};
}

let bundle: Promise<BundlePatches> | undefined;

/** Mermaid's browser bundle as the drawing tabs load it, with what applied (read once per process). */
export function drawingBundle(): Promise<BundlePatches> {
	bundle ??= readFile(mermaidPackage.browserBundle, 'utf8').then((text) =>
		patchMermaidBundle(text, mermaidPackage.version),
	);
	return bundle;
}
