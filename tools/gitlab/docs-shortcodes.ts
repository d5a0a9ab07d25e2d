import { escapeLabel } from '../mkdocs/admonitions.ts';
import type { SiteShortcodes } from '../hugo/shortcodes.ts';

/**
 * The shortcodes of docs.gitlab.com, the Hugo site that publishes the `doc/` and `docs/` folders of
 * GitLab's projects (gitlab, omnibus-gitlab, gitlab-runner, charts…), as its `layouts/shortcodes/`
 * draw them and GitLab's documentation style guide (`doc/development/documentation/styleguide/`)
 * describes them: `alert` a callout of its `type` (`note`, `warning`, `flag`, `disclaimer`),
 * `details` the availability box (tier, offering, status; untitled), `history` a collapsed "History" list,
 * `tabs`/`tab` one titled panel per tab, `cards` a plain list, `icon` and `yes`/`no` the words they
 * stand for. GitLab itself shows `{{< … >}}` as text, so a GitLab tree using them is written for
 * that site.
 */
export const gitlabDocsShortcodes: SiteShortcodes = {
	inline(call) {
		switch (call.name) {
			case 'yes':
				return 'Yes';
			case 'no':
				return 'No';
			case 'icon':
				// The icon's name in words (`pencil`): "Select **Edit** (pencil)".
				return (call.named['name'] ?? call.positional[0] ?? '').replace(/[-_]+/g, ' ');
			default:
				return undefined;
		}
	},
	wrapper(call, colons) {
		switch (call.name) {
			case 'alert': {
				const type = (call.named['type'] ?? 'note').toLowerCase();
				// `flag`: the feature-flag notice; `disclaimer`: forward-looking statements. Both are notes there.
				const title =
					type === 'flag' ? 'Feature flag' : type === 'disclaimer' ? 'Disclaimer' : undefined;
				return {
					open: `${colons}${type === 'flag' || type === 'disclaimer' ? 'note' : type}${title ? `[${title}]` : ''}`,
					close: colons,
				};
			}
			case 'details':
				return { open: `${colons}info{notitle}`, close: colons };
			case 'history':
				return { open: `${colons}note[History]{collapse=closed}`, close: colons };
			case 'tab': {
				const title = call.named['title'] ?? call.positional[0] ?? 'Tab';
				return { open: `${colons}note[${escapeLabel(title)}]{collapse=open}`, close: colons };
			}
			case 'tabs':
			case 'cards':
				return { open: '', close: '' };
			default:
				return undefined;
		}
	},
};
