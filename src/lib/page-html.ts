/**
 * The key under a collection entry's `rendered.metadata` that names the file holding the page's
 * HTML (written by integration/page-html-files.ts, read by the route).
 */
export const htmlFileKey = 'waymarkHtmlFile';

/** The key beside it that holds a digest of that HTML: part of the page's incremental-build key, so a cached page never keeps an old body. */
export const htmlDigestKey = 'waymarkHtmlDigest';
