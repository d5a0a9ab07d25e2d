import type { Browser, Page } from 'playwright-core';

/** Layout shifts summed over a page's first seconds, each with the elements that moved, and the CSP violations seen. */
export interface Paint {
	cls: number;
	shifts: Array<{ value: number; sources: string[] }>;
	violations: string[];
}

/**
 * Loads `url` in a fresh context at `width`×`height` and sums layout shifts over the first 5 s;
 * records CSP violations (events and console messages). The caller closes `page.context()`.
 */
export async function firstFiveSeconds(
	browser: Browser,
	url: string,
	width: number,
	height: number,
): Promise<Paint & { page: Page }> {
	const context = await browser.newContext({ viewport: { width, height } });
	const page = await context.newPage();
	await page.addInitScript(() => {
		const w = window as unknown as { __paint: Paint };
		w.__paint = { cls: 0, shifts: [], violations: [] };
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries() as Array<
				PerformanceEntry & {
					value: number;
					hadRecentInput: boolean;
					sources?: Array<{ node?: Node | null }>;
				}
			>) {
				if (entry.hadRecentInput) continue;
				w.__paint.cls += entry.value;
				w.__paint.shifts.push({
					value: entry.value,
					sources: (entry.sources ?? []).map((s) =>
						s.node instanceof Element
							? `${s.node.localName}.${s.node.className}`
							: String(s.node?.nodeName),
					),
				});
			}
		}).observe({ type: 'layout-shift', buffered: true });
		document.addEventListener('securitypolicyviolation', (e) =>
			w.__paint.violations.push(`${e.violatedDirective} ${e.blockedURI}`),
		);
	});
	const messages: string[] = [];
	page.on('console', (m) => {
		if (/Content.Security.Policy/i.test(m.text())) messages.push(m.text());
	});
	const started = Date.now();
	await page.goto(url);
	await page.waitForTimeout(Math.max(0, 5000 - (Date.now() - started)));
	const paint = await page.evaluate(() => (window as unknown as { __paint: Paint }).__paint);
	return { ...paint, violations: [...paint.violations, ...messages], page };
}
