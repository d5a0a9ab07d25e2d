import type { ContainerOpener } from './blocks.ts';

const opener = /^([ \t]*)(!!!|\?\?\?\+?)[ \t]*([\w-]+)(?:[ \t]+[\w-]+)*(?:[ \t]+"(.*)")?[ \t]*$/;

/**
 * A Python-Markdown admonition's first line (`!!! note "Title"`, and `pymdownx.details`'
 * collapsible `??? tip`, `???+ warning`) as the container directive the site renders as a
 * callout: `:::note[Title]`, `{notitle}` for `""`, `{collapse=closed|open}` for `???`/`???+`.
 */
export function admonitionOpener(line: string): ContainerOpener | undefined {
	const match = opener.exec(line);
	if (!match) return undefined;
	const [, indent = '', marker = '', type = 'note', title] = match;
	const attributes = [
		title === '' ? 'notitle' : '',
		marker === '???' ? 'collapse=closed' : marker === '???+' ? 'collapse=open' : '',
	].filter(Boolean);
	return { indent, directive: directive(type.toLowerCase(), title || undefined, attributes) };
}

/** `name[label]{attributes}`, the part of a container directive's first line after its colons. */
export function directive(
	name: string,
	label: string | undefined,
	attributes: readonly string[],
): string {
	return `${name}${label === undefined ? '' : `[${escapeLabel(label)}]`}${attributes.length > 0 ? `{${attributes.join(' ')}}` : ''}`;
}

/** A directive label is Markdown between brackets: unbalanced brackets would end it early. */
export function escapeLabel(text: string): string {
	return text.replace(/[[\]\\]/g, (char) => `\\${char}`);
}
