import { cp, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rules } from '../../checks/rules/index.ts';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { removeFixture, repoRoot, runCli, writeFixture } from '../helpers/fixture.ts';
import { diagramSamples } from './diagram-samples.ts';
import { auditDiagramText, type DiagramText } from './text-contrast.ts';

// Every type the bundled guidebooks and the test fixtures use, and the two the brief names besides.
const samples: Record<string, string> = {
	...diagramSamples,
	journey:
		'journey\n  title Restore a backup\n  section Prepare\n    Find the dump: 5: Ops\n    Stop writes: 3: Ops, DBA\n  section Restore\n    Load: 1: DBA\n    Verify: 4: Ops',
	timeline:
		'timeline\n  title Incident\n  section Night\n    2026-01 : Alert fires\n    2026-02 : Failover : Replica promoted\n  section Morning\n    2026-03 : Postmortem',
};
const types = Object.keys(samples);
// Identifiers wider than mermaid's 120 px wrapping width, in a flowchart, a state diagram and a mind map.
const identifiers = [
	'RESERVED_SUBDOMAINS',
	'request.state.tenant_id',
	'vso-db-credentials',
	'update_table_ownership.sql',
	'authentik-outpost-proxy',
];
const longNames = [
	`flowchart TD\n  a["Subdomain in ${identifiers[0]}?"] --> b["${identifiers[1]} set"]\n  b --> c["VSO refreshes ${identifiers[2]}"]`,
	`stateDiagram-v2\n  state "run ${identifiers[3]}" as run\n  [*] --> run\n  run --> [*]`,
	`mindmap\n  root((Auth))\n    ${identifiers[4]}`,
];

let root: string;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
	const off = Object.keys(rules)
		.map((id) => `${id}: off`)
		.join(', ');
	const fence = (source: string) => `\`\`\`mermaid\n${source}\n\`\`\`\n`;
	root = await writeFixture({
		'waymark.config.yaml': `diagrams:\n  cacheDir: ./diagram-cache\nchecks:\n  rules: { ${off} }\n`,
		'guidebooks/README.md':
			'# Diagrams\n\n- [Every type](types.md)\n- [Long names](long-names.md)\n- [Bundled guidebooks](bundled/README.md)\n',
		'guidebooks/types.md': `# Every type\n\n${types.map((type) => `## The ${type}\n\n${fence(samples[type] as string)}`).join('\n')}`,
		'guidebooks/long-names.md': `# Long names\n\n${longNames.map(fence).join('\n')}`,
	});
	await cp(join(repoRoot, 'guidebooks'), join(root, 'guidebooks/bundled'), { recursive: true });
	const built = await runCli(['build', '--root', 'guidebooks', '--out', 'dist'], { cwd: root });
	expect(built.code, built.stderr).toBe(0);
	server = await startServer({ dir: join(root, 'dist'), port: 0, host: '127.0.0.1' });
	browser = await launchBrowser();
	context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		isMobile: true,
		hasTouch: true,
	});
	page = await context.newPage();
});

afterAll(async () => {
	await context?.close();
	await browser?.close();
	await server?.close();
	if (root) await removeFixture(root);
});

