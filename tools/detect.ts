import { literalLines, maskInlineCode } from './syntax/code-lines.ts';
import type { Surroundings } from './surroundings.ts';
import { defaultTool, toolDescriptor, tools } from './index.ts';
import type { Evidence, ToolFiles } from './tool.ts';

/** `dialect` in the config: a tool's name, or `auto` to detect it from the tree. */
export type DialectSetting = string;

/** The tool a tree is read as, and why. */
export interface TreeDialect {
	/** The tool's name (`tools/<name>/`). */
	name: string;
	/** Set by the config's `dialect` rather than detected. */
	forced: boolean;
	/** What detection found, as shown to users (`.gitlab-ci.yml`, `[[_TOC_]] on 12 pages`); empty when forced or nothing was found. */
	signals: string[];
	/** When forced: another tool whose config builds the root (an `mkdocs.yml` whose `docs_dir` holds it), as the user may not mean the config's. */
	contrary?: Array<{ name: string; dialect: string }>;
}

/**
 * The tool a tree is written for, from its surroundings (each tool's config files around the
 * root), its own files (`_index.md`, `_category_.json`) and its pages' syntax. A config file weighs
 * 100 (a forge's 50), a telling file 50, each page with a tool's syntax 1; the heaviest tool wins,
 * ties go by precedence (site generators before forges, since a forge may host any of them), and
 * the default tool (GitHub's reading) when nothing is found.
 */
export function detectDialect(
	setting: DialectSetting,
	surroundings: Surroundings,
	files: ToolFiles,
	texts: ReadonlyMap<string, string>,
	root = '',
): TreeDialect {
	if (setting !== 'auto') {
		const contrary = buildersOf(surroundings, root).filter(
			(builder) => builder.dialect !== setting,
		);
		return { name: setting, forced: true, signals: [], ...(contrary.length > 0 && { contrary }) };
	}
	const scores = new Map<string, { score: number; signals: string[] }>();
	const add = ({ tool, weight, name }: Evidence) => {
		const entry = scores.get(tool) ?? { score: 0, signals: [] };
		entry.score += weight;
		entry.signals.push(name);
		scores.set(tool, entry);
	};
	for (const file of surroundings.evidence) add({ ...file, name: `\`${file.name}\`` });
	for (const tool of tools) for (const found of tool.treeEvidence?.(files) ?? []) add(found);
	// Syntax quoted in code (a guide showing `!!! note`) is not syntax the page uses. Taking the code
	// out costs a pass over the page: only for a page that may hold a signal at all.
	const signals = tools.flatMap((tool) =>
		(tool.pageSignals ?? []).map((signal) => ({ tool: tool.name, ...signal })),
	);
	const prose = [...texts.values()]
		.filter((text) => signals.some((signal) => signal.test.test(text)))
		.map(withoutCode);
	for (const signal of signals) {
		let pages = 0;
		for (const text of prose) if (signal.test.test(text)) pages++;
		if (pages > 0)
			add({
				tool: signal.tool,
				weight: pages,
				name: `${signal.label} on ${count(pages, 'page', 'pages')}`,
			});
	}
	let best = defaultTool.name;
	let bestScore = 0;
	for (const tool of tools) {
		const score = scores.get(tool.name)?.score ?? 0;
		if (score > bestScore) [best, bestScore] = [tool.name, score];
	}
	return { name: best, forced: false, signals: scores.get(best)?.signals ?? [] };
}

/** The tools whose config builds `root`, not merely lies above it, each named by its config's path from the repository's top. */
function buildersOf(
	surroundings: Surroundings,
	root: string,
): Array<{ name: string; dialect: string }> {
	return tools.flatMap((tool) => {
		const found = surroundings.found.get(tool.name);
		const name =
			found === undefined ? undefined : tool.builds?.(found, root, surroundings.boundary);
		return name === undefined ? [] : [{ name, dialect: tool.name }];
	});
}

/** "Reading docs/ as a GitLab tree (found `.gitlab-ci.yml`, `[[_TOC_]]` on 12 pages); set `dialect` to override". */
export function describeDialect(dialect: TreeDialect, rootLabel: string): string {
	const folder = rootLabel.endsWith('/') ? rootLabel : `${rootLabel}/`;
	const tool = toolDescriptor(dialect.name);
	const as = `${tool.article ?? 'a'} ${tool.label}`;
	if (dialect.forced)
		return `Reading ${folder} as ${as} tree (config \`dialect: ${dialect.name}\`)`;
	const why =
		dialect.signals.length > 0 ? `found ${dialect.signals.join(', ')}` : 'no other dialect found';
	return `Reading ${folder} as ${as} tree (${why}); set \`dialect\` to override`;
}

function withoutCode(text: string): string {
	const lines = text.split('\n');
	const literal = literalLines(lines, { frontmatter: false });
	return lines.map((line, i) => (literal[i] ? '' : maskInlineCode(line))).join('\n');
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
