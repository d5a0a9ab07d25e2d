import { findingsAt, type DevFinding, type DevFindings } from '../../integration/dev-findings.ts';

/** The part of Vite's HMR client this uses. */
interface HotChannel {
	on(event: string, listener: (data: DevFindings) => void): void;
	send(event: string, data?: unknown): void;
}

const dismissedKey = 'waymark-dev-findings-dismissed';

// Its look comes with it: the built site's stylesheet carries nothing for dev.
const style = `
.wm-dev-findings { margin: 0 0 1rem; padding: 0.6rem 1rem; border-left: 4px solid #cf222e; background: color-mix(in srgb, #cf222e 7%, transparent); border-radius: 0 6px 6px 0; font-size: 0.9rem; }
.wm-dev-findings:not(:has([data-severity="error"])) { border-left-color: #9a6700; background: color-mix(in srgb, #9a6700 7%, transparent); }
.wm-dev-findings p { margin: 0 0 0.4rem; }
.wm-dev-findings ul { margin: 0 0 0.5rem; padding-left: 1.2rem; }
.wm-dev-findings li { overflow-wrap: anywhere; }
.wm-dev-where { font-variant-numeric: tabular-nums; font-weight: 600; }
.wm-dev-findings code { font-size: 0.8em; opacity: 0.8; }`;

/**
 * `waymark dev` only: the findings of the page on screen, on the page, above its content, in the
 * file's own line numbers, each with its rule; dismissible, and shown again when they change. A
 * page with none shows nothing. The server sends them when the page asks and after each save
 * (integration/dev-checks.ts).
 */
export function showDevFindings(hot: HotChannel): void {
	hot.on('waymark:findings', (findings) => render(findingsAt(findings, location.pathname)));
	hot.send('waymark:findings-wanted');
}

function render(findings: DevFinding[]): void {
	document.querySelector('.wm-dev-findings')?.remove();
	if (!document.querySelector('style[data-wm-dev-findings]')) {
		const sheet = document.createElement('style');
		sheet.dataset['wmDevFindings'] = '';
		sheet.textContent = style;
		document.head.append(sheet);
	}
	const signature = JSON.stringify(findings);
	if (
		findings.length === 0 ||
		sessionStorage.getItem(dismissedKey) === `${location.pathname} ${signature}`
	)
		return;
	const box = document.createElement('aside');
	box.className = 'wm-dev-findings';
	box.setAttribute('role', 'status');
	box.setAttribute('aria-label', 'Waymark findings on this page');
	const head = document.createElement('p');
	const errors = findings.filter((finding) => finding.severity === 'error').length;
	const strong = document.createElement('strong');
	strong.textContent = `${findings.length} ${findings.length === 1 ? 'finding' : 'findings'} on this page`;
	head.append(
		strong,
		` (${errors} ${errors === 1 ? 'error' : 'errors'}), at the file's line:column. Only you see this: \`waymark dev\`.`,
	);
	const list = document.createElement('ul');
	for (const finding of findings) {
		const item = document.createElement('li');
		item.dataset['severity'] = finding.severity;
		const where = document.createElement('span');
		where.className = 'wm-dev-where';
		where.textContent =
			`${finding.severity} ${finding.line === undefined ? '' : `${finding.line}:${finding.column ?? 1}`}`.trim();
		const rule = document.createElement('code');
		rule.textContent = finding.rule;
		item.append(where, ' ', finding.message, ' ', rule);
		list.append(item);
	}
	const dismiss = document.createElement('button');
	dismiss.type = 'button';
	dismiss.textContent = 'Dismiss';
	dismiss.addEventListener('click', () => {
		sessionStorage.setItem(dismissedKey, `${location.pathname} ${signature}`);
		box.remove();
	});
	box.append(head, list, dismiss);
	(document.querySelector('#content') ?? document.body).prepend(box);
}
