import remarkPresetLintRecommended from 'remark-preset-lint-recommended';
import { unified, type Pluggable, type Plugin } from 'unified';
import { VFile } from 'vfile';
import { largePageChars } from '../../tree/read-page.ts';
import { defineRule } from './define-rule.ts';

/** Preset rules by name (`final-newline`), with the options the preset gives them. */
const presetRules = new Map<string, { plugin: Plugin; options: unknown }>();
for (const entry of remarkPresetLintRecommended.plugins ?? []) {
	const [plugin, options] = (Array.isArray(entry) ? entry : [entry, undefined]) as [Plugin, unknown];
	if (plugin.name.startsWith('remark-lint:')) presetRules.set(plugin.name.slice('remark-lint:'.length), { plugin, options });
}

// `internal-links` reports undefined references and unused definitions with positions and
// suggestions; the preset's versions would report each twice.
const offByDefault: Record<string, 'off'> = { 'no-undefined-references': 'off', 'no-unused-definitions': 'off' };

// unified-lint-rule spells the middle level `warn`.
const lintLevels = { error: 'error', warning: 'warn', off: 'off' } as const;

export default defineRule({
	id: 'markdown-lint',
	description:
		'remark-lint with `remark-preset-lint-recommended` (undefined references and unused definitions are left to `internal-links`). Its findings are warnings unless `checks.lint` sets a rule to `error`; `checks.lint` also turns rules off.',
	defaultSeverity: 'error',
	examples: {
		ok: [{ title: 'tidy Markdown', files: { 'README.md': '# Home\n\n* One\n* Two\n\n1. First\n2. Second\n' } }],
		notOk: [
			{
				title: 'a literal URL and a missing final newline',
				files: { 'README.md': '# Home\n\nSee https://example.com for more.' },
				output: [
					'README.md:3:5: Unexpected GFM autolink literal, expected regular autolink, add `<` before and `>` after [no-literal-urls] (markdown-lint)',
					'README.md:3:34: Unexpected missing final newline character, expected line feed (`\\n`) at end of file [final-newline] (markdown-lint)',
				],
			},
		],
	},
	async check(ctx) {
		const processor = lintProcessor({ ...offByDefault, ...ctx.config.checks.lint });
		for (const path of ctx.targets) {
			const page = ctx.tree.pages.get(path);
			// A notice page holds nothing to lint; linting a page over the size limit costs seconds.
			// `readable-files` reports both.
			if (!page || page.notice || page.text.length > largePageChars) continue;
			const file = new VFile({ path, value: page.text });
			await processor.run(page.tree, file);
			for (const message of file.messages) {
				const name = message.ruleId ?? message.source ?? 'remark-lint';
				ctx.report({
					file: path,
					position: { line: message.line ?? 1, column: message.column ?? 1 },
					severity: message.fatal ? 'error' : 'warning',
					message: `${message.reason} [${name}]`,
				});
			}
		}
	},
});

function lintProcessor(config: Partial<Record<string, 'error' | 'warning' | 'off'>>) {
	const plugins: Pluggable[] = [];
	for (const [name, { plugin, options }] of presetRules) {
		const severity = lintLevels[config[name] ?? 'warning'];
		if (severity === 'off') continue;
		// unified-lint-rule reads a bare string as the rule's options, so always pass `[severity, options]`.
		plugins.push([plugin, [severity, options]]);
	}
	return unified().use(plugins);
}
