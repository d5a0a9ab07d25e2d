import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { openDiagramCache } from '../../diagrams/cache.ts';
import { diagramCacheKey, diagramSourceHash } from '../../diagrams/mermaid-config.ts';
import { diffRenderedHtml } from '../../preview/diff.ts';
import { createPageRenderer, type PageRenderer } from '../../preview/render.ts';
import { baseTree, headTree } from './git-fixture.ts';

let render: PageRenderer;

beforeAll(async () => {
	render = await createPageRenderer(
		{
			root: '/guidebooks',
			title: 'Runbooks',
			base: '/',
			editUrl: null,
		},
		{ trust: 'trusted', allowRawHtml: false },
	);
});

/** Renders both sides with the site's pipeline and diffs them. */
async function diff(base: string | undefined, head: string | undefined, path = 'page.md') {
	const result = diffRenderedHtml(
		base === undefined ? undefined : await render(base, path),
		head === undefined ? undefined : await render(head, path),
	);
	const { document } = parseHTML(`<body>${result.html}</body>`);
	const texts = (selector: string) =>
		[...document.querySelectorAll(selector)].map((e) => e.textContent ?? '');
	return { ...result, document, ins: texts('ins'), del: texts('del') };
}

describe('diffRenderedHtml', () => {
	test('marks exactly the inserted and deleted words of a changed page', async () => {
		const { ins, del, counts } = await diff(
			baseTree['guidebooks/erp/operations.md']!,
			headTree['guidebooks/erp/operations.md']!,
			'erp/operations.md',
		);
		expect(ins).toEqual(['worker', ' to pass', 'Check the logs', '6432', 'restart', 'weekly']);
		expect(del).toEqual([
			'service',
			'Drain the workers',
			'5432',
			'start',
			'nightly',
			'This paragraph goes away.',
		]);
		expect(counts).toEqual({ inserted: 1, deleted: 2, changed: 4 });
	});

	test('keeps removed list items, table cells and code lines where they stood', async () => {
		const { document } = await diff(
			baseTree['guidebooks/erp/operations.md']!,
			headTree['guidebooks/erp/operations.md']!,
			'erp/operations.md',
		);
		expect(
			[...document.querySelectorAll('li')].map((li) => `${li.className || '-'} ${li.textContent}`),
		).toEqual([
			'- Stop the queue',
			'waymark-del-block Drain the workers',
			'- Start the queue',
			'waymark-ins-block Check the logs',
		]);
		expect([...document.querySelectorAll('td')].map((td) => td.innerHTML)).toEqual([
			'db1',
			'<del>5432</del><ins>6432</ins>',
			'db2',
			'5432',
		]);
		expect([...document.querySelectorAll('pre .line')].map((line) => line.textContent)).toEqual([
			'systemctl stop erp',
			'systemctl startrestart erp',
		]);
		expect(document.querySelector('aside.callout del')?.textContent).toBe('nightly');
	});

	test('leaves an unchanged rendering unmarked even when the Markdown was re-wrapped', async () => {
		const { ins, del, counts } = await diff(
			'# T\n\nOne long\nsentence here.\n',
			'# T\n\nOne long sentence\nhere.\n',
		);
		expect([ins, del, counts]).toEqual([[], [], { inserted: 0, deleted: 0, changed: 0 }]);
	});

	test('marks every block of an added page inserted and of a removed page deleted', async () => {
		const page = '# Added\n\nFirst paragraph.\n\n- one item\n';
		const added = await diff(undefined, page);
		expect([added.ins, added.del]).toEqual([['First paragraph.', 'one item'], []]);
		const removed = await diff(page, undefined);
		expect([removed.ins, removed.del]).toEqual([[], ['First paragraph.', 'one item']]);
		expect(removed.document.querySelector('ul')?.className).toBe('waymark-del-block');
	});

	test('marks a whole added table row and a whole removed one', async () => {
		const table = (rows: string[]) =>
			`| Host | Role |\n| --- | --- |\n${rows.map((r) => `| ${r} |`).join('\n')}\n`;
		const { document, ins, del } = await diff(
			table(['db1 | primary', 'mail | relay']),
			table(['db1 | primary', 'db3 | replica']),
		);
		expect([ins, del]).toEqual([
			['db3', 'replica'],
			['mail', 'relay'],
		]);
		expect([...document.querySelectorAll('tbody tr')].map((tr) => tr.className || '-')).toEqual([
			'-',
			'waymark-del-block',
			'waymark-ins-block',
		]);
	});

	test('marks an added callout as a whole block', async () => {
		const { document, ins } = await diff(
			'# T\n\nIntro.\n',
			'# T\n\nIntro.\n\n> [!CAUTION]\n> Take a snapshot first.\n',
		);
		expect(ins).toEqual(['Caution', 'Take a snapshot first.']);
		expect(document.querySelector('aside.callout')?.classList.contains('waymark-ins-block')).toBe(
			true,
		);
	});

	test('shows a changed diagram before and after', async () => {
		const { document } = await diff(
			'```mermaid\ngraph TD; A-->B\n```\n',
			'```mermaid\ngraph TD; A-->C\n```\n',
		);
		const change = document.querySelector('.waymark-diagram-change');
		expect(change?.querySelector('.waymark-diagram-before del')?.textContent).toBe(
			'graph TD; A-->B',
		);
		expect(change?.querySelector('.waymark-diagram-after ins')?.textContent).toBe(
			'graph TD; A-->C',
		);
	});

	test('shows both versions of a changed diagram drawn when the diagram cache has them', async () => {
		const cacheDir = await mkdtemp(join(tmpdir(), 'waymark-diagram-cache-'));
		try {
			const { diagrams } = parseConfig({});
			const cache = openDiagramCache(cacheDir);
			for (const [source, label] of [
				['graph TD; A-->B', 'before'],
				['graph TD; A-->C', 'after'],
			] as const) {
				const svg = `<svg id="wm-${diagramSourceHash(source)}" role="img"><text>${label}</text></svg>`;
				await cache.set(diagramCacheKey(source, diagrams), { ok: true, svg, textPx: 16 });
			}
			const drawn = await createPageRenderer(
				{ root: '/guidebooks', title: 'Runbooks', base: '/', editUrl: null },
				{ trust: 'trusted', allowRawHtml: false },
				undefined,
				{ config: diagrams, cacheDir },
			);
			const result = diffRenderedHtml(
				await drawn('```mermaid\ngraph TD; A-->B\n```\n', 'page.md'),
				await drawn('```mermaid\ngraph TD; A-->C\n```\n', 'page.md'),
			);
			const { document } = parseHTML(`<body>${result.html}</body>`);
			const svgText = (side: string) =>
				[...document.querySelectorAll(`.waymark-diagram-${side} figure.wm-diagram svg`)].map(
					(svg) => svg.textContent,
				);
			expect(svgText('before')).toEqual(['before']);
			expect(svgText('after')).toEqual(['after']);
		} finally {
			await rm(cacheDir, { recursive: true, force: true });
		}
	});
});
