import { hrefForRoute } from '../markdown/routes.ts';
import { escapeHtml } from '../core/escape.ts';
import type { Finding } from '../checks/finding.ts';
import type { PageChange, PageChangeStatus } from './git.ts';

/** One changed page as the changes page, the banner and the pull-request comment see it. */
export interface PreviewPage {
	status: PageChangeStatus;
	path: string;
	route: string;
	from?: { path: string; route: string };
	/** Changed files the page pulls in or links to, when its own file did not change (`PageChange.through`). */
	through?: string[];
	title: string;
	/** Route of the rendered diff, e.g. `/_waymark/diff/erp/ops/`. */
	diffRoute: string;
	counts: { inserted: number; deleted: number; changed: number };
	/** The page changed too much to diff word by word; its diff page shows it whole. */
	whole?: true;
	findings: Finding[];
}

/** `_waymark/changes.json`: what a preview build compared, for CI and other tools. */
export interface PreviewManifest {
	version: 1;
	ref: string;
	commit: string;
	pages: PreviewPage[];
	/** Set when the checks could not run; the changes page says so instead of "no findings". */
	checksError?: string;
	/** Files that changed and are not pages (`PageChanges.others`), from the repository's top. */
	others: string[];
}

export const previewRoutes = {
	changes: '/_waymark/changes/',
	diffPrefix: '/_waymark/diff',
	stylesheet: '/_waymark/preview.css',
} as const;

/** The `<link>` to the preview's stylesheet, for the head of every page the preview touches. */
export function previewStylesheet(base: string): string {
	return `<link rel="stylesheet" href="${hrefForRoute(previewRoutes.stylesheet, base)}">`;
}

/**
 * The diff route of each change: `/_waymark/diff<route>`; a removed page whose route a current page
 * took over (`ops.md` removed, `ops/README.md` added) gets `/_waymark/diff-removed<route>`.
 */
export function diffRoutesFor(changes: readonly PageChange[]): Map<PageChange, string> {
	const current = new Set(changes.filter((c) => c.status !== 'removed').map((c) => c.route));
	return new Map(
		changes.map((c) => {
			const prefix =
				c.status === 'removed' && current.has(c.route)
					? `${previewRoutes.diffPrefix}-removed`
					: previewRoutes.diffPrefix;
			return [c, `${prefix}${c.route}`];
		}),
	);
}

const statusLabels: Record<PageChangeStatus, string> = {
	added: 'Added',
	changed: 'Changed',
	renamed: 'Renamed',
	removed: 'Removed',
};

/** The strip at the top of every page of a preview build. */
export function bannerHtml(manifest: PreviewManifest, base: string, diffRoute?: string): string {
	const n = manifest.pages.length;
	const parts = [
		`<span>Preview of changes since <code>${escapeHtml(manifest.ref)}</code></span>`,
		`<a href="${hrefForRoute(previewRoutes.changes, base)}">${n} ${n === 1 ? 'page' : 'pages'} changed</a>`,
		...(diffRoute
			? [`<a href="${hrefForRoute(diffRoute, base)}">What changed on this page</a>`]
			: []),
	];
	return `<div class="waymark-preview-banner" role="region" aria-label="Preview">${parts.join('')}</div>`;
}

