import type { Blockquote } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { closest, distance } from 'fastest-levenshtein';
import { pageStatuses } from '../../src/lib/frontmatter.ts';
import type { Position } from '../finding.ts';
import { defineRule } from './define-rule.ts';

export default defineRule({
	id: 'header-block',
	description:
		'The `> **Status:**` header block has a real date in `Last Updated` (`YYYY-MM-DD`); a status word Waymark does not know is a warning (it is shown as written).',
	defaultSeverity: 'error',
	examples: {
		ok: [{ title: 'known status and an ISO date', files: { 'README.md': '# Home\n\n> **Status:** ✅ Active\n> **Last Updated:** 2026-06-23\n' } }],
		notOk: [
			{
				title: 'a misspelt status and an impossible date',
				files: { 'README.md': '# Home\n\n> **Status:** ✅ Actve\n> **Last Updated:** 2026-13-45\n' },
				output: [
					'README.md:3:3: Unexpected status `✅ Actve`, expected one of `Active`, `Draft`, `Deprecated`, `Archived`; did you mean `Active` (header-block)',
					'README.md:4:3: Unexpected date `2026-13-45` in `Last Updated`, expected a real date as `YYYY-MM-DD`, e.g. `2026-06-23` (header-block)',
				],
			},
		],
	},
	check(ctx) {
		for (const path of ctx.targets) {
			const block = ctx.tree.pages.get(path)?.headerBlock;
			if (!block) continue;
			const where = (key: string): Position => keyPosition(block.node, key);
			if (block.statusLabel !== undefined && !block.status) {
				const word = block.statusLabel.replace(/[^\p{L}\s-]/gu, '').trim().toLowerCase();
				const near = word ? closest(word, [...pageStatuses]) : undefined;
				const suggestion = near && distance(near, word) <= 2 ? `; did you mean \`${capitalise(near)}\`` : '';
				ctx.report({
					file: path,
					position: where('status'),
					severity: suggestion ? 'error' : 'warning',
					message: `Unexpected status \`${block.statusLabel}\`, expected one of ${pageStatuses.map((s) => `\`${capitalise(s)}\``).join(', ')}${suggestion}`,
				});
			}
			if (block.lastUpdated !== undefined && !isIsoDate(block.lastUpdated)) {
				ctx.report({ file: path, position: where('lastupdated'), message: `Unexpected date \`${block.lastUpdated}\` in \`Last Updated\`, expected a real date as \`YYYY-MM-DD\`, e.g. \`2026-06-23\`` });
			}
		}
	},
});

function isIsoDate(text: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) return false;
	const date = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function capitalise(word: string): string {
	return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Position of the `**Key:**` strong node for a normalised key, else the block's start. */
function keyPosition(node: Blockquote, key: string): Position {
	let found: Position | undefined;
	visit(node, 'strong', (strong) => {
		if (found || !strong.position) return;
		if (toString(strong).toLowerCase().replace(/[^a-z]/g, '') === key) found = { line: strong.position.start.line, column: strong.position.start.column };
	});
	return found ?? { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}
