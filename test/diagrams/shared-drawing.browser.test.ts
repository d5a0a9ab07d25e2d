import { afterEach, beforeEach, expect, test } from 'vitest';
import { createDiagramService } from '../../diagrams/diagram-service.ts';
import { chromiumPath } from '../helpers/browser.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// `waymark build` shares one service between the checks and the site, which ask for the same
// diagrams at nearly the same time: each must be drawn once, and each caller answered.
const config = {
	look: 'classic',
	layout: 'dagre',
	renderInCheck: true,
	chromium: chromiumPath,
} as const;
let dir: string;

beforeEach(async () => {
	dir = await writeFixture({});
});
afterEach(async () => {
	await removeFixture(dir);
});

test('two calls asking for the same diagram at once draw it once, and both get it', async () => {
	const service = createDiagramService({ config, cacheDir: dir });
	const [a, b, c] = ['flowchart TD\n  A --> B', 'pie\n  "a": 1', 'flowchart LR\n  X --> Y'];
	const stored: string[] = [];
	const set = service.cache.set.bind(service.cache);
	service.cache.set = (key, value) => (stored.push(key), set(key, value));
	expect(await service.needsDrawing([a, b, c])).toBe(true);
	expect(await service.start()).toBe('svg');
	const [first, second] = await Promise.all([service.renderAll([a, b]), service.renderAll([b, c])]);
	// Each drawn once: three drawings stored for four asked.
	expect(stored).toHaveLength(3);
	expect([...first.renderings.keys()]).toEqual([a, b]);
	expect([...second.renderings.keys()]).toEqual([b, c]);
	expect(
		[...first.renderings.values(), ...second.renderings.values()].every(
			(r) => r.ok && r.svg.startsWith('<svg'),
		),
	).toBe(true);
	// What one call waited for counts as drawn for it too.
	expect(first.stats).toMatchObject({ rendered: 2, cached: 0, client: 0 });
	expect(second.stats).toMatchObject({ rendered: 2, cached: 0, client: 0 });
	expect(await service.needsDrawing([a, b, c])).toBe(false);
	// A call that comes after the drawing (the site asking once the checks are done) says the same,
	// with the time the drawing took, not its own 0 ms.
	const later = (await service.renderAll([a, c])).stats;
	expect(later).toMatchObject({ rendered: 2, cached: 0, client: 0 });
	expect(later.ms).toBeGreaterThanOrEqual(Math.min(first.stats.ms, second.stats.ms));
	expect(later.ms).toBeGreaterThan(0);
	expect(stored).toHaveLength(3);
	await service.close();
}, 60_000);

test('says which mode it starts in, and why there is no browser', async () => {
	const service = createDiagramService({
		config: { ...config, chromium: '/nonexistent/chromium' },
		cacheDir: dir,
	});
	expect(service.browserProblem).toBeUndefined();
	expect(await service.start()).toBe('client');
	expect(service.browserProblem).toEqual({
		path: '/nonexistent/chromium',
		reason: 'no executable exists at that path',
	});
	const { stats } = await service.renderAll(['flowchart TD\n  A --> B']);
	expect(stats).toMatchObject({ rendered: 0, cached: 0, client: 1 });
	await service.close();
});

test('two calls drawing different diagrams at once draw each as a call of its own would', async () => {
	// Different settings per call (wrapping widths, own theme) and ZenUML's first load in a tab, which
	// lets one call's batch pause mid-drawing: interleaved in one tab, they drew with each other's settings.
	const wide = [
		'zenuml\n  title Failover\n  Ops->DB.promote() {\n    return ok\n  }',
		...Array.from(
			{ length: 5 },
			(_, i) =>
				`flowchart LR\n  A${i}[Supercalifragilistic-replication-controller-${i}] --> B${i}[short]`,
		),
	];
	const themed = [
		'zenuml\n  title Other\n  A->B.go()',
		...Array.from(
			{ length: 6 },
			(_, i) => `%%{init: {"theme": "forest"}}%%\nflowchart LR\n  C${i}[c] --> D${i}[d node ${i}]`,
		),
	];
	const drawn = async (together: boolean) => {
		const cacheDir = await writeFixture({});
		const service = createDiagramService({ config, cacheDir });
		await service.start();
		const results = together
			? await Promise.all([service.renderAll(wide), service.renderAll(themed)])
			: [await service.renderAll(wide), await service.renderAll(themed)];
		await service.close();
		await removeFixture(cacheDir);
		return results.flatMap(({ renderings }) =>
			[...renderings.values()].map((r) => (r.ok ? r.svg : `error: ${r.error.message}`)),
		);
	};
	const alone = await drawn(false);
	expect(alone.filter((svg) => svg.startsWith('<svg'))).toHaveLength(wide.length + themed.length);
	expect(await drawn(true)).toEqual(alone);
}, 120_000);
