import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { ElementContent } from 'hast';

/** `text` with its backtick spans as `<code>`. */
function withCode(text: string): ElementContent[] {
	return text
		.split('`')
		.map((part, i) => (i % 2 === 1 ? h('code', part) : { type: 'text', value: part }));
}

/** A warning callout (the same markup as a `> [!WARNING]` alert), titled for readers, ignored by search. */
function warningCallout(title: string, body: ElementContent[]): string {
	return toHtml(
		h(
			'aside',
			{ className: ['callout', 'callout-warning', 'wm-notice'], role: 'note', ariaLabel: title },
			[
				h('p', { className: ['callout-title'], dataPagefindIgnore: true }, [
					h('span', { className: ['callout-icon'], ariaHidden: 'true' }),
					title,
				]),
				...body,
			],
		),
	);
}

/**
 * What the site shows instead of a page it does not render (`PageModel.notice`: too large, nested
 * too deeply): a warning callout saying why, pointing readers to the source. `notice` reads after
 * "it is a", e.g. "page of 50.0 MB, more than `checks.maxPageBytes` (2.0 MB)"; code spans in it
 * are shown as code.
 */
export function pageNoticeHtml(notice: string): string {
	return warningCallout('Warning', [
		h(
			'p',
			withCode(
				`This page is not shown on the site: it is a ${notice}. Read it in the repository, or ask its owner to split it.`,
			),
		),
	]);
}

/** One problem of a page's frontmatter, as `frontmatter` findings say it. */
export interface FrontmatterNote {
	line: number;
	/** The finding's message and fix, e.g. "Unexpected `live` for `status`, …. Use one of `active`, …". */
	message: string;
}

/**
 * The notice at the top of a page whose frontmatter is broken: with `syntax`, none of it could be
 * read (invalid YAML); otherwise the keys listed were ignored. Each problem names its line, the
 * key and the fix.
 */
export function frontmatterNoticeHtml(notes: FrontmatterNote[], syntax: boolean): string {
	const lead = syntax
		? "This page's frontmatter is not valid YAML, so the page is shown without it:"
		: "This page's frontmatter has values the site cannot use, so they are ignored:";
	return warningCallout('Frontmatter problem', [
		h('p', [lead]),
		h(
			'ul',
			notes.map((note) => h('li', [`Line ${note.line}: `, ...withCode(note.message)])),
		),
	]);
}

/** The notice above a page that is not UTF-8, shown decoded as `from` (`windows-1252`), as GitHub shows it. */
export function encodingNoticeHtml(from: string): string {
	return warningCallout('Encoding problem', [
		h(
			'p',
			withCode(
				`This page's file is not UTF-8, so it is shown decoded as \`${from}\`, the encoding it appears to be in, as GitHub shows it. Some characters may be wrong; re-save the file as UTF-8.`,
			),
		),
	]);
}

/** The notice above an `.mdx` page MDX's grammar rejects, shown as Markdown instead. */
export function mdxNoticeHtml(error: { line: number; message: string }): string {
	return warningCallout('MDX problem', [
		h(
			'p',
			withCode(
				`This page is not valid MDX (line ${error.line}: ${error.message.replace(/\.$/, '')}), so it is shown as Markdown, its code as text.`,
			),
		),
	]);
}

/** What a page shows when rendering it failed (a bug in Waymark): the reason, and where to read it. */
export function renderFailureHtml(reason: string): string {
	return warningCallout('Warning', [
		h(
			'p',
			withCode(
				`This page could not be rendered (${reason}); this is a bug in Waymark, not in the page. Read it in the repository.`,
			),
		),
	]);
}

/** What an MDX page shows when its code threw while the page rendered: the reason, and where to read it. */
export function mdxRenderFailureHtml(reason: string): string {
	return warningCallout('MDX problem', [
		h(
			'p',
			withCode(
				`This page's MDX failed while rendering (${reason.replace(/\.$/, '')}), so its content is not shown. Read it in the repository.`,
			),
		),
	]);
}

/** The first line of what an error says, for a notice. */
export function errorReason(error: unknown): string {
	return (
		((error as Error | undefined)?.message ?? String(error))
			.split('\n')
			.find((line) => line.trim() !== '') ?? 'unknown error'
	);
}
