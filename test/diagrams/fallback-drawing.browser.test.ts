import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { paletteSentinels } from '../../diagrams/diagram-palette.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import { diagramSamples } from './diagram-samples.ts';
import { advisories, readerReachable } from './mermaid-advisories.ts';
import { auditDiagramText } from './text-contrast.ts';

// Without Chromium at build time, mermaid draws in the reader's browser: with the same palette,
// wrapping, names and viewer as the build's drawings.
const identifier = 'update_table_ownership.sql';
let root: string;
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	const fence = (source: string) => `\`\`\`mermaid\n${source}\n\`\`\`\n`;
	root = await writeFixture({
		'waymark.config.yaml': 'diagrams:\n  cacheDir: ./diagram-cache\n',
		'guidebooks/README.md': '# Home\n\n- [Fallback](fallback.md)\n- [Advisories](advisories.md)\n',
		// Mermaid's advisories, drawn in the reader's browser: a handler that ran would set the flag.
		'guidebooks/advisories.md': `# Advisories\n\n${advisories
			.flatMap((advisory) => advisory.sources)
			.map((source) =>
				fence(source.replaceAll(/alert\((?:document\.domain|\d)\)/g, 'window.__wmRan=1')),
			)
			.join('\n')}`,
		'guidebooks/fallback.md': `# Fallback\n\n${fence(diagramSamples.flowchart as string)}\n## Disk use\n\n${fence(diagramSamples.pie as string)}\n## Long names\n\n${fence(`flowchart TD\n  a["run ${identifier} now"] --> b[done]\n  b -->|"p99 > 2s"| c["2>&1 #quot;tee#quot;"]`)}`,
	});
	const built = await runCli(['build', '--root', 'guidebooks', '--out', 'dist'], {
		cwd: root,
		env: { WAYMARK_CHROMIUM: '/nonexistent/chromium' },
	});
	expect(built.code, built.stderr).toBe(0);
	server = await startServer({ dir: join(root, 'dist'), port: 0, host: '127.0.0.1' });
	browser = await launchBrowser();
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true,
	});
	page = await context.newPage();
	await page.goto(new URL('fallback/', server.url).href);
	await page.waitForFunction(
		() =>
			document.querySelectorAll('.wm-diagram__view > svg').length === 3 &&
			document.querySelectorAll('button.wm-diagram__open').length === 3,
		undefined,
		{ timeout: 60_000 },
	);
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
	if (root) await removeFixture(root);
});

test('draws every diagram in the browser as one named image of its kind', async () => {
	const names = await page.evaluate(() =>
		[...document.querySelectorAll('.wm-diagram__view > svg')].map((svg) => [
			svg.getAttribute('role'),
			svg.getAttribute('aria-roledescription'),
			document.getElementById(svg.getAttribute('aria-labelledby') ?? '')?.textContent?.trim(),
		]),
	);
	expect(names).toEqual([
		['img', 'flowchart', 'Database failover'],
		['img', 'pie chart', 'Disk use'],
		['img', 'flowchart', 'Long names'],
	]);
	expect(await page.locator('pre.mermaid').count()).toBe(0);
});

test('colours the drawings from the site theme: no palette sentinel left, fills change with the theme', async () => {
	const markup = (
		await page
			.locator('.wm-diagram__view')
			.evaluateAll((views) => views.map((v) => v.innerHTML).join(''))
	).toLowerCase();
	expect(markup).toContain('var(--wm-diagram-');
	for (const sentinel of Object.keys(paletteSentinels()))
		expect(markup, sentinel).not.toContain(sentinel);
	const fills = () =>
		page.evaluate(() =>
			[...document.querySelectorAll('.wm-diagram__view > svg')].map(
				(svg) =>
					getComputedStyle(svg.querySelector('.node rect, .node path, path.pieCircle') as Element)
						.fill,
			),
		);
	await page.evaluate(() => (document.documentElement.dataset['theme'] = 'light'));
	const light = await fills();
	await page.evaluate(() => (document.documentElement.dataset['theme'] = 'dark'));
	const dark = await fills();
	await page.evaluate(() => (document.documentElement.dataset['theme'] = 'light'));
	expect(
		light.every((fill, i) => fill !== dark[i]),
		`${light.join(' | ')} vs ${dark.join(' | ')}`,
	).toBe(true);
	for (const index of [0, 1, 2]) {
		const texts = await page.evaluate(
			auditDiagramText,
			await page.locator('figure.wm-diagram').nth(index).elementHandle(),
		);
		expect(texts.length).toBeGreaterThan(0);
		for (const text of texts)
			expect(text.ratio, `${text.text}: ${text.colour} on ${text.behind}`).toBeGreaterThanOrEqual(
				4.5,
			);
		// Fitted to the phone as the drawings a build makes are: text under 11 px only with the hint
		// that says so (full size is a tap away, `diagrams.browser.test.ts`).
		const hints = page.locator('figure.wm-diagram').nth(index).locator('.wm-diagram__hint');
		const hint = (await hints.count()) > 0 ? await hints.textContent() : null;
		if (Math.min(...texts.map((t) => t.px)) < 10.95)
			expect(hint, `diagram ${index + 1}`).toBe('Shrunk to fit the screen:');
	}
});

