import { createReadStream } from 'node:fs';
import {
	copyFile,
	mkdir,
	readdir,
	readFile,
	realpath,
	rm,
	stat,
	writeFile,
} from 'node:fs/promises';
import { dirname, extname, join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';
import { noProgress, type Progress } from '../core/progress.ts';
import { isPageFile, safeDecode } from '../markdown/routes.ts';
import type { Publication, PublishedFile } from '../tree/published-files.ts';
import { secretByContent, secretByName } from '../tree/secret-files.ts';
import { isActiveDocument } from '../tree/walk-files.ts';
import { sanitizeSvg } from './safe-svg.ts';
import { packageFile } from '../core/package.ts';

/**
 * Copies the files the site publishes (`collectPublication`) to their place in the output; SVG
 * files without what could run in them (`sanitizeSvg`). Returns the SVG files left out because
 * they are not SVG documents.
 */
export async function copyTreeAssets(
	files: readonly PublishedFile[],
	outDir: string,
	progress: Progress = noProgress,
): Promise<string[]> {
	const skipped: string[] = [];
	for (const { from, to } of files) {
		progress.tick(`copied ${to}`);
		const target = join(outDir, to);
		await mkdir(dirname(target), { recursive: true });
		if (extname(to).toLowerCase() !== '.svg') {
			await copyFile(from, target);
			continue;
		}
		const safe = sanitizeSvg(await readFile(from, 'utf8'));
		if (safe === undefined) skipped.push(to);
		else await writeFile(target, safe);
	}
	return skipped;
}

/** An SVG document that draws nothing, for an `.svg` file in the output that is not one. */
const emptySvg =
	'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>\n';

/**
 * Every `.svg` file in the output folder, however it got there (copied from the tree or a static
 * folder, bundled by Astro's image step into `_astro/`, the site's own), without what could run in
 * it: the last step of a build, so no path into the site can publish a script in an SVG. A file
 * that is not an SVG document is replaced by an empty drawing. Returns how many files changed.
 */
export async function sanitizeOutputSvgs(outDir: string): Promise<number> {
	let changed = 0;
	for (const entry of await readdir(outDir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || extname(entry.name).toLowerCase() !== '.svg') continue;
		const file = join(entry.parentPath, entry.name);
		const text = await readFile(file, 'utf8');
		// Waymark's own `public/` file, byte for byte (the favicon): parsing it would load the
		// sanitiser's 150 modules in a build that copies no other SVG. Judged by content, not name,
		// so a tree's own `favicon.svg` in its place is sanitised as any other.
		if (text === (await ownPublicFile(relative(outDir, file)))) continue;
		const safe = sanitizeSvg(text) ?? emptySvg;
		if (safe === text) continue;
		// Replaced, not rewritten in place: a file copied from a read-only install keeps its mode.
		await rm(file);
		await writeFile(file, safe);
		changed++;
	}
	return changed;
}

const ownPublic = packageFile('public');

/** The text of Waymark's own `public/` file at `path` of the output, if it ships one. */
function ownPublicFile(path: string): Promise<string | undefined> {
	return readFile(join(ownPublic, path), 'utf8').catch(() => undefined);
}

/** The build's line on what it copied: `Copied 12 files from the tree (left out 1035 that no page links, 80 that hold secrets)`. */
export function describePublication(publication: Publication | undefined): string {
	const files = publication?.files.length ?? 0;
	const left = [
		...(publication?.unlinked ? [`${publication.unlinked} that no page links`] : []),
		...(publication?.secrets
			? [
					`${publication.secrets} that ${publication.secrets === 1 ? 'holds a secret' : 'hold secrets'}`,
				]
			: []),
	];
	return `Copied ${files} ${files === 1 ? 'file' : 'files'} from the tree${left.length > 0 ? ` (left out ${left.join(', ')})` : ''}`;
}

const types: Record<string, string> = {
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.gif': 'image/gif',
	'.svg': 'image/svg+xml',
	'.webp': 'image/webp',
	'.pdf': 'application/pdf',
	'.json': 'application/json',
	'.txt': 'text/plain; charset=utf-8',
	'.sh': 'text/plain; charset=utf-8',
	'.yaml': 'text/plain; charset=utf-8',
	'.yml': 'text/plain; charset=utf-8',
};

/**
 * `waymark dev` serves the tree's files from the tree itself, so asset links work while writing
 * (before a page links them); never one that holds a secret.
 */
export function treeAssetsPlugin(root: string, base: string): Plugin {
	const prefix = base.endsWith('/') ? base : `${base}/`;
	return {
		name: 'waymark:tree-assets',
		configureServer(server) {
			server.middlewares.use((req, res, next) => void serveAsset(req, res, next));
			async function serveAsset(
				req: import('node:http').IncomingMessage,
				res: import('node:http').ServerResponse,
				next: () => void,
			): Promise<void> {
				const url = (req.url ?? '').split('?')[0] ?? '';
				if (!url.startsWith(prefix) || url.endsWith('/')) return next();
				// Invalid percent-encoding stays as written, and then names no file.
				const path = safeDecode(url.slice(prefix.length));
				if (
					path.split('/').some((part) => part === '..' || part.startsWith('.')) ||
					isPageFile(path) ||
					isActiveDocument(path) ||
					secretByName(path)
				)
					return next();
				const file = join(root, path);
				const info = await stat(file).catch(() => undefined);
				if (!info?.isFile()) return next();
				// As in the build: nothing from outside the tree, no script in an SVG.
				const [real, realRoot] = await Promise.all([realpath(file), realpath(root)]);
				if (!real.startsWith(`${realRoot}${sep}`) || (await secretByContent(file, path)))
					return next();
				res.setHeader(
					'Content-Type',
					types[extname(file).toLowerCase()] ?? 'application/octet-stream',
				);
				if (extname(file).toLowerCase() === '.svg') {
					const safe = sanitizeSvg(await readFile(file, 'utf8'));
					if (safe === undefined) return next();
					res.end(safe);
					return;
				}
				createReadStream(file).pipe(res);
			}
		},
	};
}
