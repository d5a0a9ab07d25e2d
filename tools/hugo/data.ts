import type { HugoHeadingIds } from './heading-ids.ts';
import type { HugoLinks } from './links.ts';
import type { ReadfilePlaces } from './readfile.ts';
import type { RecordedReads } from '../syntax/recorded-reads.ts';

/** What Waymark keeps of a Hugo tree: how its renderer spells ids, how its links reach pages, its params. */
export interface HugoData {
	[key: string]: unknown;
	headingIds: HugoHeadingIds;
	links: HugoLinks;
	/** The site config's `params`, for `{{< param >}}`. */
	params?: Record<string, unknown>;
	/** A GitLab project's docs with no Hugo config of their own: written for docs.gitlab.com (GitLab's Hugo site, whose config lives in its own project), so its shortcodes. */
	gitlabDocs?: true;
	/** Definition lists: on in both renderers unless the config turns them off (a tree without a config gets Hugo's default). */
	definitionLists: boolean;
	/** Where `readfile` looks for a file, and what the pages' `readfile`s read (`readfile.ts`). */
	readfile?: { places: ReadfilePlaces; reads?: RecordedReads };
}
