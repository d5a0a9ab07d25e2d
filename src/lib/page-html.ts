/**
 * The key under a collection entry's `rendered.metadata` that names the file holding the page's
 * HTML (written by integration/page-html-files.ts, read by the route).
 */
export const htmlFileKey = 'waymarkHtmlFile';
