import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const fixtures = 'test/fixtures/dialects';
/** Tools with no fixture tree of their own read pages written for the tool they build on. */
const borrowed: Record<string, string> = { techdocs: 'mkdocs', mdbook: 'github' };

function pagesUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory()
			? pagesUnder(join(dir, entry.name))
			: /\.mdx?$/.test(entry.name)
				? [join(dir, entry.name)]
				: [],
	);
}

/**
 * Every line of the tool's fixture pages (`test/fixtures/dialects/<tool>*`) that holds punctuation
 * (syntax of some kind) and is at most 200 characters long, each once: what generated tests build
 * hostile pages from.
 */
export function toolFixtureLines(tool: string): string[] {
	const name = borrowed[tool] ?? tool;
	const lines = new Set<string>();
	for (const folder of readdirSync(fixtures).filter((f) => f === name || f.startsWith(`${name}-`)))
		for (const page of pagesUnder(join(fixtures, folder)))
			for (const line of readFileSync(page, 'utf8').split('\n'))
				if (/[^\w\s]/.test(line) && line.length <= 200) lines.add(line);
	return [...lines];
}
