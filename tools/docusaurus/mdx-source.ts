/**
 * What Docusaurus's MDX makes of parts of a page that Markdown alone would show as text:
 *
 * - `.md` pages are MDX there too (`markdown.format: 'mdx'`, the default), so an ESM block (a line
 *   starting with `import` or `export` after a blank line, up to the next blank line: MDX's own
 *   rule) runs instead of showing. Its lines are blanked here, so a `.md` page never prints them;
 *   what it imported renders as any unknown component does.
 * - `src={require('./a.png').default}` is an image webpack resolves: the path itself, written as a
 *   plain attribute and padded to the same width, so links and images are judged as Docusaurus
 *   serves them.
 *
 * `literal` marks lines inside code blocks, which stay as written.
 */
export function rewriteDocusaurusMdxSource(
	lines: string[],
	literal: readonly boolean[],
	options: { esm: boolean },
): void {
	let inEsm = false;
	for (const [i, line] of lines.entries()) {
		if (literal[i]) {
			inEsm = false;
			continue;
		}
		const previousBlank = i === 0 || (lines[i - 1] ?? '').trim() === '';
		if (options.esm && !inEsm && previousBlank && /^(?:import|export)[\s{*]/.test(line))
			inEsm = true;
		if (inEsm) {
			if (line.trim() === '') inEsm = false;
			else lines[i] = ' '.repeat(line.length);
			continue;
		}
		if (line.includes('require('))
			lines[i] = line.replace(
				/=\{\s*require\(\s*(['"])([^'"\n]+)\1\s*\)(?:\.default)?\s*\}/g,
				(all, _quote: string, path: string) => `="${path}"`.padEnd(all.length, ' '),
			);
	}
}
