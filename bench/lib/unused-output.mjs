import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';

/**
 * Files the search box's Pagefind loads by names it computes (the index's chunks, fragments, its
 * metadata and WebAssembly), so no page or script names them in full.
 */
const loadedByComputedName =
	/^pagefind\/(?:.*\/)?(?:fragment|index)\/|\.pf_meta$|(?:^|\/)wasm\.[\w-]+\.pagefind$/;

/**
 * `waymark build`'s mark on its output folder (`--out` replaces only a folder that has it): a
 * dotfile of a few bytes that static hosts leave out, kept on purpose.
 */
const outputMark = '.waymark-output';

/**
 * The manifests `waymark serve` reads from the folder it serves (probes and alert rules, no
 * credentials); the pages show the same endpoints and rules. The offline copy leaves them out.
 */
const readByServe = /^_waymark\/(?:probes|alerts)\.json$/;

/**
 * The files of a built site that nothing in it loads: neither a page nor a stylesheet, script or
 * JSON file of the site names them (by file name, as written or percent-encoded). Such a file is
 * published for nobody, whatever wrote it; the corpus run and a test of the build both ask.
 * @param {string} outDir
 * @returns {Promise<string[]>} paths relative to `outDir`, with `/`, sorted
 */
export async function filesUsedByNothing(outDir) {
	const files = (await readdir(outDir, { recursive: true, withFileTypes: true }))
		.filter((entry) => entry.isFile())
		.map((entry) => relative(outDir, join(entry.parentPath, entry.name)).split(sep).join('/'));
	let text = '';
	for (const file of files.filter((f) => /\.(?:html|css|js|json)$/.test(f)))
		text += await readFile(join(outDir, file), 'utf8');
	return files
		.filter(
			(file) =>
				!file.endsWith('.html') &&
				file !== outputMark &&
				!readByServe.test(file) &&
				!loadedByComputedName.test(file),
		)
		.filter(
			(file) =>
				!text.includes(basename(file)) && !text.includes(encodeURIComponent(basename(file))),
		)
		.sort();
}
