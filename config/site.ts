import { z } from 'zod';

export const SiteConfigSchema = z
	.strictObject({
		/** Site title, shown in the header and the browser tab. @default 'Guidebooks' */
		title: z.string().min(1).default('Guidebooks'),
		/** Production origin, e.g. `https://runbooks.example.com`; used for canonical URLs and mapped onto the local build by `check --site`. */
		url: z.url().optional(),
		/** Base path the site is served under. @default '/' */
		base: z.string().startsWith('/').default('/'),
		/**
		 * "Edit this page" link; `{path}` is replaced by the page's path relative to the root.
		 * GitHub: `https://github.com/ORG/REPO/edit/main/guidebooks/{path}`;
		 * Gitea: `https://gitea.example.com/ORG/REPO/_edit/main/guidebooks/{path}`.
		 * @default no link
		 */
		editUrl: z.string().includes('{path}').optional(),
		/**
		 * Publish raw HTML in pages as written: `<script>`, event handlers (`onerror=`), `<iframe>`
		 * and `javascript:` links included. Off, raw HTML keeps what a git forge keeps (`<details>`,
		 * `<kbd>`, `<sub>`, tables, images, anchors). Ignored in an untrusted tree. @default false
		 */
		allowRawHtml: z.boolean().default(false),
	})
	.prefault({});
