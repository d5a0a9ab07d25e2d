import { access, constants } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { errorLine } from '../core/error-line.ts';

/**
 * Flags for every headless Chromium Waymark starts: no sandbox (containers and CI runners rarely
 * allow one), no GPU, and nothing that calls home.
 */
const quietArgs = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-quic',
	'--disable-dev-shm-usage',
	'--no-first-run',
];

/**
 * What the browser tests launch with: no name is looked up but loopback's, so no DNS query leaves
 * the machine (Chromium asked the system's resolver for `accounts.google.com`). The rules apply to
 * addresses too: loopback's are excluded for the tests' servers.
 */
export const chromiumArgs = [
	...quietArgs,
	'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE [::1]',
];

/**
 * The drawing browser's own: no name or address resolves, and every connection it would open goes
 * to a proxy on a loopback port nothing listens on, loopback included (`<-loopback>`). The tabs are
 * served from memory (`render-page.ts`), and each context refuses any other request; this also
 * closes what no request interception sees (a preconnect, a prefetch). A diagram is the branch's
 * to write (`%%{init}%%` turns HTML labels on, `themeCSS` takes `url(…)`, an image shape takes a
 * URL), and a branch under review may not make the build reach the network.
 */
const drawingArgs = [
	...quietArgs,
	'--host-resolver-rules=MAP * ~NOTFOUND',
	'--proxy-server=http://127.0.0.1:9',
	'--proxy-bypass-list=<-loopback>',
	'--dns-prefetch-disable',
];

const defaultChromiumPath = '/usr/bin/chromium';

/** The configured executable (config `diagrams.chromium`, else `WAYMARK_CHROMIUM`), else Debian's `/usr/bin/chromium`. */
export function resolveChromiumPath(configured?: string): string {
	return configured ?? defaultChromiumPath;
}

export type LaunchResult =
	{ ok: true; browser: Browser } | { ok: false; path: string; reason: string };

/** Starts headless Chromium at `path`. Never throws: a missing or broken browser is a result. */
export async function launchChromium(path: string): Promise<LaunchResult> {
	try {
		await access(path, constants.X_OK);
	} catch {
		return { ok: false, path, reason: 'no executable exists at that path' };
	}
	try {
		const { chromium } = await import('playwright-core');
		const browser = await chromium.launch({
			executablePath: path,
			args: drawingArgs,
			headless: true,
			timeout: 30_000,
		});
		return { ok: true, browser };
	} catch (error) {
		const first = errorLine(error);
		return { ok: false, path, reason: `it failed to start (${first})` };
	}
}
