/**
 * Mermaid wraps labels at a fixed width (flowchart and state nodes 120 px, mindmap nodes 200 px)
 * and splits any word wider than that mid-word (`RESERVED_SU` / `BDOMAINS?`). A diagram whose
 * widest word is wider gets a wrapping width that holds it, so identifiers, paths and hostnames
 * stay whole; other diagrams keep mermaid's narrow, phone-friendly default.
 */

/** The font labels are measured in: mermaid's 16 px, semibold to leave room for `**bold**` words. */
export const labelFont = '600 16px Inter';

const skippedLine =
	/^\s*(?:%%|classDef\b|class\s|style\s|linkStyle\b|click\s|accTitle\b|accDescr\b|title\s|dateFormat\b|axisFormat\b)/;

/** Distinct words of the source's labels that may be wider than a wrapping width (8 characters or more). */
export function longWords(source: string): string[] {
	const body = source.replace(/^\s*---\n[\s\S]*?\n---\n/, '');
	const words = new Set<string>();
	let header = true;
	for (const line of body.split('\n')) {
		if (skippedLine.test(line) || line.trim() === '') continue;
		// The first line names the diagram type (`flowchart TD`).
		if (header) {
			header = false;
			continue;
		}
		// Arrows and edge syntax (`-->`, `-.->`, `==>`, `--o`) separate words; shape brackets, quotes
		// and tags (`<br>`, `<b>`) too. A `<` or `>` in a word stays: a label draws it (`lag>30s`).
		const text = line
			.replace(/<?[-.=~]{2,}[>ox]?|[-.=]+>/g, ' ')
			.replace(/<\/?[a-zA-Z][^<>]*>/g, ' ')
			.replace(/[*`]/g, '');
		for (const word of text.split(/[\s"'|[\](){}]+/)) if (word.length >= 8) words.add(word);
	}
	return [...words];
}

/** Settings that keep a word `widestPx` wide (in `labelFont`) on one line, merged over the pinned ones. */
export function wrapSettings(widestPx: number): Record<string, Record<string, number>> {
	const width = Math.ceil(widestPx) + 8;
	return {
		...(width > 120 && { flowchart: { wrappingWidth: width }, state: { wrappingWidth: width } }),
		...(width > 200 && { mindmap: { maxNodeWidth: width } }),
	};
}

/** `base` with `extra`'s sections merged one level deep (`flowchart.htmlLabels` survives `flowchart.wrappingWidth`). */
export function mergeSettings(
	base: Record<string, unknown>,
	extra: Record<string, Record<string, unknown>>,
): Record<string, unknown> {
	const merged: Record<string, unknown> = { ...base };
	for (const [key, value] of Object.entries(extra))
		merged[key] = { ...(base[key] as Record<string, unknown> | undefined), ...value };
	return merged;
}
