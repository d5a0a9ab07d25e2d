import type { LoadedConfig } from '../config/load-config.ts';
import { waymarkPaths } from '../config/own-paths.ts';
import { noProgress, type Progress } from '../core/progress.ts';
import type { MarkdownParser } from '../core/environment.ts';
import type { Repository } from '../core/git.ts';
import { loadGuidebookTree, type GuidebookTree } from './load-tree.ts';
import type { PageCache } from './page-cache.ts';

/** What a command adds to a project's config when it reads the tree. */
export interface ReadTreeOptions {
	/** `WAYMARK_PARSER`, read by the command. */
	parser: MarkdownParser;
	/** The project's page cache, when the command keeps one (`openPageCache`). */
	cache?: PageCache;
	/** Told when a kept page is parsed after all (`DEBUG=waymark`). */
	trace?: (line: string) => void;
	/** The repository holding the root, when the command has asked git already (`findRepository`). */
	repository?: Promise<Repository | undefined>;
}

/**
 * The tree of a project as its config and trust say (`dialect`, `checks` limits, trusted or a
 * branch under review, Waymark's own state and output folders never content): the one way a command or a step reads a project's tree, so none of them
 * forgets the trust or a limit.
 */
export function readTree(
	loaded: LoadedConfig,
	options: ReadTreeOptions,
	progress: Progress = noProgress,
): Promise<GuidebookTree> {
	return loadGuidebookTree(
		loaded.root,
		{
			dialect: loaded.config.dialect,
			limits: loaded.config.checks,
			trust: loaded.trust,
			parser: options.parser,
			own: waymarkPaths(loaded),
			...(options.cache && { cache: options.cache }),
			...(options.trace && { trace: options.trace }),
			...(options.repository && { repository: options.repository }),
		},
		progress,
	);
}
