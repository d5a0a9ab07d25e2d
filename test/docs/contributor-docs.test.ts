import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { createDiagramService } from '../../diagrams/diagram-service.ts';
import { removeFixture, repoRoot, writeFixture } from '../helpers/fixture.ts';

const docs = ['README.md', 'ARCHITECTURE.md', 'CONTRIBUTING.md'];
const read = (name: string) => readFileSync(join(repoRoot, name), 'utf8');

/**
 * Repository paths a document names, in backticks or as link targets: `tree/parse-page.ts`,
 * `(guidebooks/rules.md)`. Only paths under a top-level folder of the repository count, and
 * templates such as `checks/rules/<id>.ts` are not paths, nor is what an install or a run makes.
 */
function namedPaths(text: string): string[] {
	const candidates = [...text.matchAll(/`([^`\s]+)`|\]\(([^)\s#]+)/g)].map(
		(m) => m[1] ?? m[2] ?? '',
	);
	return (
		candidates
			.map((path) => path.replace(/^\.\//, ''))
			.filter((path) => /^[\w.-]+\/[\w./-]*$/.test(path) && !path.includes('..'))
			// Made by an install, a run, a test run or a bench (`bench/node_modules`, `.waymark/pages/`, `coverage/index.html`): not in a fresh clone.
			.filter((path) => !/(^|\/)(node_modules|coverage|\.tmp|\.waymark)(\/|$)/.test(path))
			.filter((path) => {
				const top = join(repoRoot, path.split('/')[0] ?? '');
				return path.split('/')[0] !== 'dist' && existsSync(top) && statSync(top).isDirectory();
			})
	);
}

describe('the contributor documentation', () => {
	test.each(docs)('%s names only files and folders that exist', (name) => {
		const paths = namedPaths(read(name));
		// The guides name many of the files they explain; far fewer means the pattern above broke.
		expect(paths.length).toBeGreaterThan(15);
		expect(paths.filter((path) => !existsSync(join(repoRoot, path)))).toEqual([]);
	});

	test('the README names the install command `.ci/run` runs', () => {
		const install = /^(npm (?:ci|install)\b[^|\n]*?)\s*(?:\|\||$)/m.exec(read('.ci/run'))?.[1];
		expect(install).toMatch(/^npm (ci|install)/);
		expect(read('README.md')).toContain(`CI runs \`.ci/run\``);
		expect(read('README.md')).toContain(`\`${install}\``);
	});

	test('links between the root documents resolve', () => {
		const links = docs.flatMap((name) =>
			[...read(name).matchAll(/\]\(([A-Z]+\.md)\)/g)].map((m) => m[1] ?? ''),
		);
		expect(links).toContain('CONTRIBUTING.md');
		expect(links.filter((link) => !existsSync(join(repoRoot, link)))).toEqual([]);
	});
});

describe('the pipeline diagram in ARCHITECTURE.md', () => {
	let cacheDir: string;
	beforeAll(async () => {
		cacheDir = await writeFixture({});
	});
	afterAll(() => removeFixture(cacheDir));

	test(
		"is drawn by Waymark's own diagram engine, every stage on it",
		{ timeout: 90_000 },
		async () => {
			const blocks = [...read('ARCHITECTURE.md').matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map(
				(m) => m[1] ?? '',
			);
			expect(blocks).toHaveLength(1);
			const service = createDiagramService({
				config: { ...parseConfig({}).diagrams, cacheDir },
				cacheDir,
			});
			try {
				const { renderings } = await service.renderAll(blocks);
				const drawn = renderings.get(blocks[0] ?? '');
				expect(drawn?.ok, JSON.stringify(drawn)).toBe(true);
				if (!drawn?.ok) return;
				expect(drawn.svg).toMatch(/^<svg[\s>]/);
				for (const stage of [
					'cli/',
					'config/',
					'tree/',
					'checks/',
					'integration/',
					'server/',
					'network/',
				]) {
					expect(drawn.svg).toContain(stage);
				}
			} finally {
				await service.close();
			}
		},
	);
});
