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

/** A page's front matter over the config's `defaults` for the paths it is under (`inSite`: its path in the site's source folder), as Jekyll reads `page`. */
export function withDefaults(
	inSite: string,
	front: Readonly<Record<string, unknown>>,
	defaults: ReadonlyArray<{ path: string; values: Readonly<Record<string, unknown>> }>,
): Record<string, unknown> {
	const given = defaults
		.filter(
			(entry) => entry.path === '' || inSite === entry.path || inSite.startsWith(`${entry.path}/`),
		)
		.reduce<Record<string, unknown>>((values, entry) => ({ ...values, ...entry.values }), {});
	return { ...given, ...front };
}
