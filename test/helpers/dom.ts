import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';

/** Parses a built page (`/erp/operations/` → `<out>/erp/operations/index.html`) for DOM queries. */
export async function loadPage(outDir: string, route: string): Promise<Document> {
	const file = join(outDir, decodeURIComponent(route), 'index.html');
	const html = await readFile(file, 'utf8');
	return parseHTML(html).document;
}
