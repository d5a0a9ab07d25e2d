import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runChecks } from '../../checks/engine.ts';
import { formatFinding } from '../../checks/finding.ts';
import { parseConfig } from '../../config/load-config.ts';
import { originLines } from '../../tools/syntax/line-origins.ts';
import { rewriteAutodocBlocks } from '../../tools/mkdocs/autodoc.ts';
import type { SourceNote } from '../../tools/syntax/source-note.ts';
import { loadGuidebookTree } from '../../tree/load-tree.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { growthRatio } from '../helpers/growth.ts';
import { pick, pickItem, seededRandom } from '../helpers/seeded-random.ts';

// mkdocstrings' `::: package.module.Object` blocks, references it writes from Python code (NetBox's
// plugin docs hold 119), showed as the text `::: utilities.views.register_model_view`.

const objects = [
	'utilities.views.register_model_view',
	'netbox.views.generic.ObjectView',
	'app.Model',
	'pkg',
];

/** A page of paragraphs, autodoc blocks (with and without options, after a heading's `#`s) and fenced code holding `:::` lines. */
function generatePage(seed: number) {
	const random = seededRandom(seed);
	const lines: string[] = [];
	const blocks: Array<{ line: number; name: string }> = [];
	const kept: string[] = [];
	for (let b = 0, count = 2 + pick(random, 6); b < count; b++) {
		const kind = pick(random, 4);
		if (kind === 0) {
			const text = `Paragraph ${b} about ::: inline colons.`;
			lines.push(text, '');
			kept.push(text);
		} else if (kind === 3) {
			const text = `::: ${pickItem(random, objects)} in code`;
			lines.push('```text', text, '```', '');
			kept.push(text);
		} else {
			const name = pickItem(random, objects);
			blocks.push({ line: lines.length + 1, name });
			lines.push(`${kind === 2 ? '### ' : ''}::: ${name}`);
			// Its options right under it, or after a blank line, as mkdocstrings also takes them.
			if (random() < 0.3) lines.push('');
			for (let o = 0, options = pick(random, 3); o < options; o++)
				lines.push(o === 0 ? '    options:' : `      members: [m${o}]`);
			lines.push('');
		}
	}
	return { lines, blocks, kept };
}

describe('mkdocstrings blocks', () => {
	test('become a notice naming the object, with a warning at their line; code and other text stay (300 generated pages)', () => {
		for (let seed = 1; seed <= 300; seed++) {
			const { lines, blocks, kept } = generatePage(seed);
			const notes: SourceNote[] = [];
			const out = rewriteAutodocBlocks(originLines(lines.join('\n')), notes, { attrList: false });
			const text = out.lines.join('\n');
			expect(
				notes.map((note) => `${note.line} ${note.severity}`),
				`seed ${seed}`,
			).toEqual(blocks.map((block) => `${block.line} warning`));
			for (const block of blocks)
				expect(text).toContain(
					`*(The reference of \`${block.name}\`, which mkdocstrings writes from the code, is not shown here)*`,
				);
			for (const line of kept) expect(out.lines).toContain(line);
			expect(out.lines.filter((line) => /^(?:#+ )?::: /.test(line)).length, `seed ${seed}`).toBe(
				kept.filter((line) => line.startsWith(':::')).length,
			);
			expect(out.lines.some((line) => line.startsWith('    options:'))).toBe(false);
			expect(out.origins).toHaveLength(out.lines.length);
		}
	});

	test("a CRLF page's block is read too; a long run of spaces after the name costs linear time", () => {
		const notes: SourceNote[] = [];
		const out = rewriteAutodocBlocks(
			originLines('# X\r\n\r\n::: pkg.mod\r\n    options:\r\n'),
			notes,
			{ attrList: false },
		);
		expect(notes).toHaveLength(1);
		expect(out.lines.join('\n')).toContain('`pkg.mod`');
		const spaced = (n: number) =>
			rewriteAutodocBlocks(originLines(`::: a${' '.repeat(n)}b\n`), [], { attrList: false });
		expect(growthRatio(spaced, 400_000, 3_200_000)).toBeLessThan(8 * 3);
	});

	const files = (plugins: string) => ({
		'mkdocs.yml': `site_name: Plugins\nmarkdown_extensions:\n  - attr_list\n${plugins}`,
		'docs/views.md':
			'# Views\n\nEvery view registers itself.\n\n::: utilities.views.register_model_view\n    options:\n      show_root_heading: true\n\nAfter it.\n',
		'docs/index.md':
			'# Plugins\n\nSee [the register](views.md#utilities.views.register_model_view).\n',
	});

	test('on a site with the plugin: a notice on the page and a dialect-syntax warning at the line; without it, text as MkDocs shows it', async () => {
		for (const [plugins, expected] of [
			[
				'plugins:\n  - search\n  - mkdocstrings:\n      handlers:\n        python:\n          paths: [src]\n',
				true,
			],
			['plugins:\n  - search\n', false],
		] as const) {
			const dir = await writeFixture(files(plugins));
			try {
				const root = join(dir, 'docs');
				const tree = await loadGuidebookTree(root);
				const page = tree.pages.get('views.md');
				const report = await runChecks({ root, config: parseConfig({}), tree });
				const warnings = report.findings
					.filter((finding) => finding.ruleId === 'dialect-syntax')
					.map((finding) => formatFinding(finding).split(', expected')[0]);
				const links = report.findings
					.filter((finding) => finding.ruleId === 'internal-links')
					.map((finding) => formatFinding(finding).split(', expected')[0]);
				if (expected) {
					expect(warnings).toEqual([
						'views.md:5:1: Unexpected mkdocstrings block `::: utilities.views.register_model_view`',
					]);
					// The reference's id, which mkdocstrings gives it, is an anchor of the page.
					expect(links).toEqual([]);
					expect(JSON.stringify(page?.tree)).not.toContain('::: utilities');
				} else {
					expect(warnings).toEqual([]);
					expect(links).toEqual([
						'index.md:3:5: Unexpected link to missing heading `#utilities.views.register_model_view` in `views.md`',
					]);
					expect(JSON.stringify(page?.tree)).toContain('::: utilities.views.register_model_view');
				}
			} finally {
				await removeFixture(dir);
			}
		}
	});
});
