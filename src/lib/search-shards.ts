/** In `pagefind/`: the further shards of a large site's search index, as `["shard-1/", …]`; written by the build, read by the search box. */
export const searchShardsFile = 'waymark-shards.json';
