import { expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { createDiagramRenderer } from '../../diagrams/render-page.ts';
import { browserForFile } from '../helpers/browser.ts';

const browser = browserForFile();

test('a batch that runs out of time costs its own diagrams only: the next batch draws in a new tab', async () => {
	const renderer = await createDiagramRenderer(browser(), parseConfig({}).diagrams, 1, {
		timeoutMs: 3000,
	});
	try {
		expect(await renderer.ready()).toBeUndefined();
		// The one tab hangs on its next drawing, as a diagram that sends mermaid's layout into a loop would.
		const [tab] = browser()
			.contexts()
			.flatMap((context) => context.pages());
		await tab?.evaluate(() => {
			(globalThis as unknown as { mermaid: { render(): Promise<never> } }).mermaid.render = () =>
				new Promise<never>(() => {});
		});
		// 21 diagrams: a batch of 20 in the stuck tab, then one more.
		const jobs = Array.from({ length: 21 }, (_, i) => ({
			id: `wm-stuck${i}`,
			source: `flowchart LR\n  a${i} --> b${i}`,
		}));
		const outcomes = await renderer.render(jobs);
		expect(
			outcomes.slice(0, 20).map((outcome) => (outcome.ok ? 'drawn' : outcome.error.name)),
		).toEqual(Array.from({ length: 20 }, () => 'Timeout'));
		expect(outcomes[20]?.ok).toBe(true);
		// The stuck tab is gone; its replacement draws the next call too.
		expect(browser().contexts()).toHaveLength(1);
		expect(
			(await renderer.render([{ id: 'wm-after', source: 'flowchart LR\n  x --> y' }]))[0]?.ok,
		).toBe(true);
	} finally {
		await renderer.close();
	}
}, 60_000);

test('a sequence diagram draws the same whatever the tab drew before it (actor ids start afresh)', async () => {
	const renderer = await createDiagramRenderer(browser(), parseConfig({}).diagrams, 1);
	try {
		const restore = {
			id: 'wm-restore',
			source:
				'sequenceDiagram\n  participant ops as On-call\n  participant db as Database\n  ops->>db: stop writes\n  db-->>ops: ok',
		};
		const failover = {
			id: 'wm-failover',
			source:
				'sequenceDiagram\n  participant lb as Load balancer\n  participant app as App\n  participant replica as Replica\n  lb->>app: health check\n  app->>replica: promote',
		};
		const [alone] = await renderer.render([restore]);
		const [, after] = await renderer.render([failover, restore]);
		expect(alone?.ok && alone.svg).toContain('id="actor0"');
		expect(after?.ok && after.svg).toBe(alone?.ok && alone.svg);
	} finally {
		await renderer.close();
	}
}, 60_000);
