import { join, relative, sep } from 'node:path';
import { isInside } from '../../core/path-inside.ts';
import type { VitepressPlace } from './pages.ts';
import type { VitepressConfig } from './config.ts';

// Where the root sits in a VitePress project: read by detection (`index.ts`), to turn down a
// project whose `srcDir` neither holds the root nor lies in it, and by the reader.

const slashed = (path: string): string => path.split(sep).join('/');
const asFolder = (path: string): string => (path === '' || path === '.' ? '' : `${slashed(path)}/`);

/** A VitePress project as detection finds it. */
export interface VitepressProject {
	/** The folder holding `.vitepress/`. */
	dir: string;
	/** `.vitepress/config.*`, relative to `dir`. */
	file: string;
	config: VitepressConfig;
}

/** The root's place in the project's `srcDir`: the root is `srcDir`, a folder of it, or the project folder holding it. */
export function placeOf(root: string, project: VitepressProject): VitepressPlace | undefined {
	const src = join(project.dir, project.config.srcDir);
	const common = { rewrites: project.config.rewrites, base: project.config.base };
	if (isInside(root, src))
		return { ...common, rootInSrc: asFolder(relative(src, root)), srcInRoot: '' };
	if (isInside(src, root))
		return { ...common, rootInSrc: '', srcInRoot: asFolder(relative(root, src)) };
	return undefined;
}
