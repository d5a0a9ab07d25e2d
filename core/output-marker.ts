/**
 * The file a Waymark build writes into its output folder: a folder holding it is a site Waymark
 * built (never sources), which walks skip and a later build may empty.
 */
export const outputMarker = '.waymark-output';
