import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { svgFigure } from '../../diagrams/diagram-markup.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { repoRoot } from '../helpers/fixture.ts';

// A 900 × 300 drawing whose smallest text is 12 px: legible down to 825 px wide (11 / 12 × 900).
const svg = `<svg id="wm-a" width="100%" xmlns="http://www.w3.org/2000/svg" style="max-width: 900px;" viewBox="0 0 900 300" aria-roledescription="flowchart-v2"><rect width="900" height="300" style="fill: var(--wm-diagram-node)"/><text x="10" y="20" style="fill: var(--wm-diagram-text)">Primary</text></svg>`;
let browser: Browser;
let html: string;

beforeAll(async () => {
	const css = await readFile(join(repoRoot, 'src/styles/diagrams.css'), 'utf8');
	const figure = svgFigure(
		{ ok: true, svg, idBase: 'wm-a', textPx: 12, asParsed: false },
		'flowchart TD\n  A --> B',
		0,
	);
	html = `<!doctype html><html><head><style>${css}</style></head><body style="margin: 0"><main>${toHtml(figure)}</main></body></html>`;
	browser = await launchBrowser();
});

afterAll(async () => {
	await browser?.close();
});

async function open(options: {
	theme?: 'light' | 'dark';
	colorScheme?: 'light' | 'dark';
	width?: number;
	media?: 'print' | 'screen';
}): Promise<Page> {
	const context = await browser.newContext({
		colorScheme: options.colorScheme ?? 'light',
		viewport: { width: options.width ?? 1200, height: 800 },
	});
	const page = await context.newPage();
	await page.setContent(
		options.theme ? html.replace('<html>', `<html data-theme="${options.theme}">`) : html,
	);
	if (options.media) await page.emulateMedia({ media: options.media });
	return page;
}

const colours = (page: Page) =>
	page.evaluate(() =>
		['rect', 'text'].map(
			(tag) => getComputedStyle(document.querySelector(`.wm-diagram svg ${tag}`) as Element).fill,
		),
	);
const light = ['rgb(232, 241, 252)', 'rgb(28, 33, 40)'];
const dark = ['rgb(27, 43, 61)', 'rgb(230, 237, 243)'];

test.each([
	['the site theme is light', { theme: 'light' as const }, light],
	['the site theme is dark', { theme: 'dark' as const }, dark],
	[
		'the site theme is light on a dark system',
		{ theme: 'light' as const, colorScheme: 'dark' as const },
		light,
	],
	['no theme is set and the system is dark', { colorScheme: 'dark' as const }, dark],
	['printing from the dark theme', { theme: 'dark' as const, media: 'print' as const }, light],
])('colours the one SVG from the palette when %s', async (_name, options, expected) => {
	const page = await open(options);
	expect(await colours(page)).toEqual(expected);
	expect(await page.locator('.wm-diagram svg').count()).toBe(1);
	await page.context().close();
});

test('fits a diagram to a 390 px screen, whole and without sideways scrolling, with its actions above it', async () => {
	const page = await open({ width: 390 });
	const sizes = await page.evaluate(() => {
		const view = document.querySelector('.wm-diagram__view') as HTMLElement;
		const actions = document.querySelector('.wm-diagram__actions') as HTMLElement;
		return {
			svg: document.querySelector('.wm-diagram svg')?.getBoundingClientRect().width,
			view: view.clientWidth,
			scroll: view.scrollWidth,
			page: document.documentElement.scrollWidth,
			actionsBottom: actions.getBoundingClientRect().bottom,
			viewTop: view.getBoundingClientRect().top,
		};
	});
	expect(sizes.svg).toBe(390);
	expect([sizes.scroll, sizes.page]).toEqual([sizes.view, 390]);
	expect(sizes.actionsBottom).toBeLessThanOrEqual(sizes.viewTop);
	await page.context().close();
});

test('draws a diagram at its own size where it fits, with no sideways scroll', async () => {
	const page = await open({ width: 1200 });
	const sizes = await page.evaluate(() => {
		const view = document.querySelector('.wm-diagram__view') as HTMLElement;
		return {
			svg: document.querySelector('.wm-diagram svg')?.getBoundingClientRect(),
			view: view.clientWidth,
			scroll: view.scrollWidth,
		};
	});
	expect([sizes.svg?.width, sizes.svg?.height]).toEqual([900, 300]);
	expect(sizes.scroll).toBe(sizes.view);
	await page.context().close();
});

test('fits a diagram to the paper width in print', async () => {
	const page = await open({ width: 600, media: 'print' });
	const width = await page.evaluate(
		() => document.querySelector('.wm-diagram svg')?.getBoundingClientRect().width,
	);
	expect(width).toBeLessThanOrEqual(600);
	await page.context().close();
});

test('opens the diagram full size over the page without JavaScript', async () => {
	const page = await open({ width: 600 });
	await page.click('a.wm-diagram__open');
	const figure = await page.locator('figure.wm-diagram').boundingBox();
	expect(figure).toMatchObject({ x: 0, y: 0, width: 600, height: 800 });
	expect((await page.locator('.wm-diagram svg').boundingBox())?.width).toBe(900);
	const close = await page.locator('a.wm-diagram__close').boundingBox();
	expect([close?.width ?? 0, close?.height ?? 0].every((side) => side >= 44)).toBe(true);
	await page.click('a.wm-diagram__close');
	expect((await page.locator('figure.wm-diagram').boundingBox())?.height).toBeLessThan(800);
	await page.context().close();
});
