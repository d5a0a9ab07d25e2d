import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
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

/**
 * One Chromium for the tests of a file: launched before them, closed after. Called at the file's
 * top level; the browser is there from its first test on.
 */
export function browserForFile(): () => Browser {
	let browser: Browser | undefined;
	beforeAll(async () => {
		browser = await launchBrowser();
	}, 60_000);
	afterAll(async () => {
		await browser?.close();
	});
	return () => {
		if (!browser)
			throw new Error(
				"The file's browser is not launched: call browserForFile() at the top level.",
			);
		return browser;
	};
}

/**
 * Holds every request `page` makes to URLs matching `pattern` until `release()`: `asked` settles
 * when the first one is made. For the gaps a slow server or network leaves between two requests.
 */
export async function holdRequests(
	page: Page,
	pattern: string,
): Promise<{ asked: Promise<void>; release: () => void }> {
	let ask!: () => void;
	let release!: () => void;
	const asked = new Promise<void>((resolve) => (ask = resolve));
	const released = new Promise<void>((resolve) => (release = resolve));
	await page.route(pattern, async (route) => {
		ask();
		await released;
		await route.continue();
	});
	return { asked, release };
}
