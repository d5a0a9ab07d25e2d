import { distance } from 'fastest-levenshtein';
import { GuidebookFrontmatterSchema } from '../../markdown/frontmatter.ts';
import { positionOfKey } from '../../tree/parse-page.ts';
import { statusMayBeTheTrees } from '../../tree/tool-frontmatter.ts';
import { toolNamed } from '../../tools/index.ts';
import { validateFrontmatter } from './support/validate-frontmatter.ts';
import { defineRule } from './define-rule.ts';

const knownKeys = Object.keys(GuidebookFrontmatterSchema.shape);

export default defineRule({
	id: 'frontmatter',
	description:
		"Frontmatter is valid YAML and matches the guidebook schema (each bad value at its key, with the fix); a key that looks like a typo of a known one is a warning. Keys the tree's tool defines (Hugo's `weight`, `aliases`, `draft`, Docusaurus's `slug`, `sidebar_position`, …) are the tool's, never judged; so is `status` on a Hugo, Docusaurus or MkDocs tree whose pages use no Waymark header block or Waymark-only key. On a GitHub or GitLab tree that uses none of them and no Waymark `status` value on any page, a `status` Waymark cannot read is a warning (a design process's `status: accepted`), not an error.",
	defaultSeverity: 'error',
	examples: {
		ok: [
			{
				title: 'known keys with valid values, and keys for other tools',
				files: {
					'README.md':
						'---\ntitle: Home\nstatus: active\nlastUpdated: 2026-06-23\nupstream: [other.md]\nnav_order: 3\n---\n\n# Home\n',
					'other.md': '# Other\n',
				},
			},
			{
				title:
					"a Hugo site's own front matter, its own `status` among it (no page uses Waymark's header block or keys)",
				files: {
					'hugo.toml': 'title = "Ops"\n',
					'_index.md':
						'---\ntitle: Home\nstatus: Production\nweight: 2\naliases: [/old/]\nlinkTitle: Start\n---\n\n# Home\n',
				},
			},
			{
				title:
					"Material for MkDocs' own keys on a MkDocs tree: `status: new`, `hide`, `icon`, `search`",
				files: {
					'mkdocs.yml': 'site_name: Ops\ndocs_dir: .\n',
					'index.md':
						'---\nstatus: new\nhide: [toc]\nicon: material/server\nsearch:\n  exclude: true\n---\n\n# Home\n',
				},
			},
		],
		notOk: [
			{
				title: 'YAML syntax error, at the bracket left open',
				files: {
					'README.md': '---\ntitle: Home\nowner: [platform\nstatus: active\n---\n\n# Home\n',
				},
				output: [
					'README.md:3:8: Unexpected YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]. Frontmatter is YAML between two `---` lines; quote values that contain `: ` or start with `[`, `{`, `*` or `&`. (frontmatter)',
				],
			},
			{
				title:
					"invalid value, with the fix, and a misspelt key (the tree uses Waymark's `status` elsewhere)",
				files: {
					'README.md': '---\ntitel: Home\nstatus: done\n---\n\n# Home\n',
					'erp.md': '---\nstatus: active\n---\n\n# ERP\n',
				},
				output: [
					'README.md:2:1: Unexpected frontmatter key `titel`, expected a known key; did you mean `title` (frontmatter)',
					'README.md:3:1: Unexpected `done` for `status`, expected one of `active`, `draft`, `deprecated`, `archived`. Use one of `active`, `draft`, `deprecated`, `archived`. (frontmatter)',
				],
			},
			{
				title:
					"a GitHub tree's own `status` (a design process) where no page uses Waymark's: a warning, not an error",
				files: {
					'README.md': '# Proposals\n\n- [Split the receiver](split.md)\n',
					'split.md': '---\nstatus: accepted\n---\n\n# Split the receiver\n',
				},
				output: [
					"split.md:2:1: Unexpected `accepted` for `status`, expected one of `active`, `draft`, `deprecated`, `archived`. Use one of `active`, `draft`, `deprecated`, `archived`. If `status` is a field of your project's own (as on design proposals), the site leaves it out and this warning can stay. (frontmatter)",
				],
			},
		],
	},
	check(ctx) {
		const forge = toolNamed(ctx.tree.dialect.name).forge === true;
		const treesStatus = forge && statusMayBeTheTrees(ctx.tree.pages.values());
		for (const problem of validateFrontmatter(ctx.tree)) {
			if (!ctx.targets.has(problem.path)) continue;
			const message = `${problem.message}${problem.hint ? `. ${problem.hint}` : ''}`;
			if (treesStatus && problem.key === 'status') {
				ctx.report({
					file: problem.path,
					position: problem.position,
					severity: 'warning',
					message: `${message} If \`status\` is a field of your project's own (as on design proposals), the site leaves it out and this warning can stay.`,
				});
				continue;
			}
			ctx.report({ file: problem.path, position: problem.position, message });
		}
		for (const path of ctx.targets) {
			const frontmatter = ctx.tree.pages.get(path)?.frontmatter;
			if (!frontmatter?.data) continue;
			for (const key of Object.keys(frontmatter.data)) {
				if (knownKeys.includes(key) || frontmatter.toolKeys?.has(key)) continue;
				const near = knownKeys.find(
					(known) => distance(known.toLowerCase(), key.toLowerCase()) <= (known.length > 3 ? 2 : 1),
				);
				if (!near) continue;
				ctx.report({
					file: path,
					position: positionOfKey(frontmatter, [key]),
					severity: 'warning',
					message: `Unexpected frontmatter key \`${key}\`, expected a known key; did you mean \`${near}\``,
				});
			}
		}
	},
});
