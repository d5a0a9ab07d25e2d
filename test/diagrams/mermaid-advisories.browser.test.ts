import { expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { createDiagramRenderer } from '../../diagrams/render-page.ts';
import { browserForFile } from '../helpers/browser.ts';
import { advisories, readerReachable } from './mermaid-advisories.ts';

// Mermaid's published advisories of 2025 and 2026, replayed through the drawing tab a build uses:
// a drawing reaches the page whole, so nothing in it may run, load, or style what is beside it;
// no drawing may pollute the tab's prototypes; and a diagram that would hang is stopped by the
// tab's time limit (a notice on the page), the tab replaced, and the next diagram drawn.
const browser = browserForFile();
const timeoutMs = 12_000;

test.each(
	advisories
		.filter((advisory) => advisory.kind === 'markup')
		.flatMap((advisory) =>
			advisory.sources.map(
				(source, i) => [`${advisory.id} (${advisory.name}) #${i + 1}`, source] as const,
			),
		),
)(
	'%s: no markup of the drawing reaches a reader',
	async (_, source) => {
		const renderer = await createDiagramRenderer(browser(), parseConfig({}).diagrams, 1, {
			timeoutMs,
		});
		try {
			const [outcome] = await renderer.render([{ id: 'wm-advisory', source }]);
			// Either a drawing with nothing that reaches past it, or an error the page shows as a notice.
			if (outcome?.ok) expect(readerReachable(outcome.svg)).toEqual([]);
			else expect(outcome?.error.name).not.toBe('Timeout');
		} finally {
			await renderer.close();
		}
	},
	60_000,
);

test.each(
	advisories
		.filter((advisory) => advisory.kind === 'pollution')
		.flatMap((advisory) =>
			advisory.sources.map(
				(source, i) => [`${advisory.id} (${advisory.name}) #${i + 1}`, source] as const,
			),
		),
)(
	'%s: no prototype is polluted',
	async (_, source) => {
		const renderer = await createDiagramRenderer(browser(), parseConfig({}).diagrams, 1, {
			timeoutMs,
		});
		try {
			const [tab] = browser()
				.contexts()
				.flatMap((context) => context.pages())
				.slice(-1);
			const prototypeKeys = () =>
				tab?.evaluate(() =>
					[Object, Array, Function, String].map((type) =>
						Object.getOwnPropertyNames(type.prototype).sort().join(),
					),
				);
			const before = await prototypeKeys();
			const [outcome] = await renderer.render([{ id: 'wm-advisory', source }]);
			expect(outcome?.ok === true || outcome?.error.name !== 'Timeout').toBe(true);
			expect(await prototypeKeys()).toEqual(before);
			expect(
				await tab?.evaluate(() => (({}) as Record<string, unknown>)['polluted']),
			).toBeUndefined();
			// The control: a drawing after it is as it is without it.
			const [after] = await renderer.render([
				{ id: 'wm-after', source: 'flowchart LR\n  a --> b' },
			]);
			expect(after?.ok).toBe(true);
		} finally {
			await renderer.close();
		}
	},
	60_000,
);

test.each(
	advisories
		.filter((advisory) => advisory.kind === 'hang')
		.flatMap((advisory) =>
			advisory.sources.map(
				(source, i) => [`${advisory.id} (${advisory.name}) #${i + 1}`, source] as const,
			),
		),
)(
	'%s: is stopped in time, and the next diagram is drawn',
	async (_, source) => {
		const renderer = await createDiagramRenderer(browser(), parseConfig({}).diagrams, 1, {
			timeoutMs,
		});
		try {
			const started = Date.now();
			const [outcome, next] = await renderer.render([
				{ id: 'wm-advisory', source },
				{ id: 'wm-next', source: 'flowchart LR\n  a --> b' },
			]);
			expect(Date.now() - started).toBeLessThan(timeoutMs * 3);
			// Drawn (the loop is fixed upstream), or an error the page shows as a notice in its place.
			if (outcome?.ok) expect(readerReachable(outcome.svg)).toEqual([]);
			const again = next?.ok
				? next
				: (await renderer.render([{ id: 'wm-next', source: 'flowchart LR\n  a --> b' }]))[0];
			expect(again?.ok).toBe(true);
		} finally {
			await renderer.close();
		}
	},
	90_000,
);
