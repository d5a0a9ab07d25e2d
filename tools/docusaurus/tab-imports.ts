const themeImport =
	/^import[ \t]+(Tabs|TabItem)[ \t]+from[ \t]+(['"])@theme\/(Tabs|TabItem)\2;?[ \t]*\r?$/;

/**
 * Once every set of the page is written as tabs, the imports of `@theme/Tabs` and
 * `@theme/TabItem` serve nothing: blanked, so the site does not report a module it lacks and an
 * `.mdx` page compiles without it. An import whose name is still used stays.
 */
export function dropUnusedTabImports(lines: string[], literal: readonly boolean[]): void {
	const imports = lines.flatMap((line, i) => {
		const match = literal[i] ? undefined : themeImport.exec(line);
		return match && match[1] === match[3] ? [{ line: i, name: match[1] as string }] : [];
	});
	if (imports.length === 0) return;
	// One pass for both names, whatever the number of imports.
	const used = new Set<string>();
	for (const [i, text] of lines.entries()) {
		if (literal[i] || !text.includes('<')) continue;
		for (const match of text.matchAll(/<\/?(Tabs|TabItem)\b/g)) used.add(match[1] as string);
	}
	for (const { line, name } of imports) if (!used.has(name)) lines[line] = '';
}
