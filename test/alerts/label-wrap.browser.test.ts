import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { paintAlertsPart, type AlertNode } from '../../src/components/alerts/alert-paint.ts';
import { noAlerts, type AlertsSnapshot } from '../../core/alerts-snapshot.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { repoRoot } from '../helpers/fixture.ts';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

const escape = (text: string): string =>
	text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;');
const html = (node: AlertNode | string): string =>
	typeof node === 'string'
		? escape(node)
		: `<${node.tag} class="${node.className}"${Object.entries(node.attrs ?? {})
				.map(([k, v]) => ` ${k}="${escape(v)}"`)
				.join('')}>${node.children.map(html).join('')}</${node.tag}>`;

/** The "Firing now" list as `waymark serve` paints it, for one alert with these instances' labels. */
function firingNow(instances: Array<Record<string, string>>): string {
	const snapshot: AlertsSnapshot = {
		...noAlerts('not-configured'),
		state: 'ok',
		checkedAt: '2026-11-27T08:00:00Z',
		firing: [
			{
				name: 'DiskAlmostFull',
				severity: 'critical',
				summary: 'A disk is almost full',
				route: null,
				pageTitle: null,
				hash: '',
				state: 'firing',
				count: instances.length,
				since: '2026-11-27T07:00:00Z',
				instances: instances.map((labels) => ({
					labels,
					startsAt: '2026-11-27T07:00:00Z',
					state: 'firing' as const,
				})),
			},
		],
	};
	let items: AlertNode[] = [];
	paintAlertsPart(
		'firing-now',
		{
			data: () => undefined,
			setData: () => undefined,
			hide: () => undefined,
			text: () => undefined,
			list: (_className, nodes) => void (items = nodes),
		},
		snapshot,
		'/',
	);
	return `<ul class="wm-firing-list">${items.map(html).join('')}</ul>`;
}

// Labels as Prometheus gives them: a list longer than a phone's line, none longer than it.
const labels = [
	{
		alertname: 'DiskAlmostFull',
		severity: 'critical',
		instance: 'db-01.prod.lab:9100',
		job: 'node-exporter',
		mountpoint: '/var/lib/postgresql',
		device: '/dev/nvme0n1p3',
		team: 'database-operations',
	},
	{
		alertname: 'DiskAlmostFull',
		severity: 'warning',
		instance: 'db-02.prod.lab:9100',
		job: 'node-exporter',
		mountpoint: '/srv/backups',
	},
];

test.each([320, 390])(
	"on a %i px phone, a firing alert's labels wrap between labels, never inside a word",
	async (width) => {
		const css = (
			await Promise.all(
				['src/styles/site.css', 'src/components/alerts/alerts.css'].map((file) =>
					readFile(join(repoRoot, file), 'utf8'),
				),
			)
		).join('\n');
		const page = await browser.newPage({ viewport: { width, height: 800 }, isMobile: true });
		await page.setContent(
			`<!doctype html><html><head><meta name="viewport" content="width=device-width"><style>${css}</style></head><body><main class="prose">${firingNow(labels)}</main></body></html>`,
		);
		// Each label's text, found in the list whatever its markup, and the lines it is drawn on.
		const boxes = await page.evaluate(() =>
			[...document.querySelectorAll('.wm-instances code')].map((code) => {
				const texts: Array<{ node: Text; start: number }> = [];
				let whole = '';
				const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
				for (
					let node = walker.nextNode() as Text | null;
					node;
					node = walker.nextNode() as Text | null
				) {
					texts.push({ node, start: whole.length });
					whole += node.data;
				}
				const at = (offset: number): [Text, number] => {
					const found = [...texts].reverse().find((text) => text.start <= offset) as {
						node: Text;
						start: number;
					};
					return [found.node, offset - found.start];
				};
				const lines = (from: number, to: number): number => {
					const range = document.createRange();
					range.setStart(...at(from));
					range.setEnd(...at(to));
					return new Set(
						[...range.getClientRects()]
							.filter((rect) => rect.width > 0)
							.map((rect) => Math.round(rect.top)),
					).size;
				};
				let offset = 0;
				const labels = whole.split(', ').map((text) => {
					const counted = { text, lines: lines(offset, offset + text.length) };
					offset += text.length + 2;
					return counted;
				});
				return { lines: lines(0, whole.length), labels };
			}),
		);
		expect(boxes).toHaveLength(2);
		// The control: the lists are longer than the line, so they do wrap.
		expect(boxes[0]?.lines).toBeGreaterThan(1);
		for (const label of boxes.flatMap((box) => box.labels))
			expect(label.lines, `${label.text} at ${width} px`).toBe(1);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			width,
		);
		await page.close();
	},
);
