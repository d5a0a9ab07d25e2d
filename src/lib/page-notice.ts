import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';

/**
 * What the site shows instead of a page it does not render (`PageModel.notice`: too large, nested
 * too deeply): a warning callout saying why, pointing readers to the source. `notice` reads after
 * "it is a", e.g. "page of 50.0 MB, more than `checks.maxPageBytes` (2.0 MB)"; code spans in it
 * are shown as code.
 */
export function pageNoticeHtml(notice: string): string {
	const parts = notice.split('`').map((part, i) => (i % 2 === 1 ? h('code', part) : part));
	return toHtml(
		h('aside', { className: ['callout', 'callout-warning'], role: 'note', ariaLabel: 'Warning' }, [
			h('p', { className: ['callout-title'], dataPagefindIgnore: true }, [h('span', { className: ['callout-icon'], ariaHidden: 'true' }), 'Warning']),
			h('p', ['This page is not shown on the site: it is a ', ...parts, '. Read it in the repository, or ask its owner to split it.']),
		]),
	);
}
