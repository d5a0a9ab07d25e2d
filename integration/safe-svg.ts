import { lazyModule } from '../core/lazy-module.ts';

// Loaded on the first SVG: linkedom is 150 modules, which a build that copies none never needs.
const linkedom = lazyModule<typeof import('linkedom')>('linkedom');

/** SVG elements that draw, group, style or describe; no `script`, no animation (it can rewrite links). */
const svgElements = new Set([
	'svg',
	'a',
	'circle',
	'clipPath',
	'defs',
	'desc',
	'ellipse',
	'filter',
	'g',
	'image',
	'line',
	'linearGradient',
	'marker',
	'mask',
	'metadata',
	'path',
	'pattern',
	'polygon',
	'polyline',
	'radialGradient',
	'rect',
	'stop',
	'style',
	'switch',
	'symbol',
	'text',
	'textPath',
	'title',
	'tspan',
	'use',
	'view',
	'feBlend',
	'feColorMatrix',
	'feComponentTransfer',
	'feComposite',
	'feConvolveMatrix',
	'feDiffuseLighting',
	'feDisplacementMap',
	'feDistantLight',
	'feDropShadow',
	'feFlood',
	'feFuncA',
	'feFuncB',
	'feFuncG',
	'feFuncR',
	'feGaussianBlur',
	'feImage',
	'feMerge',
	'feMergeNode',
	'feMorphology',
	'feOffset',
	'fePointLight',
	'feSpecularLighting',
	'feSpotLight',
	'feTile',
	'feTurbulence',
	// Labels of diagrams exported from mermaid and draw.io are HTML in a `foreignObject`.
	'foreignObject',
]);

/** HTML inside `foreignObject`: text and layout only. */
const htmlElements = new Set([
	'div',
	'span',
	'p',
	'br',
	'b',
	'i',
	'em',
	'strong',
	'u',
	's',
	'sub',
	'sup',
	'code',
	'pre',
	'ul',
	'ol',
	'li',
	'table',
	'thead',
	'tbody',
	'tr',
	'td',
	'th',
	'font',
	'img',
]);

/** Attributes holding a URL the browser may follow or load, under any namespace prefix (`xlink:href`, `x:href`). */
const urlAttribute = /^(?:[\w.-]+:)?(?:href|src|action|formaction)$/i;

function isSafeUrl(value: string, element: string): boolean {
	// Browsers ignore control characters and spaces in a scheme (`java\tscript:`).
	// eslint-disable-next-line no-control-regex -- matching them is the point
	const url = value.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
	if (url.startsWith('data:'))
		return (
			(element === 'image' || element === 'img' || element === 'feImage') &&
			/^data:image\/(?:png|jpe?g|gif|webp);/.test(url)
		);
	const scheme = /^([a-z][a-z0-9+.-]*):/.exec(url)?.[1];
	return scheme === undefined || scheme === 'http' || scheme === 'https' || scheme === 'mailto';
}

interface DomElement {
	localName: string;
	tagName: string;
	attributes: ArrayLike<{ name: string; value: string }>;
	children: ArrayLike<DomElement>;
	removeAttribute(name: string): void;
	remove(): void;
	toString(): string;
}

function clean(element: DomElement, inHtml: boolean): void {
	for (const child of Array.from(element.children)) {
		const name = child.tagName;
		const allowed = inHtml ? htmlElements.has(name.toLowerCase()) : svgElements.has(name);
		if (!allowed) {
			child.remove();
			continue;
		}
		for (const { name: attribute, value } of Array.from(child.attributes)) {
			if (/^on/i.test(attribute) || (urlAttribute.test(attribute) && !isSafeUrl(value, name)))
				child.removeAttribute(attribute);
		}
		clean(child, inHtml || name === 'foreignObject');
	}
}

/**
 * An SVG file from the tree without anything that runs: scripts, event handlers (`onload=`),
 * animations, `javascript:` and `data:` links (pictures excepted), processing instructions
 * (`<?xml-stylesheet?>`) and document types. A browser opening it on the site's origin draws it
 * and runs nothing. `undefined` when the file is not an SVG document.
 */
export function sanitizeSvg(text: string): string | undefined {
	const bare = text
		.replace(/<\?(?!xml\s)[\s\S]*?\?>/g, '')
		.replace(/<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>/gi, '');
	const root = new (linkedom().DOMParser)().parseFromString(bare, 'image/svg+xml')
		.documentElement as unknown as DomElement | null;
	if (root?.localName !== 'svg') return undefined;
	for (const { name } of Array.from(root.attributes))
		if (/^on/i.test(name)) root.removeAttribute(name);
	clean(root, false);
	return `<?xml version="1.0" encoding="UTF-8"?>\n${root.toString()}\n`;
}
