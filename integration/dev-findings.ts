/** One finding as `waymark dev` shows it on its page: the file's line and column, when it has them. */
export interface DevFinding {
	severity: 'error' | 'warning';
	rule: string;
	message: string;
	line?: number;
	column?: number;
}

/** What `waymark dev` sends its pages: each published page's findings, by the path it is served at (decoded, with the base). */
export interface DevFindings {
	byPage: Record<string, DevFinding[]>;
}

/** The findings of the page at `pathname` (as `location.pathname` has it, encoded), none when it has none. */
export function findingsAt(findings: DevFindings, pathname: string): DevFinding[] {
	let path: string;
	try {
		path = decodeURI(pathname);
	} catch {
		path = pathname;
	}
	return findings.byPage[path] ?? findings.byPage[path.endsWith('/') ? path : `${path}/`] ?? [];
}
