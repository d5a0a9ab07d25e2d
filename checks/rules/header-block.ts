import { closest, distance } from 'fastest-levenshtein';
import { pageStatuses } from '../../markdown/frontmatter.ts';
import { headerKeyPosition } from '../../markdown/header-block.ts';
import { isIsoDate } from '../../markdown/review-date.ts';
import type { Position } from '../finding.ts';
import { defineRule } from './define-rule.ts';

export default defineRule({
	id: 'header-block',
	description:
		'The `> **Status:**` header block has real dates in `Last Updated` and `Reviewed` (`YYYY-MM-DD`); a status word Waymark does not know is a warning (it is shown as written).',
	defaultSeverity: 'error',
	examples: {
		ok: [
			{
				title: 'known status and ISO dates',
				files: {
					'README.md':
						'# Home\n\n> **Status:** ✅ Active\n> **Last Updated:** 2026-06-23\n> **Owner:** Platform team\n> **Reviewed:** 2026-09-30\n',
				},
			},
			{
				title: 'an owner and a review date alone',
				files: {
					'README.md': '# Home\n\n> **Owner:** Platform team\n> **Reviewed:** 2026-09-30\n',
				},
			},
		],
		notOk: [
			{
				title: 'a misspelt status and impossible dates',
				files: {
					'README.md':
						'# Home\n\n> **Status:** ✅ Actve\n> **Last Updated:** 2026-13-45\n> **Reviewed:** 30/09/2026\n',
				},
				output: [
					'README.md:3:3: Unexpected status `✅ Actve`, expected one of `Active`, `Draft`, `Deprecated`, `Archived`; did you mean `Active` (header-block)',
					'README.md:4:3: Unexpected date `2026-13-45` in `Last Updated`, expected a real date as `YYYY-MM-DD`, e.g. `2026-06-23` (header-block)',
					'README.md:5:3: Unexpected date `30/09/2026` in `Reviewed`, expected a real date as `YYYY-MM-DD`, e.g. `2026-06-23` (header-block)',
				],
			},
		],
	},
	check(ctx) {
		for (const path of ctx.targets) {
			const block = ctx.tree.pages.get(path)?.headerBlock;
			if (!block) continue;
			const where = (key: string): Position => headerKeyPosition(block, key);
			if (block.statusLabel !== undefined && !block.status) {
				const word = block.statusLabel
					.replace(/[^\p{L}\s-]/gu, '')
					.trim()
					.toLowerCase();
				const near = word ? closest(word, [...pageStatuses]) : undefined;
				const suggestion =
					near && distance(near, word) <= 2 ? `; did you mean \`${capitalise(near)}\`` : '';
				ctx.report({
					file: path,
					position: where('status'),
					severity: suggestion ? 'error' : 'warning',
					message: `Unexpected status \`${block.statusLabel}\`, expected one of ${pageStatuses.map((s) => `\`${capitalise(s)}\``).join(', ')}${suggestion}`,
				});
			}
			for (const [key, label, value] of [
				['lastupdated', 'Last Updated', block.lastUpdated],
				['reviewed', 'Reviewed', block.reviewed],
			] as const) {
				if (value !== undefined && !isIsoDate(value))
					ctx.report({
						file: path,
						position: where(key),
						message: `Unexpected date \`${value}\` in \`${label}\`, expected a real date as \`YYYY-MM-DD\`, e.g. \`2026-06-23\``,
					});
			}
		}
	},
});

function capitalise(word: string): string {
	return word.charAt(0).toUpperCase() + word.slice(1);
}
