import { access, constants } from 'node:fs/promises';
import type { Browser } from 'playwright-core';

/**
 * Flags for every headless Chromium Waymark starts: no sandbox (containers and CI runners rarely
 * allow one), no GPU, and nothing that calls home. Browser tests launch with the same list.
 */
export const chromiumArgs = [
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

const defaultChromiumPath = '/usr/bin/chromium';

/** The configured executable (config `diagrams.chromium`, else `WAYMARK_CHROMIUM`), else Debian's `/usr/bin/chromium`. */
export function resolveChromiumPath(configured?: string): string {
	return configured ?? defaultChromiumPath;
}

export type LaunchResult = { ok: true; browser: Browser } | { ok: false; path: string; reason: string };

/** Starts headless Chromium at `path`. Never throws: a missing or broken browser is a result. */
export async function launchChromium(path: string): Promise<LaunchResult> {
	try {
		await access(path, constants.X_OK);
	} catch {
		return { ok: false, path, reason: 'no executable exists at that path' };
	}
	try {
		const { chromium } = await import('playwright-core');
		const browser = await chromium.launch({ executablePath: path, args: chromiumArgs, headless: true, timeout: 30_000 });
		return { ok: true, browser };
	} catch (error) {
		const first = ((error as Error).message ?? String(error)).split('\n')[0] ?? 'unknown error';
		return { ok: false, path, reason: `it failed to start (${first})` };
	}
}
