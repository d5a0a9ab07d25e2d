import { parse as parseYaml } from 'yaml';
import { frontmatterLineCount } from '../syntax/code-lines.ts';

/** A page's YAML front matter (`---` fences), or `undefined` without one or when it does not parse. */
export function frontMatterOf(
	text: string | readonly string[],
): Record<string, unknown> | undefined {
	const lines = typeof text === 'string' ? text.slice(0, 64 * 1024).split('\n') : text;
	const count = frontmatterLineCount(lines);
	if (count < 2 || lines[0]?.trimEnd() !== '---') return undefined;
	try {
		const data: unknown = parseYaml(lines.slice(1, count - 1).join('\n'), { maxAliasCount: 100 });
		return data && typeof data === 'object' && !Array.isArray(data)
			? (data as Record<string, unknown>)
			: undefined;
	} catch {
		return undefined;
	}
}