/** A standalone page in the site's look: its stylesheets, the preview CSS, the banner, `body`. */
export function shellPage(options: {
	title: string;
	siteTitle: string;
	head: string;
	banner: string;
	body: string;
}): string {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(options.title)} · ${escapeHtml(options.siteTitle)}</title>
${options.head}
</head>
<body>
${options.banner}
<main class="waymark-preview-main">
${options.body}
</main>
</body>
</html>
`;
}

/**
 * The files that changed and are not pages (`PageChanges.others`), at most 20 named: a page that
 * pulls one in (a snippet, an include, a variable of the tool's settings) reads differently with
 * no change of its own.
 */
export function othersLine(others: readonly string[], code: (path: string) => string): string {
	const named = others.slice(0, 20).map(code).join(', ');
	const more = others.length > 20 ? `, and ${others.length - 20} more` : '';
	return `Also changed, not pages: ${named}${more}. A page that pulls one in (a snippet, an include, a variable of the settings) may read differently with no change of its own: open it in the preview.`;
}

/** The body of `/_waymark/changes/`: pages by status, each with its links and findings. */
export function changesBody(manifest: PreviewManifest, base: string): string {
	const sections: string[] = [`<h1>Changes since <code>${escapeHtml(manifest.ref)}</code></h1>`];
	const short = manifest.commit.slice(0, 12);
	sections.push(
		`<p>Compared with commit <code>${short}</code>, where this work left <code>${escapeHtml(manifest.ref)}</code>. ${summaryLine(manifest)}</p>`,
	);
	if (manifest.checksError)
		sections.push(
			`<p class="waymark-checks-error">The checks could not run: ${escapeHtml(manifest.checksError)}</p>`,
		);
	if (manifest.pages.length === 0) sections.push('<p>No page changed.</p>');
	if (manifest.others.length > 0)
		sections.push(
			`<p class="waymark-changes-others">${othersLine(manifest.others, (path) => `<code>${escapeHtml(path)}</code>`)}</p>`,
		);
	for (const status of ['added', 'changed', 'renamed', 'removed'] as const) {
		const pages = manifest.pages.filter((p) => p.status === status);
		if (pages.length === 0) continue;
		sections.push(
			`<h2 id="${status}">${statusLabels[status]} (${pages.length})</h2>`,
			`<ul class="waymark-changes waymark-changes-${status}">`,
		);
		for (const page of pages)
			sections.push(
				`<li data-path="${escapeHtml(page.path)}">${pageItem(page, base, manifest)}</li>`,
			);
		sections.push('</ul>');
	}
	return sections.join('\n');
}

function summaryLine(manifest: PreviewManifest): string {
	const counts = (['added', 'changed', 'renamed', 'removed'] as const)
		.map((s) => [s, manifest.pages.filter((p) => p.status === s).length] as const)
		.filter(([, n]) => n > 0)
		.map(([s, n]) => `${n} ${s}`);
	return counts.length > 0 ? `${counts.join(', ')}.` : '';
}

function pageItem(page: PreviewPage, base: string, manifest: PreviewManifest): string {
	const title = escapeHtml(page.title);
	const main =
		page.status === 'removed'
			? `<span class="waymark-page-title">${title}</span>`
			: `<a class="waymark-page-link" href="${hrefForRoute(page.route, base)}">${title}</a>`;
	const path = page.from
		? `<code>${escapeHtml(page.from.path)}</code> → <code>${escapeHtml(page.path)}</code>`
		: `<code>${escapeHtml(page.path)}</code>${throughText(page)}`;
	const diff = `<a class="waymark-diff-link" href="${hrefForRoute(page.diffRoute, base)}">rendered diff</a>`;
	const { inserted, deleted, changed } = page.counts;
	// A change to frontmatter or whitespace alone renders the same; say so rather than "0 edited".
	const counts = `<span class="waymark-counts">${page.whole ? 'changed too much to diff word by word' : changed + inserted + deleted === 0 ? 'no change in the rendered text' : `${changed} edited, ${inserted} inserted, ${deleted} deleted blocks`}</span>`;
	const findings =
		page.status === 'removed' || manifest.checksError ? '' : findingsList(page.findings);
	return `${main} ${path} · ${diff} · ${counts}${findings}`;
}

function findingsList(findings: Finding[]): string {
	if (findings.length === 0)
		return '<p class="waymark-findings waymark-no-findings">No findings.</p>';
	const items = findings.map((f) => {
		const where = f.position ? `${f.position.line}:${f.position.column} ` : '';
		const rule =
			f.url === undefined
				? escapeHtml(f.ruleId)
				: `<a href="${escapeHtml(f.url)}">${escapeHtml(f.ruleId)}</a>`;
		return `<li class="severity-${f.severity}">${where}<strong>${f.severity}</strong> ${escapeHtml(f.message)} (${rule})</li>`;
	});
	return `<ul class="waymark-findings">${items.join('')}</ul>`;
}

/** What the diff page shows above the page content: which page, since when, and the legend. */
export function diffIntro(page: PreviewPage, manifest: PreviewManifest, base: string): string {
	const what = page.from
		? `${escapeHtml(page.from.path)} → ${escapeHtml(page.path)}`
		: escapeHtml(page.path);
	const pageLink =
		page.status === 'removed' ? '' : ` · <a href="${hrefForRoute(page.route, base)}">the page</a>`;
	return `<div class="waymark-diff-intro"><p><strong>${statusLabels[page.status]}</strong> <code>${what}</code>${throughText(page)} since <code>${escapeHtml(manifest.ref)}</code>${pageLink} · <a href="${hrefForRoute(previewRoutes.changes, base)}">all changes</a></p><p class="waymark-diff-legend"><ins>Inserted</ins> and <del>deleted</del> text is marked; a changed diagram is shown before and after.</p></div>`;
}

/** ` through <code>snippets/x.md</code>`: why a page whose own file is the same is listed. */
function throughText(page: PreviewPage): string {
	return page.through
		? ` through ${page.through.map((file) => `<code>${escapeHtml(file)}</code>`).join(', ')}`
		: '';
}