const visit = async (route: string, theme: 'light' | 'dark' = 'light') => {
	await page.goto(new URL(route.replace(/^\//, ''), server.url).href);
	await page.evaluate((t) => (document.documentElement.dataset['theme'] = t), theme);
};
/** The drawn texts of a diagram, as `auditDiagramText` finds them. */
const dialogTexts =
	'.wm-diagram-dialog svg text, .wm-diagram-dialog svg foreignObject span, .wm-diagram-dialog svg foreignObject p';
const audit = async (index: number): Promise<DiagramText[]> =>
	page.evaluate(
		auditDiagramText,
		await page.locator('figure.wm-diagram').nth(index).elementHandle(),
	);

/** Routes of every built page that shows a drawn diagram. */
async function diagramRoutes(): Promise<string[]> {
	const dist = join(root, 'dist');
	const files = (await readdir(dist, { recursive: true })).filter((file) =>
		file.endsWith('index.html'),
	);
	const routes: string[] = [];
	for (const file of files)
		if ((await readFile(join(dist, file), 'utf8')).includes('class="wm-diagram__view"'))
			routes.push(`/${relative('.', file).replace(/index\.html$/, '')}`);
	return routes.sort();
}

test('draws each diagram once: one SVG per figure, on every page', async () => {
	const routes = await diagramRoutes();
	expect(routes).toContain('/bundled/erp/backup-and-recovery/');
	for (const route of routes) {
		await visit(route);
		const counts = await page.evaluate(() => [
			document.querySelectorAll('figure.wm-diagram').length,
			document.querySelectorAll('.wm-diagram__view > svg').length,
			document.querySelectorAll('[class*="wm-diagram__view--"]').length,
		]);
		expect(counts[1], route).toBe(counts[0]);
		expect(counts[2], route).toBe(0);
	}
});

describe('both themes from one SVG', () => {
	test.each(types)(
		'colours the %s from the site theme, its text at 4.5:1 or more in light and dark',
		async (type) => {
			const index = types.indexOf(type);
			await visit('/types/', 'light');
			const light = await audit(index);
			await page.evaluate(() => (document.documentElement.dataset['theme'] = 'dark'));
			const dark = await audit(index);
			expect(light.length, 'texts drawn').toBeGreaterThan(0);
			expect(dark.map((t) => t.text)).toEqual(light.map((t) => t.text));
			for (const text of [...light, ...dark])
				expect(text.ratio, `${text.text}: ${text.colour} on ${text.behind}`).toBeGreaterThanOrEqual(
					4.5,
				);
			// ZenUML draws its own light card in either theme; every other type changes colours with the site.
			const changed = light.filter(
				(t, i) => t.colour !== dark[i]?.colour || t.behind !== dark[i]?.behind,
			);
			if (type === 'zenuml') expect(changed).toEqual([]);
			else expect(changed.length).toBe(light.length);
		},
	);
});

test('fits every diagram to a 390 px phone, its actions above it; where that shrinks its text below 11 px, says so, and full size shows it legible', async () => {
	let shrunk = 0;
	let legible = 0;
	for (const route of await diagramRoutes()) {
		await visit(route);
		const figures = await page.locator('figure.wm-diagram').count();
		for (let index = 0; index < figures; index++) {
			const where = `${route} diagram ${index + 1}`;
			const smallest = Math.min(...(await audit(index)).map((t) => t.px));
			const layout = await page.evaluate((i) => {
				const figure = document.querySelectorAll('figure.wm-diagram')[i] as HTMLElement;
				const view = figure.querySelector('.wm-diagram__view') as HTMLElement;
				const actions = figure.querySelector('.wm-diagram__actions') as HTMLElement;
				return {
					scrolls: view.scrollWidth > view.clientWidth,
					actionsAbove: actions.getBoundingClientRect().bottom <= view.getBoundingClientRect().top,
					hint: figure.querySelector('.wm-diagram__hint')?.textContent ?? null,
				};
			}, index);
			expect([layout.scrolls, layout.actionsAbove], where).toEqual([false, true]);
			if (smallest >= 10.95) {
				legible++;
				expect(layout.hint, where).toBeNull();
				continue;
			}
			shrunk++;
			expect(layout.hint, where).toBe('Shrunk to fit the screen:');
			// Full size, one tap away: every text at 11 px or more; zoom in, one tap more, makes it larger.
			await page.locator('figure.wm-diagram').nth(index).locator('button.wm-diagram__open').click();
			// The smallest text on screen in the dialog, measured as the audit measures it (font size × the drawing's scale).
			const dialogText = async () =>
				page.evaluate(
					(selector) =>
						Math.min(
							...[...document.querySelectorAll(selector)]
								.filter(
									(element) =>
										(element.textContent ?? '').trim() !== '' &&
										element.getClientRects().length > 0,
								)
								.map((element) => {
									const matrix = (
										element instanceof SVGGraphicsElement
											? element
											: element.closest('foreignObject')
									)?.getScreenCTM();
									return (
										Number.parseFloat(getComputedStyle(element).fontSize) *
										(matrix ? Math.hypot(matrix.a, matrix.b) : 1)
									);
								}),
						),
					dialogTexts,
				);
			const full = await dialogText();
			expect(full, where).toBeGreaterThanOrEqual(10.95);
			await page.locator('.wm-diagram-dialog [data-zoom="in"]').click();
			expect(await page.locator('.wm-diagram-dialog__zoom output').textContent()).toBe('125 %');
			expect(await dialogText(), where).toBeCloseTo(full * 1.25, 0);
			await page.locator('button.wm-diagram-dialog__close').click();
			await expect
				.poll(() =>
					page.evaluate(
						() => document.querySelector<HTMLDialogElement>('dialog.wm-diagram-dialog')?.open,
					),
				)
				.toBe(false);
		}
	}
	// Positive controls: some diagrams are shrunk on a phone, some are not.
	expect(shrunk).toBeGreaterThan(0);
	expect(legible).toBeGreaterThan(0);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('opens a diagram full size in a dialog that holds focus, closes on Esc and on Back, and gives focus back', async () => {
	await visit('/bundled/erp/backup-and-recovery/');
	const focused = () =>
		page.evaluate(() => ({
			className: document.activeElement?.className ?? '',
			inDialog: Boolean(document.activeElement?.closest('dialog')),
		}));
	const isOpen = () =>
		page.evaluate(
			() => document.querySelector<HTMLDialogElement>('dialog.wm-diagram-dialog')?.open ?? false,
		);
	const opener = page.locator('button.wm-diagram__open').first();
	await opener.focus();
	await page.keyboard.press('Enter');
	expect(await isOpen()).toBe(true);
	expect(await page.locator('.wm-diagram-dialog__title').textContent()).toBe('Restore procedure');
	expect(await page.locator('.wm-diagram-dialog svg').count()).toBe(1);
	const close = await page.locator('button.wm-diagram-dialog__close').boundingBox();
	expect([close?.width ?? 0, close?.height ?? 0].every((side) => side >= 44)).toBe(true);
	expect(await focused()).toEqual({ className: 'wm-diagram-dialog__close', inDialog: true });
	for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab']) {
		await page.keyboard.press(key);
		expect((await focused()).inDialog, key).toBe(true);
	}
	await page.keyboard.press('Escape');
	await expect.poll(isOpen).toBe(false);
	expect(await focused()).toEqual({ className: 'wm-diagram__open', inDialog: false });
	expect(
		await page.locator('figure.wm-diagram').first().locator('.wm-diagram__view > svg').count(),
	).toBe(1);

	const url = page.url();
	await page.keyboard.press('Enter');
	expect(await isOpen()).toBe(true);
	await page.goBack();
	await expect.poll(isOpen).toBe(false);
	expect(page.url()).toBe(url);
	expect(await focused()).toEqual({ className: 'wm-diagram__open', inDialog: false });

	await page.keyboard.press('Enter');
	await page.click('button.wm-diagram-dialog__close');
	await expect.poll(isOpen).toBe(false);
	expect(page.url()).toBe(url);
});

test('keeps long identifiers whole: no label is split inside a word', async () => {
	await visit('/long-names/');
	const rows = await page.evaluate(() =>
		[...document.querySelectorAll('.wm-diagram svg text')].flatMap((text) => {
			const lines = text.querySelectorAll(':scope > tspan');
			return lines.length > 0
				? [...lines].map((line) => line.textContent ?? '')
				: [text.textContent ?? ''];
		}),
	);
	// Positive control: at mermaid's 120 px wrapping width, each of these would be split.
	const widths = await page.evaluate((words) => {
		const context = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
		context.font = '16px Inter';
		return words.map((word) => context.measureText(word).width);
	}, identifiers);
	for (const width of widths) expect(width).toBeGreaterThan(125);
	for (const identifier of identifiers) {
		expect(
			rows.filter((row) => row.includes(identifier)),
			identifier,
		).not.toEqual([]);
		for (const row of rows)
			if (row.includes(identifier.slice(0, 6))) expect(row, identifier).toContain(identifier);
	}
});
