import { rehypeContentTabs } from '../markdown/rehype-content-tabs.ts';
import { remarkContentTabs } from '../markdown/remark-content-tabs.ts';
import type { SitePlugins } from '../markdown/site-tool.ts';
import type { TabbedSettings } from '../markdown/content-tabs.ts';

/** The site's content tabs, for a tool that writes its tabs as `:::tab` directives (MkDocs' `=== "Title"`, Docusaurus' `<Tabs>`, Hugo's tab shortcodes). */
export function contentTabPlugins(
	tabbed?: TabbedSettings,
): Required<Pick<SitePlugins, 'afterHeadingIds' | 'rehype'>> {
	return {
		afterHeadingIds: [[remarkContentTabs, { ...(tabbed && { tabbed }) }]],
		rehype: [rehypeContentTabs],
	};
}
