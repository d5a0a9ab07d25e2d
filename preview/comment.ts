import { hrefForRoute } from '../markdown/routes.ts';
import type { CheckReport } from '../checks/engine.ts';
import { markdownCode, markdownDestination, markdownText } from '../core/escape.ts';
import { PreviewUrlInvalid, raise } from '../core/errors.ts';
import type { Finding } from '../checks/finding.ts';
import { listPageChanges, type PageChange, type PageChanges } from './git.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';
import { diffRoutesFor, othersLine, previewRoutes } from './pages.ts';

/** Findings that mean a page no longer matches the systems it describes (from `--live`). */
const driftRuleIds = new Set(['probe-failed', 'hostname-drift']);

/**
 * The pull-request part of `check --changed-since REF --format markdown`: the changed pages, with
 * links into the preview when `previewUrl` is given (the page and its rendered diff), their
 * findings, and the probes of those pages when the run was `--live`. `named` turns a page's path
 * (from the root) into the name the comment shows: the report's findings name files from the
 * repository, and the table names them the same way.
 */
export function changedPagesMarkdown(
	changes: PageChanges,
	report: CheckReport,
	previewUrl?: string,
	named: (file: string) => string = (file) => file,
): string {
	const link = (route: string) =>
		previewUrl
			? markdownDestination(`${previewUrl.replace(/\/+$/, '')}${hrefForRoute(route)}`)
			: undefined;
	const lines = [
		`#### Changed pages since ${markdownCode(changes.ref, 'line')} (${changes.changes.length})`,
		'',
	];
	if (changes.changes.length === 0) lines.push('No page changed.');
	else {
		lines.push('| Page | Change | Findings | Diff |', '| --- | --- | --- | --- |');
		const diffRoutes = diffRoutesFor(changes.changes);
		const shown = rowsToShow(changes.changes, report);
		for (const change of shown) {
			const findings = report.findings.filter((f) => f.file === change.path);
			const name = change.from
				? `${markdownCode(named(change.from.path))} → ${markdownCode(named(change.path))}`
				: markdownCode(named(change.path));
			const page =
				change.status !== 'removed' && link(change.route)
					? `[${name}](${link(change.route)})`
					: name;
			const diffLink = link(diffRoutes.get(change) ?? '');
			const diff = diffLink ? `[diff](${diffLink})` : '—';
			const status = change.through
				? `${change.status} through ${change.through.map((file) => markdownCode(named(file))).join(', ')}`
				: change.status;
			lines.push(
				`| ${page} | ${status} | ${change.status === 'removed' ? '—' : countFindings(findings)} | ${diff} |`,
			);
		}
		const hidden = changes.changes.length - shown.length;
		if (hidden > 0) lines.push('', `…and ${hidden} more changed pages without findings.`);
	}
	if (changes.others.length > 0)
		lines.push(
			'',
			othersLine(changes.others, (path) => markdownCode(path, 'line')),
		);
	const allChanges = link(previewRoutes.changes);
	if (allChanges) lines.push('', `[Open the preview of all changes](${allChanges})`);
	lines.push(...driftSection(changes, report, named));
	return `${lines.join('\n')}\n`;
}

/** Forges cap a comment's length (GitHub: 65,536 characters); rows beyond this are summed up. */
const maxRows = 100;

/** Every change when they fit; else the pages with findings first, in order, then the others. */
function rowsToShow(changes: PageChange[], report: CheckReport): PageChange[] {
	if (changes.length <= maxRows) return changes;
	const withFindings = new Set(report.findings.map((f) => f.file));
	const first = changes.filter((c) => c.status !== 'removed' && withFindings.has(c.path));
	const rest = changes.filter((c) => !first.includes(c));
	const shown = new Set([...first, ...rest].slice(0, maxRows));
	return changes.filter((c) => shown.has(c));
}

/** `--preview-url` must be an absolute http(s) URL; checked before the checks run. */
export function assertPreviewUrl(url: string): void {
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}
	if (!parsed || !/^https?:$/.test(parsed.protocol)) throw raise(PreviewUrlInvalid, url);
}

/**
 * The changed-pages section for `check --changed-since REF --format markdown`, or `undefined` with
 * a warning on stderr when git cannot list the changes (the findings are still reported).
 */
export async function changedPagesSection(
	root: string,
	ref: string,
	report: CheckReport,
	previewUrl: string | undefined,
	warn: (line: string) => void,
	named?: (file: string) => string,
	tree?: GuidebookTree,
): Promise<string | undefined> {
	try {
		return changedPagesMarkdown(await listPageChanges(root, ref, tree), report, previewUrl, named);
	} catch (error) {
		warn(
			`Warning: the changed pages could not be listed (${(error as Error).message}); the comment shows the findings only.`,
		);
		return undefined;
	}
}

function countFindings(findings: Finding[]): string {
	if (findings.length === 0) return '✅ none';
	const errors = findings.filter((f) => f.severity === 'error').length;
	const warnings = findings.filter((f) => f.severity === 'warning').length;
	const parts = [
		errors && `${errors} error${errors === 1 ? '' : 's'}`,
		warnings && `${warnings} warning${warnings === 1 ? '' : 's'}`,
	].filter(Boolean);
	return `${errors > 0 ? '❌' : '⚠️'} ${parts.join(', ') || `${findings.length} note${findings.length === 1 ? '' : 's'}`}`;
}

function driftSection(
	changes: PageChanges,
	report: CheckReport,
	named: (file: string) => string,
): string[] {
	const paths = new Set(changes.changes.filter((c) => c.status !== 'removed').map((c) => c.path));
	const probes = (report.probes ?? []).filter((p) => paths.has(p.file));
	const drift = report.findings.filter((f) => driftRuleIds.has(f.ruleId) && paths.has(f.file));
	if (!report.probes && drift.length === 0) return [];
	const lines = ['', '#### Live probes on the changed pages', ''];
	if (probes.length === 0 && drift.length === 0)
		return [...lines, 'No probe is declared on the changed pages.'];
	if (probes.length > 0) {
		lines.push('| Probe | Page | Target | State | Detail |', '| --- | --- | --- | --- | --- |');
		for (const p of probes)
			lines.push(
				`| ${markdownCode(p.id)} | ${markdownCode(named(p.file))} | ${markdownText(p.target)} | ${p.ok ? '✅' : '❌'} ${p.state} | ${markdownText(p.message)} |`,
			);
	}
	if (drift.length > 0) {
		lines.push('', `**Drift** (the page no longer matches what runs):`, '');
		for (const f of drift)
			lines.push(
				`- ${markdownCode(`${named(f.file)}${f.position ? `:${f.position.line}` : ''}`, 'line')} ${markdownText(f.message, 'line')} (${markdownCode(f.ruleId, 'line')})`,
			);
	}
	return lines;
}
