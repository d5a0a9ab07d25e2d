import type { Heading, Nodes } from 'mdast';
import type { HeadingSlugger } from '../../markdown/site-tool.ts';
import { headingText, splitExplicitId } from '../../markdown/anchors.ts';

// As `@mdit-vue/shared`'s `slugify`, which VitePress gives markdown-it-anchor.
// eslint-disable-next-line no-control-regex
const control = /[\u0000-\u001f]/g;
const special = /[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'“”‘’<>,.?/]+/g;
const combining = /[\u0300-\u036F]/g;

/** A heading's id as VitePress spells it: accents and punctuation out, runs of them one `-`, a leading digit after `_` (`1. Upgrade` → `_1-upgrade`), lower case. */
export function vitepressSlug(text: string): string {
	return text
		.normalize('NFKD')
		.replace(combining, '')
		.replace(control, '')
		.replace(special, '-')
		.replace(/-{2,}/g, '-')
		.replace(/^-+|-+$/g, '')
		.replace(/^(\d)/, '_$1')
		.toLowerCase();
}

/** What the rewrite writes before a badge (`<Badge text="beta" />` → a word joiner, then `` `beta` ``), whose text VitePress leaves out of the heading's id (a component is no text of the heading). */
export const badgeMark = '\u2060';

/**
 * One per page: markdown-it-anchor's ids as VitePress configures it. The heading's text is its text
 * and inline code (markdown-it-anchor's `getTokensText`, no HTML and no badge), a trailing `{#id}`
 * sets the id, and a repeat gets `-1`, `-2` (`uniqueSlug`).
 */
export function vitepressHeadingSlugger(): HeadingSlugger {
	const taken = new Set<string>();
	return {
		next(heading) {
			const { text, id } = splitExplicitId(tokensText(heading));
			const slug = id ?? vitepressSlug(text);
			let unique = slug;
			for (let i = 1; taken.has(unique); i++) unique = `${slug}-${i}`;
			taken.add(unique);
			return { id: unique, text: splitExplicitId(headingText(heading)).text };
		},
	};
}

/** The text and inline code of a heading (no HTML), leaving out badges. */
function tokensText(heading: Heading): string {
	let text = '';
	const visit = (node: Nodes) => {
		if (node.type === 'inlineCode' && text.endsWith(badgeMark)) {
			text = text.slice(0, -badgeMark.length);
			return;
		}
		if (node.type === 'text' || node.type === 'inlineCode') text += node.value;
		if ('children' in node) for (const child of node.children) visit(child);
	};
	visit(heading);
	return text;
}
