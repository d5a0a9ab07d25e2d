import * as z from 'zod';
import { show } from './error-map.ts';

/** The site title when neither the config nor the tree names one. */
export const defaultSiteTitle = 'Guidebooks';

/**
 * URLs the site puts on every page (canonical, "Edit this page", links to the forge): http(s) only,
 * so no config can make a page link run script (`javascript:`) or open something else (`file:`).
 */
const httpSchemes = /^https?$/;

/** Whether `value` parses as an http or https URL. */
export function isHttpUrl(value: string): boolean {
	try {
		return httpSchemes.test(new URL(value).protocol.slice(0, -1));
	} catch {
		return false;
	}
}

export const SiteConfigSchema = z
	.strictObject({
		/** Site title, shown in the header and the browser tab. @default the tree's own: MkDocs' `site_name`, the `title` of Docusaurus, Hugo, an mdBook, Jekyll's `_config.yml`, VitePress or MyST, a TechDocs entity's title, an Azure DevOps wiki's repository name, a GitBook space's summary or first page; else 'Guidebooks' */
		title: z.string().min(1).optional(),
		/** Production origin, e.g. `https://runbooks.example.com` (http or https); used for canonical URLs and mapped onto the local build by `check --site`. */
		url: z.url({ protocol: httpSchemes }).optional(),
		/** Base path the site is served under. @default '/' */
		base: z.string().startsWith('/').default('/'),
		/**
		 * "Edit this page" link (http or https); `{path}` is replaced by the page's path relative to the root.
		 * GitHub: `https://github.com/ORG/REPO/edit/main/guidebooks/{path}`;
		 * Gitea: `https://gitea.example.com/ORG/REPO/_edit/main/guidebooks/{path}`.
		 * @default no link
		 */
		editUrl: z
			.string()
			.includes('{path}')
			.refine((value) => isHttpUrl(value.replaceAll('{path}', 'page.md')), {
				error: (issue) =>
					`Unexpected ${show(issue.input)}, expected an http(s) URL such as \`https://github.com/ORG/REPO/edit/main/guidebooks/{path}\``,
			})
			.optional(),
		/**
		 * The repository on its forge, e.g. `https://gitlab.com/acme/runbooks`: links to files outside the
		 * root (`../../scripts/rotate.sh`) become links to those files there. The URL form follows
		 * `editUrl` when set, else the host (`github`, `gitlab`, `gitea`/`codeberg`/`forgejo`).
		 * @default the repository part of `editUrl`, else none (such links are warnings)
		 */
		repoUrl: z.url({ protocol: httpSchemes }).optional(),
		/** Branch those links show. @default the branch in `editUrl`, else `HEAD` (the default branch) */
		repoBranch: z.string().min(1).optional(),
		/**
		 * Publish raw HTML in pages as written: `<script>`, event handlers (`onerror=`), `<iframe>`
		 * and `javascript:` links included. Off, raw HTML keeps what a git forge keeps (`<details>`,
		 * `<kbd>`, `<sub>`, tables, images, anchors). Ignored in an untrusted tree. @default false
		 */
		allowRawHtml: z.boolean().default(false),
		/**
		 * Keep a copy of the site in readers' browsers (a service worker, `sw.js`): with the network
		 * gone, pages a reader has visited and the search still work, each saying "Offline copy from
		 * 08:03". Live status is never served from the copy. Off, no worker is written and one a
		 * reader already has is removed on their next visit. @default true
		 */
		offlineCache: z.boolean().default(true),
	})
	.prefault({});
