/**
 * The key under a collection entry's `rendered.metadata` that names the file holding the page's
 * HTML (written by integration/page-html-files.ts, read by the route).
 */
export const htmlFileKey = 'waymarkHtmlFile';

/**
 * A page entry's frontmatter and rendered metadata, without where its body is: what its view and
 * page are made of besides the body, as one string (the route's `PageFacts.facts`, and
 * `integration/patch-site.ts` for a page it renders itself).
 */
export function entryFacts(data: unknown, metadata: Record<string, unknown> | undefined): string {
	const lifted = Object.fromEntries(
		Object.entries(metadata ?? {}).filter(
			([key]) => key !== htmlFileKey && key !== htmlDigestKey && key !== picturesKey,
		),
	);
	return JSON.stringify([data, lifted]);
}

/** The key beside it that holds a digest of that HTML: part of the page's incremental-build key, so a cached page never keeps an old body. */
export const htmlDigestKey = 'waymarkHtmlDigest';

/**
 * The key, for a page whose HTML stays in the store (it has pictures the bundler takes), of those
 * pictures' files (`integration/bundled-pictures.ts`): its HTML names them by path, the bundler by
 * content, so this is what keys the page to a picture redrawn.
 */
export const picturesKey = 'waymarkPictures';
