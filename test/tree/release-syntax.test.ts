import { afterAll, beforeAll, expect, test } from 'vitest';
import { runChecks } from '../../checks/engine.ts';
import { parseConfig } from '../../config/load-config.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { releaseSyntaxTrees } from '../../tree/release-syntax.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

let dir: string;

beforeAll(async () => {
	dir = await writeFixture({
		'README.md': '# Ops\n\nSee [backup](backup.md#restore).\n',
		'backup.md': '# Backup\n\n## Restore\n\n:status{probe=erp}\n',
	});
});

afterAll(async () => {
	await removeFixture(dir);
});

test('drops every syntax tree and keeps the facts a build reads after the checks', async () => {
	const tree = await loadGuidebookTree(dir);
	const before = tree.pages.get('backup.md');
	expect(before?.tree.children.length).toBeGreaterThan(0);
	releaseSyntaxTrees(tree);
	const page = tree.pages.get('backup.md');
	expect(page?.tree).toEqual({ type: 'root', children: [] });
	expect(page?.title).toBe('Backup');
	expect(page?.headings.map((h) => h.slug)).toEqual(['backup', 'restore']);
	expect(page?.directives.map((d) => d.attributes['probe'])).toEqual(['erp']);
	expect(page?.text).toContain(':status{probe=erp}');
	expect(tree.pages.get('README.md')?.links.map((l) => l.url)).toEqual(['backup.md#restore']);
});

test('the checks refuse a released tree instead of judging empty pages', async () => {
	const tree = await loadGuidebookTree(dir);
	// Before: the widget for an undeclared probe is found in the page's tree.
	expect(
		(await runChecks({ root: dir, config: parseConfig({}), tree })).findings.map(
			(f) => `${f.file}:${f.position?.line} ${f.ruleId}`,
		),
	).toEqual(['backup.md:5 probe-declarations']);
	releaseSyntaxTrees(tree);
	await expect(runChecks({ root: dir, config: parseConfig({}), tree })).rejects.toThrow(
		'syntax trees a build had released',
	);
});
