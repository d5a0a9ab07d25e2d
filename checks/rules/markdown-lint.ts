import remarkPresetLintRecommended from 'remark-preset-lint-recommended';
import { unified, type Pluggable, type Plugin } from 'unified';
import { VFile } from 'vfile';
import { pageFactAsync, type PageModel } from '../../tree/parse-page.ts';
import type { RuleReport } from './define-rule.ts';
import { largePageChars } from '../../tree/read-page.ts';
import { defineRule } from './define-rule.ts';
import { findRepoLintConfig } from './support/repo-lint-config.ts';

/** Preset rules by name (`final-newline`), with the options the preset gives them. */
const presetRules = new Map<string, { plugin: Plugin; options: unknown }>();
for (const entry of remarkPresetLintRecommended.plugins ?? []) {
	const [plugin, options] = (Array.isArray(entry) ? entry : [entry, undefined]) as [
		Plugin,
		unknown,
	];
	if (plugin.name.startsWith('remark-lint:'))
		presetRules.set(plugin.name.slice('remark-lint:'.length), { plugin, options });
}

/**
 * The preset rules that run when the repository has no lint configuration of its own: those whose
 * finding changes how the page renders. Only `no-duplicate-definitions` qualifies: the second
 * definition of a label is silently ignored, so links meant for it go to the first. The others
 * are style (`final-newline`, `hard-break-spaces`, `no-heading-content-indent`, marker and
 * indentation preferences render the same; `list-item-indent` would even ask MkDocs trees to
 * break their 4-space nesting), or forges render them as meant (`no-literal-urls`: GitHub and
 * GitLab link bare URLs), or `internal-links` reports them with positions and suggestions
 * (`no-undefined-references`, `no-unused-definitions`).
 */
const rendersDifferently = new Set(['no-duplicate-definitions']);

// `internal-links` reports undefined references and unused definitions; the preset's would double them.
const leftToInternalLinks = new Set(['no-undefined-references', 'no-unused-definitions']);

/**
 * What a page must hold for a rule to find anything on it, for rules about one kind of node: a
 * page holding none is not linted when no other rule runs. remark-lint walks every node of the
 * page for each rule, and most pages have no definition at all.
 */
const canFindOn: Record<string, (page: PageModel) => boolean> = {
	// Two definitions: `[a]: url` (the page's model lists every one) or `[^a]: note`.
	'no-duplicate-definitions': (page) => page.definitions.length > 1 || page.text.includes('[^'),
};

/** Whether any of the rules `on` (by name) can find anything on `page` (`canFindOn`). */
export function lintCanFind(page: PageModel, on: readonly string[]): boolean {
	return on.some((name) => canFindOn[name]?.(page) ?? true);
}

// unified-lint-rule spells the middle level `warn`.
const lintLevels = { error: 'error', warning: 'warn', off: 'off' } as const;

export default defineRule({
	id: 'markdown-lint',
	description:
		"remark-lint rules from `remark-preset-lint-recommended`. With the repository's own `.markdownlint*` or remark configuration (in the root or a folder above it, up to the repository top), the rules it turns on run and those it turns off do not; without one, only rules whose finding changes how the page renders run (`no-duplicate-definitions`). Findings are warnings; `checks.lint` sets any rule to `error`, `warning` or `off` over both.",
	defaultSeverity: 'error',
	examples: {
		ok: [
			{
				title: 'style the forges render the same (a bare URL, no final newline)',
				files: { 'README.md': '# Home\n\nSee https://example.com for more.' },
			},
		],
		notOk: [
			{
				title: 'a label defined twice: links use the first',
				files: {
					'README.md': '# Home\n\nSee [the runbook][ops].\n\n[ops]: ops.md\n[ops]: operations.md\n',
					'ops.md': '# Ops\n',
					'operations.md': '# Operations\n',
				},
				output: [
					'README.md:6:1: Unexpected definition with an already defined identifier (`ops`), expected unique identifiers [no-duplicate-definitions] (markdown-lint)',
				],
			},
			{
				title: "the repository's markdownlint config turns rules on (and off)",
				files: {
					'.markdownlint.yaml': 'no-bare-urls: true\nsingle-trailing-newline: false\n',
					'README.md': '# Home\n\nSee https://example.com for more.',
				},
				output: [
					'README.md:3:5: Unexpected GFM autolink literal, expected regular autolink, add `<` before and `>` after [no-literal-urls] (markdown-lint)',
				],
			},
		],
	},
	async check(ctx) {
		const repo = await findRepoLintConfig(ctx.tree);
		const severities = new Map(
			[...presetRules.keys()].map((name) => {
				const set = ctx.config.checks.lint[name];
				if (set) return [name, set] as const;
				if (leftToInternalLinks.has(name)) return [name, 'off'] as const;
				const fromRepo = repo?.rules.get(name);
				if (fromRepo) return [name, fromRepo === 'on' ? 'warning' : 'off'] as const;
				return [name, rendersDifferently.has(name) ? 'warning' : 'off'] as const;
			}),
		);
		const processor = lintProcessor((name) => severities.get(name) ?? 'off');
		if (!processor) return;
		// A page's messages follow from its text and these settings alone: kept with the page between runs.
		const on = [...severities].filter(([, severity]) => severity !== 'off');
		const fact = `markdown-lint:${JSON.stringify(on)}`;
		const names = on.map(([name]) => name);
		for (const path of ctx.targets) {
			const page = ctx.tree.pages.get(path);
			// A notice page holds nothing to lint; linting a page over the size limit costs seconds.
			// `readable-files` reports both.
			if (!page || page.notice || page.text.length > largePageChars || !lintCanFind(page, names))
				continue;
			for (const report of await pageFactAsync(page, fact, () => lintPage(processor, page)))
				ctx.report(report);
		}
	},
});

async function lintPage(
	processor: NonNullable<ReturnType<typeof lintProcessor>>,
	page: PageModel,
): Promise<RuleReport[]> {
	const file = new VFile({ path: page.path, value: page.text });
	await processor.run(page.tree, file);
	const reports: RuleReport[] = [];
	for (const message of file.messages) {
		const name = message.ruleId ?? message.source ?? 'remark-lint';
		if (name === 'no-duplicate-definitions' && isCommentIdiom(page, message.line)) continue;
		reports.push({
			file: page.path,
			position: { line: message.line ?? 1, column: message.column ?? 1 },
			severity: message.fatal ? 'error' : 'warning',
			message: `${message.reason} [${name}]`,
		});
	}
	return reports;
}

/** The rules to run at the severity `severityOf` gives each; `undefined` when every rule is off. */
function lintProcessor(severityOf: (name: string) => 'error' | 'warning' | 'off') {
	const plugins: Pluggable[] = [];
	for (const [name, { plugin, options }] of presetRules) {
		const severity = lintLevels[severityOf(name)];
		if (severity === 'off') continue;
		// unified-lint-rule reads a bare string as the rule's options, so always pass `[severity, options]`.
		plugins.push([plugin, [severity, options]]);
	}
	return plugins.length > 0 ? unified().use(plugins) : undefined;
}

/** `[//]: # "note"` repeated down a page: Markdown's comment idiom, not links meant to differ. */
function isCommentIdiom(page: PageModel, line: number | undefined): boolean {
	return page.definitions.some(
		(definition) => definition.position.line === line && definition.url === '#',
	);
}
