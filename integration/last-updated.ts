import type { PageHeaderData } from '../markdown/page-meta.ts';
import { formatDay } from './reviews.ts';

const escaped = (text: string): string =>
	text.replace(
		/[&<>"]/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c,
	);

/**
 * The date a page's header shows as "Last updated", as HTML: one `<time>` element, or nothing.
 * Written by this function alone, for the page's template (`PageHeader.astro`) and for a build
 * that republishes a committed edit without Astro (`integration/patch-site.ts`), which replaces the
 * last build's element with this one: the same date, the same bytes.
 */
export function lastUpdatedHtml(
	header: Pick<PageHeaderData, 'lastUpdated' | 'lastUpdatedSource'>,
): string {
	if (!header.lastUpdated) return '';
	const title = header.lastUpdatedSource === 'git' ? ' title="Date of the last commit"' : '';
	return `<time datetime="${escaped(header.lastUpdated)}"${title}>${escaped(formatDay(header.lastUpdated))}</time>`;
}
