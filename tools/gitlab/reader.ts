import { defineReader } from '../tool.ts';
import { forgeReading } from '../forge-reading.ts';
import { legacyGitlabAnchor } from './former-ids.ts';
import { rewriteGitlabSource } from './rewrite.ts';

/** What the tool reads of a tree once detected (`tools/tool.ts` `ToolReader`): loaded for the tree's tool only. */
export default defineReader({
	bind: () => ({
		...forgeReading('gitlab'),
		rewrite: rewriteGitlabSource,
		formerId: legacyGitlabAnchor,
	}),
});