test('keeps a long identifier whole', async () => {
	const rows = await page.evaluate(() =>
		[
			...document.querySelectorAll(
				'.wm-diagram svg text tspan.text-outer-tspan, .wm-diagram svg text:not(:has(tspan))',
			),
		].map((t) => t.textContent ?? ''),
	);
	expect(rows.filter((row) => row.includes(identifier))).toHaveLength(1);
	for (const row of rows) if (row.includes('update_')) expect(row).toContain(identifier);
});

test("draws a label as the build does: a lone `>` and entity codes as mermaid's HTML label shows them", async () => {
	const rows = await page.evaluate(() =>
		[...document.querySelectorAll('.wm-diagram svg text tspan.text-outer-tspan')].map(
			(t) => t.textContent ?? '',
		),
	);
	expect(rows).toContain('p99 > 2s');
	expect(rows).toContain('2>&1 "tee"');
});

test('opens a drawing full size in the dialog, which Esc closes, giving focus back', async () => {
	await page.locator('button.wm-diagram__open').nth(1).focus();
	await page.keyboard.press('Enter');
	expect(await page.locator('dialog.wm-diagram-dialog[open] svg').count()).toBe(1);
	expect(await page.locator('.wm-diagram-dialog__title').textContent()).toBe('Disk use');
	await page.keyboard.press('Escape');
	await expect.poll(() => page.locator('dialog.wm-diagram-dialog[open]').count()).toBe(0);
	expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Open full size');
	expect(
		await page.locator('figure.wm-diagram').nth(1).locator('.wm-diagram__view > svg').count(),
	).toBe(1);
});

// Mermaid's advisories of 2025 and 2026 drawn in the reader's browser, where the build could not
// draw them: no markup of theirs runs, loads or styles beside the drawing, no prototype is
// polluted, and the page finishes drawing (none hangs the reader's tab).
test("draws the advisories' diagrams in the reader's browser without letting anything of them reach the reader", async () => {
	const advisoryPage = await page.context().newPage();
	const clean = await advisoryPage.evaluate(() =>
		Object.getOwnPropertyNames(Object.prototype).sort().join(),
	);
	await advisoryPage.goto(new URL('advisories/', server.url).href);
	const count = advisories.flatMap((advisory) => advisory.sources).length;
	// The viewer is set up once every block is drawn or left as its source (the build reported its
	// error): a diagram that hung the reader's tab would keep it from ever being set up.
	await advisoryPage.waitForFunction(
		() => document.querySelectorAll('button.wm-diagram__open').length > 0,
		undefined,
		{ timeout: 90_000 },
	);
	// Each block is a drawing, its source left by a drawing error, or the build's notice for one it found no diagram.
	expect(
		await advisoryPage.evaluate(
			() =>
				document.querySelectorAll('.wm-diagram__view > svg').length +
				document.querySelectorAll('figure pre.mermaid').length +
				document.querySelectorAll('figure.wm-diagram--failed').length,
		),
	).toBe(count);
	await advisoryPage.waitForLoadState('networkidle');
	const drawings = await advisoryPage.evaluate(() =>
		[...document.querySelectorAll('.wm-diagram__view > svg')].map((svg) => svg.outerHTML),
	);
	expect(drawings.length).toBeGreaterThan(count / 2);
	for (const svg of drawings) expect(readerReachable(svg)).toEqual([]);
	expect(
		await advisoryPage.evaluate(() => [
			(window as unknown as { __wmRan?: number }).__wmRan,
			({} as Record<string, unknown>)['polluted'],
			Object.getOwnPropertyNames(Object.prototype).sort().join(),
		]),
	).toEqual([undefined, undefined, clean]);
	await advisoryPage.close();
}, 120_000);
