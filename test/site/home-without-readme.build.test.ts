import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadPage } from '../helpers/dom.ts';
import { buildFixture, removeFixture, writeFixture } from '../helpers/fixture.ts';

let root: string;
let outDir: string;
let stdout: string;

beforeAll(async () => {
	root = await writeFixture({
		'erp/README.md': '---\ndescription: The ERP.\n---\n\n# ERP\n\nSee [backup](backup.md).\n',
		'erp/backup.md':
			'# Backup\n\n> **Status:** 📦 Archived\n> **Last Updated:** 2025-01-01\n\nOld.\n',
		'glossary.md': '# Glossary\n\n> **Status:** Living document\n> **Owner:** Docs\n\nTerms.\n',
	});
	const result = await buildFixture(root);
	expect(result.code, result.stderr).toBe(0);
	outDir = result.outDir;
	stdout = result.stdout;
});

afterAll(async () => {
	await removeFixture(root);
	await removeFixture(outDir);
});

test('builds a home page listing the guidebooks when the root has no README', async () => {
	const doc = await loadPage(outDir, '/');
	expect(doc.querySelector('.page-header h1')?.textContent).toBe('Guidebooks');
	const cards = [...doc.querySelectorAll('.guidebook-card')].map((card) => [
		card.querySelector('a')?.getAttribute('href'),
		card.querySelector('.badge')?.textContent,
	]);
	expect(cards).toEqual([
		// The ERP page declares no status, so it shows none.
		['/erp/', undefined],
		['/glossary/', 'Status: Living document'],
	]);
	expect(doc.querySelector('.edit-link')).toBeNull();
});

test('shows the header block status and titles the trail from the folder page', async () => {
	const doc = await loadPage(outDir, '/erp/backup/');
	expect(doc.querySelector('.badge')?.textContent).toBe('Status: Archived');
	expect([...doc.querySelectorAll('nav.breadcrumbs li')].map((li) => li.textContent)).toEqual([
		'Guidebooks',
		'ERP',
		'Backup',
	]);
});

test('counts the home page it builds among the guidebook pages: with the status and 404 pages, every page written', async () => {
	// Three files of the tree and the home page; the status pages are `/status/` and `/status/reviews/`.
	expect(stdout).toMatch(/^Built 4 guidebook pages, plus the status and 404 pages, into /m);
	expect(
		(await readdir(outDir, { recursive: true })).filter((name) => name.endsWith('.html')),
	).toHaveLength(7);
});
