import { closest, distance } from 'fastest-levenshtein';

/** The first word of each diagram type mermaid 12 detects, as authors write it. */
const diagramKeywords = [
	'flowchart',
	'graph',
	'sequenceDiagram',
	'classDiagram',
	'classDiagram-v2',
	'stateDiagram',
	'stateDiagram-v2',
	'erDiagram',
	'gantt',
	'pie',
	'gitGraph',
	'mindmap',
	'architecture-beta',
	'journey',
	'timeline',
	'quadrantChart',
	'requirementDiagram',
	'C4Context',
	'C4Container',
	'C4Component',
	'C4Dynamic',
	'C4Deployment',
	'xychart-beta',
	'xychart',
	'sankey-beta',
	'sankey',
	'block-beta',
	'block',
	'packet-beta',
	'packet',
	'kanban',
	'radar-beta',
	'treemap-beta',
	'treemap',
	'treeView-beta',
	'venn-beta',
	'ishikawa-beta',
	'usecase-beta',
	'wardley-beta',
	'cynefin-beta',
	'railroad-beta',
	'eventmodeling',
	'agentflow-beta',
	'swimlane-beta',
	'info',
];

/** Themes mermaid 12 ships; any other name silently falls back to `default`. */
const mermaidThemes = [
	'default',
	'base',
	'dark',
	'forest',
	'neutral',
	'neo',
	'neo-dark',
	'redux',
	'redux-dark',
	'redux-color',
	'redux-dark-color',
	'null',
];

// Mermaid's own patterns (src/diagram-api/regexes.ts and src/diagram-api/comments.ts).
const directivePattern =
	/%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?/gi;
const frontMatterPattern = /^([^\S\n\r]*)-{3}\s*[\n\r](.*?)[\n\r]\1-{3}\s*[\n\r]+/s;

/** A `%%{init: …}%%` directive whose arguments are not JSON, or whose theme mermaid does not know. */
export interface SourceProblem {
	/** 1-based line within the diagram. */
	line: number;
	column: number;
	message: string;
}

/**
 * What mermaid silently accepts but ignores: an init directive with invalid JSON (mermaid logs and
 * drops it) and an unknown theme name (mermaid falls back to `default`).
 */
export function inspectDiagramSource(source: string): SourceProblem[] {
	const problems: SourceProblem[] = [];
	const text = source.replace(/\r\n?/g, '\n');
	for (const match of text.matchAll(directivePattern)) {
		const type = match[1] ?? match[2] ?? '';
		if (!/^init(ialize)?$/i.test(type) || match[4] === undefined) continue;
		const { line, column } = positionOf(text, match.index);
		const args = match[4].trim().replace(/'/g, '"');
		let parsed: unknown;
		try {
			parsed = JSON.parse(args);
		} catch (error) {
			const reason = (error as Error).message.replace(/\s*\(line \d+ column \d+\)$/, '');
			problems.push({
				line,
				column,
				message: `Unexpected invalid JSON in \`%%{${type}: …}%%\` (${reason}), expected a JSON object such as \`%%{init: {"theme": "dark"}}%%\`; mermaid ignores the whole directive`,
			});
			continue;
		}
		const theme = (parsed as { theme?: unknown } | null)?.theme;
		if (theme !== undefined) problems.push(...themeProblem(theme, line, column));
	}
	const frontMatter = frontMatterPattern.exec(text);
	if (frontMatter) {
		const themeLine = (frontMatter[2] ?? '').split('\n').findIndex((l) => /^\s+theme\s*:/.test(l));
		if (themeLine >= 0) {
			const raw = ((frontMatter[2] ?? '').split('\n')[themeLine] ?? '')
				.replace(/^\s+theme\s*:\s*/, '')
				.replace(/\s+#.*$/, '')
				.replace(/^["']|["']$/g, '');
			problems.push(...themeProblem(raw, themeLine + 2, 1));
		}
	}
	return problems;
}

function themeProblem(theme: unknown, line: number, column: number): SourceProblem[] {
	if (typeof theme === 'string' && mermaidThemes.includes(theme)) return [];
	const name = String(theme);
	const near = closest(
		name,
		mermaidThemes.filter((t) => t !== 'null'),
	);
	const hint = distance(name, near) <= 3 ? `; did you mean \`${near}\`` : '';
	return [
		{
			line,
			column,
			message: `Unexpected unknown theme \`${name}\`, expected one of ${mermaidThemes
				.filter((t) => t !== 'null')
				.map((t) => `\`${t}\``)
				.join(', ')}${hint}`,
		},
	];
}

/**
 * The first line mermaid reads as the diagram header (after front matter, directives, comments and
 * blank lines), 1-based, and its first word.
 */
export function diagramHeader(source: string): { line: number; word: string } {
	const lines = source.replace(/\r\n?/g, '\n').split('\n');
	let start = 0;
	const frontMatter = frontMatterPattern.exec(lines.join('\n'));
	if (frontMatter) start = frontMatter[0].split('\n').length - 1;
	for (let i = start; i < lines.length; i++) {
		const line = (lines[i] ?? '').replace(directivePattern, '').trim();
		if (line === '' || line.startsWith('%%')) continue;
		return { line: i + 1, word: line.split(/[\s;{]/)[0] ?? '' };
	}
	return { line: 1, word: '' };
}

/** Message for a diagram whose header names no mermaid diagram type. */
export function unknownTypeMessage(word: string): string {
	if (word === '')
		return 'Unexpected empty diagram, expected a Mermaid diagram type such as `flowchart`';
	const near = closest(word, diagramKeywords);
	const hint =
		distance(word.toLowerCase(), near.toLowerCase()) <= Math.max(2, Math.floor(word.length / 3))
			? `; did you mean \`${near}\``
			: '';
	return `Unexpected unknown diagram type \`${word}\`, expected a Mermaid diagram type${hint}`;
}

/**
 * Maps a line of the text mermaid parsed (front matter, directives and comments removed, leading
 * blank lines trimmed) back to the author's diagram line. Mermaid keeps every other line as is, so
 * a forward scan for the first line that still contains the parsed line's text finds it.
 */
export function mapParsedLine(source: string, parsedLine: number): number {
	const original = source.replace(/\r\n?/g, '\n').split('\n');
	const parsed = stripForParser(source).split('\n');
	let cursor = 0;
	for (let i = 0; i < parsed.length && i < parsedLine; i++) {
		const wanted = (parsed[i] ?? '').trim();
		let found = -1;
		for (let j = cursor; j < original.length; j++) {
			const line = (original[j] ?? '').replace(directivePattern, '');
			if (wanted === '' ? line.trim() === '' : line.includes(wanted)) {
				found = j;
				break;
			}
		}
		if (found === -1) return Math.min(cursor + (parsedLine - i), original.length);
		if (i === parsedLine - 1) return found + 1;
		cursor = found + 1;
	}
	return Math.min(parsedLine, original.length);
}

function stripForParser(source: string): string {
	let text = source.replace(/\r\n?/g, '\n');
	const frontMatter = frontMatterPattern.exec(text);
	if (frontMatter) text = text.slice(frontMatter[0].length);
	return text
		.replace(directivePattern, '')
		.replace(/^\s*%%(?!{)[^\n]+\n?/gm, '')
		.trimStart();
}

function positionOf(text: string, index: number): { line: number; column: number } {
	const before = text.slice(0, index).split('\n');
	return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
