import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, expect } from 'vitest';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { repoRoot, runCli, type CliResult } from '../helpers/fixture.ts';
import { sharedBuild } from '../helpers/shared-build.ts';

/** A dialect fixture of `test/fixtures/dialects/`, and the folder Waymark is pointed at in it. */
export function dialectFixture(name: string, rootFolder: string): { dir: string; root: string } {
	const dir = resolve(repoRoot, 'test/fixtures/dialects', name);
	return { dir, root: join(dir, rootFolder) };
}

// The fixtures hold real defects on purpose; building them must not stop at those.
const lenient =
	'checks:\n  rules: { internal-links: warn, code-fences: warn, dialect-syntax: warn }\n';

/**
 * `waymark build` of a fixture root, run from the fixture's folder as a user would, once per run of
 * the suite for every file that builds it (`shared-build.ts`): the site lands in the run's folder,
 * for reading only.
 */
export async function buildDialect(fixture: {
	dir: string;
	root: string;
}): Promise<CliResult & { outDir: string }> {
	return sharedBuild(
		`dialect-${relative(repoRoot, fixture.root).replace(/\W+/g, '-')}`,
		async (work) => {
			await writeFile(join(work, 'waymark.config.yaml'), lenient);
			const outDir = join(work, 'site');
			const result = await runCli(
				[
					'build',
					'--root',
					relative(fixture.dir, fixture.root),
					'--out',
					outDir,
					'--config',
					join(work, 'waymark.config.yaml'),
				],
				{ cwd: fixture.dir },
			);
			return { ...result, outDir };
		},
	);
}

/** A fixture built once for a test file (hooks registered here): the build, its pages, and a page by route. */
export function builtDialectSite(fixture: { dir: string; root: string }): {
	build: Awaited<ReturnType<typeof buildDialect>>;
	pages: Map<string, Document>;
	page(route: string): Document;
} {
	const site = {
		build: undefined as unknown as Awaited<ReturnType<typeof buildDialect>>,
		pages: new Map<string, Document>(),
		page(route: string): Document {
			const doc = site.pages.get(route);
			if (!doc) throw new Error(`no page at ${route}; built: ${[...site.pages.keys()].join(', ')}`);
			return doc;
		},
	};
	beforeAll(async () => {
		site.build = await buildDialect(fixture);
		expect(site.build.code, site.build.stderr).toBe(0);
		site.pages = await builtPages(site.build.outDir);
	});
	return site;
}

/** `waymark check --format json` of a fixture root: exit code, stderr, and the findings as `rule file:line severity`. */
export async function checkDialect(fixture: { dir: string; root: string }): Promise<{
	code: number;
	stderr: string;
	findings: Array<{ rule: string; file: string; line: number; severity: string; message: string }>;
}> {
	const result = await runCli(
		['check', '--root', relative(fixture.dir, fixture.root), '--format', 'json'],
		{ cwd: fixture.dir },
	);
	const report = JSON.parse(result.stdout) as {
		findings: Array<{
			rule: string;
			file: string;
			line: number;
			severity: string;
			message: string;
		}>;
	};
	return { code: result.code, stderr: result.stderr, findings: report.findings };
}

/** Every built page (`/route/` → its document), the site's status pages (`/status/`, `/status/reviews/`) aside. */
async function builtPages(outDir: string): Promise<Map<string, Document>> {
	const pages = new Map<string, Document>();
	for (const entry of await readdir(outDir, { recursive: true, withFileTypes: true })) {
		if (entry.name !== 'index.html') continue;
		const folder = relative(outDir, entry.parentPath).split('\\').join('/');
		if (folder === 'status' || folder.startsWith('status/') || folder.startsWith('_')) continue;
		pages.set(
			folder === '' ? '/' : `/${folder}/`,
			parseHTML(await readFile(join(entry.parentPath, entry.name), 'utf8')).document,
		);
	}
	return pages;
}

/** Forge syntax that must never reach a reader. */
const rawMarkers = ['[[_TOC_]]', '[[TOC]]', '[TOC]', '{{<', '{{%', '!!!', '???', ':::'] as const;

/** The page's text as a reader sees it: the article, without code (where forge syntax may be quoted). */
export function readableText(doc: Document): string {
	const article = doc.querySelector('article')?.cloneNode(true) as Element | undefined;
	if (!article) return '';
	for (const code of article.querySelectorAll('pre, code')) code.remove();
	return article.textContent ?? '';
}

/** `{ route: [markers found] }` for every page whose readable text holds raw forge syntax (`rawMarkers`, and the dialect's `more`). */
export function rawSyntaxByPage(
	pages: Map<string, Document>,
	more: readonly string[] = [],
): Record<string, string[]> {
	const found: Record<string, string[]> = {};
	for (const [route, doc] of pages) {
		const text = readableText(doc);
		const hits = [...rawMarkers, ...more].filter((marker) => text.includes(marker));
		if (hits.length > 0) found[route] = hits;
	}
	return found;
}

/**
 * Pages whose built heading ids differ from the anchors `check` computed for them (one slugger per
 * tool serves both), as `path: site … / check …`; and how many ids were compared, for a positive control.
 */
export async function headingIdsDisagree(
	fixture: { root: string },
	pages: Map<string, Document>,
): Promise<{ disagree: string[]; compared: number }> {
	const tree = await loadGuidebookTree(fixture.root);
	const disagree: string[] = [];
	let compared = 0;
	for (const model of tree.pages.values()) {
		// The footnotes' own heading (`#footnote-label`, for screen readers) is the renderer's, not the page's.
		const built = [
			...(pages
				.get(model.route)
				?.querySelectorAll(
					'.prose h2[id], .prose h3[id], .prose h4[id], .prose h5[id], .prose h6[id]',
				) ?? []),
		]
			.filter((h) => !h.closest('section[data-footnotes]'))
			.map((h) => h.getAttribute('id'));
		// The site shows the first H1 as the page's title and later ones as sections (`remark-page-meta.ts`).
		const firstH1 = model.headings.find((h) => h.depth === 1);
		const checked = model.headings.filter((h) => h !== firstH1 && h.slug !== '').map((h) => h.slug);
		compared += built.length;
		if (JSON.stringify(built) !== JSON.stringify(checked))
			disagree.push(`${model.path}: site ${built.join(',')} / check ${checked.join(',')}`);
	}
	return { disagree, compared };
}
