import { hrefForHugoRef, type HugoContent } from './ref.ts';

/**
 * The link a site's own shortcode names by the parameters sites name it with (a `button`, a
 * `card`): a page of the tree (`page`, `ref`: found as `ref` finds it) or a URL (`link`, `href`, `url`),
 * labelled by its `text`, `title`, `label` or `name`, else by where it leads. A reader then still
 * reaches where it leads, where a notice would hide it.
 */
export function linkOf(
	named: Readonly<Record<string, string>>,
	source: { path: string; pages: ReadonlySet<string>; content?: HugoContent },
): { href: string; label: string } | undefined {
	const page = named['page'] ?? named['ref'];
	const url = named['link'] ?? named['href'] ?? named['url'];
	// A page the tree does not hold (one elsewhere in the site's content, a path from its top the
	// root cannot see) may well exist on the site: the notice stays, never a link to report.
	const ref = page ? hrefForHugoRef(page, source.path, source.pages, source.content) : undefined;
	if (ref && !ref.found) return undefined;
	const href = ref ? ref.href : url;
	if (!href || href === '#') return undefined;
	return {
		href: encodeDestination(href),
		label: named['text'] ?? named['title'] ?? named['label'] ?? named['name'] ?? page ?? href,
	};
}

/** `href` as a Markdown link destination in `<…>`: the characters that would end one (`<`, `>`, whitespace) percent-encoded. */
const encodeDestination = (href: string): string => href.replace(/[<>\s]/g, encodeURIComponent);

/** `label` as a link's text: on one line, and no character Markdown would read as syntax (emphasis, code, HTML, brackets). */
export const escapeLinkText = (label: string): string =>
	label.replace(/[\r\n]+/g, ' ').replace(/[\\[\]<>*_`&!~|]/g, '\\$&');
