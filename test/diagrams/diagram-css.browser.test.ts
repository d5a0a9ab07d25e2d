import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { svgFigure } from '../../diagrams/diagram-markup.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { repoRoot } from '../helpers/fixture.ts';

const wide = (id: string, fill: string) => `<svg id="${id}" width="100%" xmlns="http://www.w3.org/2000/svg" style="max-width: 900px;" viewBox="0 0 900 300" aria-roledescription="flowchart-v2"><rect width="900" height="300" fill="${fill}"/></svg>`;
let browser: Browser;
let html: string;

beforeAll(async () => {
	const css = await readFile(join(repoRoot, 'src/styles/diagrams.css'), 'utf8');
	const figure = svgFigure({ ok: true, light: wide('wm-a-light', '#fff'), dark: wide('wm-a-dark', '#000'), idBase: 'wm-a' }, 'flowchart TD\n  A --> B', 0);
	html = `<!doctype html><html><head><style>${css}</style></head><body><main>${toHtml(figure)}</main></body></html>`;
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
});

async function open(options: { theme?: 'light' | 'dark'; colorScheme?: 'light' | 'dark'; width?: number; media?: 'print' | 'screen' }): Promise<Page> {
	const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light', viewport: { width: options.width ?? 1200, height: 800 } });
	const page = await context.newPage();
	await page.setContent(options.theme ? html.replace('<html>', `<html data-theme="${options.theme}">`) : html);
	if (options.media) await page.emulateMedia({ media: options.media });
	return page;
}

const visible = (page: Page) => page.evaluate(() => [...document.querySelectorAll('.wm-diagram__view')].filter((v) => getComputedStyle(v).display !== 'none').map((v) => v.className.split('--')[1]));

test.each([
	['the site theme is light', { theme: 'light' as const }, ['light']],
	['the site theme is dark', { theme: 'dark' as const }, ['dark']],
	['the site theme is light on a dark system', { theme: 'light' as const, colorScheme: 'dark' as const }, ['light']],
	['no theme is set and the system is dark', { colorScheme: 'dark' as const }, ['dark']],
	['printing from the dark theme', { theme: 'dark' as const, media: 'print' as const }, ['light']],
])('shows one variant when %s', async (_name, options, expected) => {
	const page = await open(options);
	expect(await visible(page)).toEqual(expected);
	await page.context().close();
});

test('scales a diagram down to a narrow screen, keeping its aspect ratio', async () => {
	const page = await open({ width: 360 });
	const box = await page.locator('.wm-diagram__view--light svg').boundingBox();
	expect(box?.width).toBeLessThanOrEqual(360);
	expect(Math.round(((box?.width ?? 0) / (box?.height ?? 1)) * 10) / 10).toBe(3);
	await page.context().close();
});

test('opens the diagram full size over the page without JavaScript', async () => {
	const page = await open({ width: 600 });
	await page.click('a.wm-diagram__open');
	const figure = await page.locator('figure.wm-diagram').boundingBox();
	expect(figure).toMatchObject({ x: 0, y: 0, width: 600, height: 800 });
	expect((await page.locator('.wm-diagram__view--light svg').boundingBox())?.width).toBeGreaterThanOrEqual(900);
	await page.click('a.wm-diagram__close');
	expect((await page.locator('figure.wm-diagram').boundingBox())?.height).toBeLessThan(800);
	await page.context().close();
});
