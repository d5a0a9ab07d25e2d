import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, join, sep } from 'node:path';
import type { Plugin } from 'vite';
import { noProgress, type Progress } from '../core/progress.ts';
import { isPageFile, safeDecode } from '../src/lib/routes.ts';
import { isActiveDocument } from '../tree/walk-files.ts';
import { sanitizeSvg } from './safe-svg.ts';

/**
 * Copies the tree's non-Markdown files (images, PDFs, scripts) to the same paths in the output;
 * SVG files without what could run in them (`sanitizeSvg`). Returns the SVG files left out because
 * they are not SVG documents.
 */
export async function copyTreeAssets(root: string, assets: readonly string[], outDir: string, progress: Progress = noProgress): Promise<string[]> {
	const skipped: string[] = [];
	for (const path of assets) {
		progress.tick(`copied ${path}`);
		const target = join(outDir, path);
		await mkdir(dirname(target), { recursive: true });
		if (extname(path).toLowerCase() !== '.svg') {
			await copyFile(join(root, path), target);
			continue;
		}
		const safe = sanitizeSvg(await readFile(join(root, path), 'utf8'));
		if (safe === undefined) skipped.push(path);
		else await writeFile(target, safe);
	}
	return skipped;
}

const types: Record<string, string> = {
	'.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.svg': 'image/svg+xml',
	'.webp': 'image/webp', '.pdf': 'application/pdf', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8',
	'.sh': 'text/plain; charset=utf-8', '.yaml': 'text/plain; charset=utf-8', '.yml': 'text/plain; charset=utf-8',
};

/** `waymark dev` serves the same files from the tree itself, so asset links work while writing. */
export function treeAssetsPlugin(root: string, base: string): Plugin {
	const prefix = base.endsWith('/') ? base : `${base}/`;
	return {
		name: 'waymark:tree-assets',
		configureServer(server) {
			server.middlewares.use((req, res, next) => void serveAsset(req, res, next));
			async function serveAsset(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: () => void): Promise<void> {
				const url = (req.url ?? '').split('?')[0] ?? '';
				if (!url.startsWith(prefix) || url.endsWith('/')) return next();
				// Invalid percent-encoding stays as written, and then names no file.
				const path = safeDecode(url.slice(prefix.length));
				if (path.split('/').some((part) => part === '..' || part.startsWith('.')) || isPageFile(path) || isActiveDocument(path)) return next();
				const file = join(root, path);
				const info = await stat(file).catch(() => undefined);
				if (!info?.isFile()) return next();
				// As in the build: nothing from outside the tree, no script in an SVG.
				const [real, realRoot] = await Promise.all([realpath(file), realpath(root)]);
				if (!real.startsWith(`${realRoot}${sep}`)) return next();
				res.setHeader('Content-Type', types[extname(file).toLowerCase()] ?? 'application/octet-stream');
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
