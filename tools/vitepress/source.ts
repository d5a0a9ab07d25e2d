import type { RewritePage } from '../../markdown/site-tool.ts';
import type { RewrittenSource } from '../rewrite.ts';
import { afterExpansion } from '../syntax/expanded-source.ts';
import { movedOrigins } from '../syntax/line-origins.ts';
import { notingPulls } from '../syntax/pulled-file.ts';
import { expandVitepressIncludes } from './includes.ts';
import { mayPullFiles, pullState } from './pulls.ts';
import { rewriteVitepressMarkdown, type VitepressSite } from './rewrite.ts';

/**
 * A VitePress page as the site renders it: its `<!--@include: -->`s followed first, as VitePress
 * does before it reads any Markdown (`includes.ts`), then its syntax rewritten (`rewrite.ts`), its
 * `<<<` code snippets among it; files read through `site.inputs`, and noted as what the page pulled
 * in. Lines an include added come from the include's line, and are the included file's
 * for findings (`afterExpansion`).
 */
export function rewriteVitepressSource(
	text: string,
	page: RewritePage,
	site: VitepressSite,
): RewrittenSource {
	if (!mayPullFiles(text)) return rewriteVitepressMarkdown(text, page, site, undefined);
	const pulled = new Set<string>();
	const noted = notingPulls(pulled);
	const inputs = site.inputs;
	const state = pullState(
		inputs && {
			read: (path) => noted(inputs.read(path)),
			...(inputs.pageBudget !== undefined && { pageBudget: inputs.pageBudget }),
		},
		site.source ?? '',
	);
	const included = text.includes('@include')
		? expandVitepressIncludes(text, page.path, state)
		: undefined;
	const rewritten = rewriteVitepressMarkdown(included?.text ?? text, page, site, state);
	const withPulls = pulled.size > 0 ? { ...rewritten, pulled: [...pulled] } : rewritten;
	if (!included || (included.notes.length === 0 && !movedOrigins(included.origins)))
		return withPulls;
	return afterExpansion(included, withPulls);
}
