import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, resolveChromiumPath } from '../../diagrams/chromium.ts';

/**
 * Debian's Chromium, driven by playwright-core (Playwright's own browser download cannot run here),
 * with the same executable lookup (`WAYMARK_CHROMIUM`) and the same no-call-home flags the diagram
 * renderer uses.
 */
export const chromiumPath = resolveChromiumPath(process.env.WAYMARK_CHROMIUM);

export { chromiumArgs };

export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}
