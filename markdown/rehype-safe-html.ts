import type { Element, Root } from 'hast';
import { raw } from 'hast-util-raw';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import type { VFile } from 'vfile';
import type { Trust } from '../core/trust.ts';
import { walkElements, walkHast } from './walk-hast.ts';

const wildcard = (defaultSchema.attributes?.['*'] ?? []).filter(
	(attribute) => attribute !== 'name',
);

/**
 * What a page's HTML may hold: GitHub's allow-list (`defaultSchema`: details/summary, kbd,
 * sup/sub, img, tables, anchors with ids, …) with a few more of GitHub's own tags, and the markup
 * Waymark's remark plugins make before this runs (status widgets, directive fallbacks, heading
 * ids, broken-link marks and MDX notices; the dialects' admonition callouts, `[[_TOC_]]` tables of contents, GitLab's pre-17.0
 * heading anchors, MkDocs content tabs and icon placeholders, `data-icon`). Ids keep their names, as on a forge page's anchors; `name` stays on links
 * only, where it cannot shadow `document` methods. Links may use http(s), mailto, tel, irc and
 * xmpp; images http(s) and `data:image/…`.
 */
const safeHtmlSchema: Schema = {
	...defaultSchema,
	clobber: [],
	clobberPrefix: '',
	tagNames: [
		...(defaultSchema.tagNames ?? []),
		'abbr',
		'aside',
		'bdo',
		'caption',
		'cite',
		'dfn',
		'figcaption',
		'figure',
		'mark',
		'nav',
		'small',
		'time',
		'u',
		'wbr',
	],
	strip: ['script', 'style', 'template', 'textarea', 'title'],
	attributes: {
		...defaultSchema.attributes,
		// A tag's own `className` list replaces the wildcard's: GitHub's footnote class, GitLab's legacy anchor, Waymark's broken-link mark.
		a: [
			...(defaultSchema.attributes?.['a'] ?? []).filter(
				(entry) => !(Array.isArray(entry) && entry[0] === 'className'),
			),
			['className', 'data-footnote-backref', 'legacy-anchor', 'wm-broken-link'],
			'name',
		],
		code: [...(defaultSchema.attributes?.['code'] ?? []), 'dataMeta'],
		'*': [
			...wildcard,
			[
				'className',
				/^wm-[a-z-]+$/,
				'visually-hidden',
				'directive',
				/^directive-[\w-]+$/,
				'callout',
				/^callout-[a-z]+$/,
				'toc-inline',
			],
			'dataProbe',
			'dataState',
			'dataPagefindIgnore',
			'dataIcon',
			'ariaLabel',
			'ariaHidden',
			'ariaDescribedBy',
			// Why a link is broken, from the checks (`rehype-broken-links.ts`, after this, turns it into the mark).
			'dataWmBroken',
			['role', 'group', 'note', 'img'],
		],
	},
	protocols: {
		...defaultSchema.protocols,
		href: [...(defaultSchema.protocols?.['href'] ?? []), 'tel'],
		src: [...(defaultSchema.protocols?.['src'] ?? []), 'data'],
	},
};

/**
 * Forge parity for raw HTML: parses it (`hast-util-raw`), then keeps what `safeHtmlSchema` allows.
 * Scripts, `on*` handlers, `<iframe>`, `<object>`, `<embed>`, `<style>` and `javascript:`,
 * `vbscript:` or `data:` links go, whether written plainly or entity-encoded (the parser decodes
 * first). Runs first among the site's rehype plugins, so Waymark's own markup added later (code
 * highlighting, callouts, copy buttons, diagrams) is not filtered. Off with `site.allowRawHtml`
 * in a trusted tree; a trusted `.mdx` page is code its team wrote and compiles as MDX, unfiltered.
 */
export function rehypeSafeHtml(options: { trust: Trust; allowRawHtml: boolean }) {
	return (tree: Root, file: VFile) => {
		if (options.trust === 'trusted' && (options.allowRawHtml || /\.mdx$/i.test(file.path ?? '')))
			return;
		let hasRaw = false;
		walkHast(tree, (node) => {
			if (node.type === 'raw') hasRaw = true;
			// hast-util-sanitize rebuilds elements without `data`; a code block's meta string (```sh title=x) survives as an attribute.
			if (node.type === 'element' && node.tagName === 'code' && typeof node.data?.meta === 'string')
				node.properties['dataMeta'] = node.data.meta;
		});
		const safe = sanitize(hasRaw ? raw(tree, { file }) : tree, safeHtmlSchema) as Root;
		walkElements(safe, (node) => {
			if (node.tagName === 'code' && typeof node.properties['dataMeta'] === 'string') {
				node.data = { ...node.data, meta: node.properties['dataMeta'] } as Element['data'];
				delete node.properties['dataMeta'];
			}
			// `data:` is for pictures only: an image cannot run what it holds, a document can.
			if (
				typeof node.properties['src'] === 'string' &&
				/^\s*data:/i.test(node.properties['src']) &&
				!/^\s*data:image\//i.test(node.properties['src'])
			)
				delete node.properties['src'];
		});
		tree.children = safe.children;
	};
}
