import { posix } from 'node:path';
import { rewriteHtmlUrls } from './offline-links.ts';

/** What every page of the copy is stamped with. */
export interface OfflineStamp {
	site: string;
	/** ISO time the site was built. */
	builtAt: string;
	/** Short commit id, when the tree is in a git repository. */
	commit?: string | undefined;
	/** ISO time of the status the pages show, when the build checked the site's probes. */
	statusAt?: string | undefined;
	/** The site declares probes, but the build checked none: the pages show them unknown. */
	statusUnchecked?: boolean | undefined;
}

/** `Offline copy of Ops guidebooks from 2026-11-23 08:03 UTC, commit abc1234. Status as of 2026-11-23 08:02 UTC, not live.` */
export function stampText(stamp: OfflineStamp): string {
	const commit = stamp.commit ? `, commit ${stamp.commit}` : '';
	const status = stamp.statusAt
		? ` Status as of ${utc(stamp.statusAt)}, not live.`
		: stamp.statusUnchecked
			? ' Status not checked when the site was built.'
			: '';
	return `Offline copy of ${stamp.site} from ${utc(stamp.builtAt)}${commit}.${status}`;
}

/**
 * What the stamp says of the status, from the build's `_waymark/status.json`: as of its time when
 * the build checked a probe, else that none was checked (a time would pass off "unknown" as the
 * state then); nothing for a site without probes.
 */
export function statusStamp(snapshot: {
	generatedAt?: unknown;
	probes?: unknown;
}): Pick<OfflineStamp, 'statusAt' | 'statusUnchecked'> {
	const probes = Array.isArray(snapshot.probes)
		? (snapshot.probes as Array<{ checkedAt?: unknown } | null>)
		: [];
	if (probes.length === 0) return {};
	const checked = probes.some((probe) => typeof probe?.checkedAt === 'string');
	return checked && typeof snapshot.generatedAt === 'string'
		? { statusAt: snapshot.generatedAt }
		: { statusUnchecked: true };
}

function utc(iso: string): string {
	return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const banner = /<p class="wm-offline-banner"[^>]*><\/p>/;

/**
 * One built page as the offline copy holds it: its site URLs relative file paths (`rewrite`), its
 * module scripts left out (`file://` runs none from a file; the status widget among them, so the
 * status stays as of the build), the stamp in its banner (components/OfflineBanner.astro) and the
 * copy's own search script (offline-script.ts) before `</body>`.
 */
export function offlinePage(
	html: string,
	file: string,
	stamp: OfflineStamp,
	rewrite: (url: string) => string,
): string {
	const root = posix.relative(posix.dirname(`/${file}`), '/');
	const up = root === '' ? '' : `${root}/`;
	const stamped = `<p class="wm-offline-banner" data-offline-banner role="note">${escapeHtml(stampText(stamp))}</p>`;
	let page = rewriteHtmlUrls(
		html.replace(/<script\b[^>]*\btype=["']?module\b[^>]*>[\s\S]*?<\/script\s*>/gi, ''),
		rewrite,
	);
	page = banner.test(page)
		? page.replace(banner, stamped)
		: page.replace(/<body([^>]*)>/i, `<body$1>${stamped}`);
	const script = `<script src="${up}_waymark/offline.js" data-root="${up}"></script>`;
	return page.includes('</body>')
		? page.replace(/<\/body>(?![\s\S]*<\/body>)/, `${script}</body>`)
		: page + script;
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
