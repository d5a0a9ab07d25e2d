import { fenceGrammar } from '../../markdown/fence-languages.ts';
import { linguistLanguages, shikiLanguages } from '../../markdown/fence-language-table.ts';
import { sourceLineOf } from '../../tools/syntax/line-origins.ts';
import type { Position } from '../../core/position.ts';
import { defineRule } from './define-rule.ts';
import { createSuggester } from './support/suggest.ts';

/** Every name a fence may colour by, for "did you mean". */
const knownNames = [...new Set([...shikiLanguages, ...Object.keys(linguistLanguages)])].sort();
const suggester = createSuggester(knownNames, (asked) => Math.max(1, Math.floor(asked.length / 4)));

export default defineRule({
	id: 'fence-languages',
	description:
		"Every fenced code block's language is one GitHub colours: a name, alias or extension of GitHub's Linguist (`go` or `golang`, `sh`, `console` or `shell-session`, `yml`, `tf`, `hcl`, `dockerfile`, `ps1`, …, without case) or one of Shiki's names, and `promql`. The site colours each with its grammar. A language neither knows is shown as plain text; each such language is reported once, at its first block, with every other block that names it. `text`, `none`, `output` and no language at all are plain text on purpose.",
	defaultSeverity: 'warning',
	examples: {
		ok: [
			{
				title: "GitHub's names for languages, in any case",
				files: {
					'README.md':
						'# Home\n\n```golang\nfmt.Println("up")\n```\n\n```Shell-Session\n$ systemctl status nginx\n```\n\n```promql\nrate(http_requests_total{job="api"}[5m])\n```\n\n```text\nplain on purpose\n```\n',
				},
			},
		],
		notOk: [
			{
				title: 'a language neither GitHub nor the site knows, in two blocks',
				files: {
					'README.md':
						'# Home\n\n```frobscript\nfrob --all\n```\n\n```frobscript\nfrob --none\n```\n\n```yamll\nkey: value\n```\n',
				},
				output: [
					'README.md:3:1: Unexpected fence language `frobscript`, expected a language GitHub colours (a Linguist name, alias or extension such as `go`, `shell-session`, `yaml`), or `text`; its 2 blocks are shown as plain text (also at README.md:7:1) (fence-languages)',
					'README.md:11:1: Unexpected fence language `yamll`, expected a language GitHub colours (a Linguist name, alias or extension such as `go`, `shell-session`, `yaml`), or `text`; its block is shown as plain text; did you mean `yaml` (fence-languages)',
				],
			},
		],
	},
	check(ctx) {
		const unknown = new Map<string, Array<{ file: string; position: Position; line: number }>>();
		for (const path of [...ctx.targets].sort()) {
			const page = ctx.tree.pages.get(path);
			for (const block of page?.codeBlocks ?? []) {
				if (!block.lang || fenceGrammar(block.lang) !== undefined) continue;
				const key = block.lang.toLowerCase();
				const places = unknown.get(key) ?? [];
				places.push({
					file: path,
					position: block.position,
					line: sourceLineOf(block.position.line, page?.sourceLines),
				});
				unknown.set(key, places);
			}
		}
		for (const [language, places] of unknown) {
			const [first, ...rest] = places;
			if (!first) continue;
			const blocks = places.length === 1 ? 'its block is' : `its ${places.length} blocks are`;
			const also =
				rest.length > 0
					? ` (also at ${rest.map((place) => `${place.file}:${place.line}:${place.position.column}`).join(', ')})`
					: '';
			const suggestion = suggester.suggest(language);
			ctx.report({
				file: first.file,
				position: first.position,
				message: `Unexpected fence language \`${language}\`, expected a language GitHub colours (a Linguist name, alias or extension such as \`go\`, \`shell-session\`, \`yaml\`), or \`text\`; ${blocks} shown as plain text${also}${suggestion ? `; did you mean \`${suggestion}\`` : ''}`,
				actual: language,
				expected: 'a language GitHub colours',
			});
		}
	},
});
