import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import type { Page } from 'playwright-core';

/** The viewports every route is audited in: a phone and a laptop. */
export const viewports = {
	phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
	desktop: { viewport: { width: 1280, height: 800 } },
} as const;

/** Every page of a built site as a URL path (`/`, `/erp/`, `/404.html`), sorted; Pagefind's and Astro's assets left out. */
export async function builtRoutes(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
		.map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
		.filter((path) => !path.startsWith('pagefind/') && !path.startsWith('_astro/'))
		.map((path) => `/${path.replace(/(^|\/)index\.html$/, '$1')}`)
		.sort();
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Rules reported whatever axe's impact for them: landmarks with the same name (moderate). */
const alwaysReported = new Set(['landmark-unique']);

/**
 * Runs axe-core on the loaded page (the rules it enables by default: WCAG 2.x A/AA and best
 * practices, plus `target-size`, WCAG 2.2's 24 px minimum, which it leaves off) and returns its
 * serious and critical violations and those of `alwaysReported`, one line per node:
 * `rule-id (impact) selector: summary`.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
	// What the page's scripts decide at its first frames (a table that scrolls sideways becomes a
	// focusable region from a ResizeObserver) is there before a reader can reach it: audit after them.
	await page.evaluate(
		() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
	);
	if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
	const violations = await page.evaluate(async () => {
		const axe = (
			window as unknown as {
				axe: {
					run(
						context: Document,
						options: object,
					): Promise<{
						violations: Array<{
							id: string;
							impact: string | null;
							nodes: Array<{ target: unknown[]; failureSummary?: string }>;
						}>;
					}>;
				};
			}
		).axe;
		const result = await axe.run(document, {
			resultTypes: ['violations'],
			rules: { 'target-size': { enabled: true } },
		});
		return result.violations;
	});
	return violations
		.filter(
			(violation) =>
				violation.impact === 'serious' ||
				violation.impact === 'critical' ||
				alwaysReported.has(violation.id),
		)
		.flatMap((violation) =>
			violation.nodes.map(
				(node) =>
					`${violation.id} (${violation.impact}) ${node.target.join(' ')}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)}`,
			),
		);
}
