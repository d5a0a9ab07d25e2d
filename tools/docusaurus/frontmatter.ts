/**
 * Docusaurus reads front matter with gray-matter, which closes it at the first line that starts
 * with `---` (`str.indexOf('\n---')` in gray-matter's `parseMatter`): `id: x` then `----------`
 * is closed there, and a `---` further down is a thematic break. CommonMark's front matter wants
 * `---` alone, so such a line is written as `---` padded with spaces (the same line, the same
 * length): the page's YAML is what Docusaurus reads. The rest of that line, an `<hr>` on the
 * Docusaurus site, is left out of the check's parse.
 */
export function closeFrontmatterAsGrayMatter(lines: string[]): void {
	if (lines[0]?.replace(/^\uFEFF/, '').trimEnd() !== '---') return;
	for (let i = 1; i < lines.length; i++) {
		const line = lines[i] ?? '';
		if (!line.startsWith('---')) continue;
		const end = line.endsWith('\r') ? '\r' : '';
		const body = line.slice(0, line.length - end.length);
		if (body.trimEnd() !== '---') lines[i] = `---${' '.repeat(body.length - 3)}${end}`;
		return;
	}
}
