import { afterEach, beforeEach, expect, test } from 'vitest';
import { settlingKey } from '../../diagrams/cache.ts';
import { createDiagramService, toRendering } from '../../diagrams/diagram-service.ts';
import { diagramCacheKey } from '../../diagrams/mermaid-config.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

const config = {
	look: 'classic',
	layout: 'dagre',
	renderInCheck: true,
	chromium: '/nonexistent/chromium',
} as const;
let dir: string;

beforeEach(async () => {
	dir = await writeFixture({});
});

afterEach(async () => {
	await removeFixture(dir);
});

test('reports a missing browser once and leaves diagrams to the reader', async () => {
	const missing: Array<{ path: string; reason: string }> = [];
	const service = createDiagramService({
		config,
		cacheDir: dir,
		onBrowserMissing: (problem) => missing.push(problem),
	});
	const first = await service.renderAll(['flowchart TD\n  A --> B', 'pie\n  "a": 1']);
	await service.renderAll(['flowchart TD\n  C --> D']);
	expect(await service.get('flowchart TD\n  E --> F')).toBeUndefined();
	expect(missing).toEqual([
		{ path: '/nonexistent/chromium', reason: 'no executable exists at that path' },
	]);
	expect(service.mode).toBe('client');
	expect(first.stats).toMatchObject({ rendered: 0, cached: 0, client: 2 });
	expect(first.renderings.size).toBe(0);
	await service.close();
});

test('serves cached drawings without starting a browser', async () => {
	const source = 'flowchart TD\n  A --> B';
	const seed = createDiagramService({ config, cacheDir: dir });
	await seed.cache.set(diagramCacheKey(source, config), {
		ok: true,
		svg: '<svg id="wm-x"></svg>',
		textPx: 16,
	});
	let warned = 0;
	const service = createDiagramService({ config, cacheDir: dir, onBrowserMissing: () => warned++ });
	const { renderings, stats } = await service.renderAll([source, source]);
	expect(stats).toMatchObject({ rendered: 0, cached: 1, client: 0 });
	expect(renderings.get(source)).toMatchObject({
		ok: true,
		svg: '<svg id="wm-x"></svg>',
		textPx: 16,
	});
	expect([service.mode, warned]).toEqual(['svg', 0]);
	await service.close();
});

test('keeps a drawing error in the cache like a drawing', async () => {
	const source = 'gantt\n  dateFormat YYYY-MM-DD\n  Freeze :a1, 2026-13-45, 1d';
	const service = createDiagramService({ config, cacheDir: dir });
	await service.cache.set(diagramCacheKey(source, config), {
		ok: false,
		name: 'Error',
		message: 'Invalid date:2026-13-45',
	});
	const { renderings } = await service.renderAll([source]);
	expect(renderings.get(source)).toEqual({
		ok: false,
		error: { ok: false, name: 'Error', message: 'Invalid date:2026-13-45' },
	});
});

test('settles a drawing kept before drawings were kept as pages write them, or settled by other code, and keeps it so', async () => {
	const source = 'flowchart TD\n  A --> B';
	const key = diagramCacheKey(source, config);
	const seed = createDiagramService({ config, cacheDir: dir });
	// As a Chromium serializer writes it: a self-closed element, `>` in text.
	const drawn = '<svg id="wm-x"><rect width="1"/><text>a > b</text></svg>';
	const settled = {
		ok: true,
		svg: '<svg id="wm-x"><rect width="1"></rect><text>a > b</text></svg>',
		textPx: 16,
		asParsed: true,
		settledBy: settlingKey(),
	};
	for (const kept of [
		{ ok: true, svg: drawn, textPx: 16 } as const,
		{ ok: true, svg: drawn, textPx: 16, asParsed: true, settledBy: 'other code' } as const,
	]) {
		await seed.cache.set(key, kept);
		const service = createDiagramService({ config, cacheDir: dir });
		const { renderings } = await service.renderAll([source]);
		expect(renderings.get(source)).toMatchObject({ ok: true, svg: settled.svg, asParsed: true });
		expect(await service.cache.get(key)).toEqual(settled);
		await service.close();
	}
});

test('a drawing settled by other code is not carried as text before it is settled again', () => {
	const entry = {
		ok: true,
		svg: '<svg id="wm-x"><text>x</text></svg>',
		textPx: 16,
		asParsed: true,
		settledBy: 'other code',
	} as const;
	expect(toRendering('flowchart TD\n  A --> B', entry)).toMatchObject({
		ok: true,
		asParsed: false,
	});
	expect(
		toRendering('flowchart TD\n  A --> B', { ...entry, settledBy: settlingKey() }),
	).toMatchObject({ ok: true, asParsed: true });
});
