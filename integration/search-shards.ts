/** In `pagefind/`: the further shards of the site's search index (`SearchShard[]`); written by the build, read by the search box. */
export const searchShardsFile = 'waymark-shards.json';

/**
 * A further shard of the search index: its folder in `pagefind/` (`shard-3/`) and the URL path of
 * the site folder its pages are in (`billing/crm-01/`, or `''`), which Pagefind's URLs in it are
 * relative to: the search box merges it with that as its base.
 */
export interface SearchShard {
	index: string;
	base: string;
}
