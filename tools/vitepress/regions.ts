/**
 * VitePress' region markers (`src/node/markdown/regions.ts`): the `#region name` … `#endregion name`
 * comments VS Code folds, in every language's comment style, which a snippet import or an include
 * names after a `#` to take part of a file.
 */

/**
 * One comment style's start and end markers: each a pattern of what comes before the name, and what
 * ends the comment after it (nothing: the end of the line). VitePress writes each marker as one
 * pattern, `…region\b\s*(.*?)\s*$`, which tries every split of a long run of blanks after the name
 * (a line of 40,000 spaces took seconds); the name is cut here in code instead, to the same result.
 */
interface RegionMarker {
	start: RegExp;
	end: RegExp;
	/** What closes the comment after the name (`-->`, `*\/`), or the rest of the line it must be (JSON's `": ""`). */
	close?: string;
	/** After `close`, what the rest of the line may be. */
	after?: RegExp;
}

/** A region's lines: from `start` up to `end` (exclusive, the end marker's line), 0-based. */
interface Region {
	start: number;
	end: number;
	marker: RegionMarker;
}

// VitePress tries every style on every file: a Markdown renderer cannot know the imported file's language.
const markers: RegionMarker[] = [
	// Line comments (js, ts, go, rust, java; `#` optional), sql's `--`, bat's `::` and `REM` (`#` required).
	{
		start: /^\s*(?:\/\/\s*#?|(?:--|::|@?[rR][eE][mM])\s*#)region\b/,
		end: /^\s*(?:\/\/\s*#?|(?:--|::|@?[rR][eE][mM])\s*#)endregion\b/,
	},
	// Hash comments: c#, python, yaml, shell (`# region`, `# #region`), visual basic, powershell, `#pragma region`.
	{
		start: /^\s*#\s*(?:#\s*|pragma\s+)?[rR]egion\b/,
		end: /^\s*#\s*(?:#\s*|pragma\s+)?[eE]nd ?[rR]egion\b/,
	},
	// Markdown and HTML, Vue templates.
	{ start: /^\s*<!--\s*#?region\b/, end: /^\s*<!--\s*#?endregion\b/, close: '-->' },
	// css, less, scss.
	{ start: /^\s*\/\*\s*#region\b/, end: /^\s*\/\*\s*#endregion\b/, close: '*/' },
	// f#'s block comments.
	{ start: /^\s*\(\*\s*#region\b/, end: /^\s*\(\*\s*#endregion\b/, close: '*)' },
	// JSON keys: `"// #region name": "",`.
	{
		start: /^\s*"\/{2,}\s*#region\b/,
		end: /^\s*"\/{2,}\s*#endregion\b/,
		close: '":',
		after: /^\s*"",?\s*$/,
	},
];

/** The name a marker line gives (`''` for none), or `undefined` when `line` is no such marker. */
function markerName(line: string, prefix: RegExp, marker: RegionMarker): string | undefined {
	const opened = prefix.exec(line);
	if (!opened) return undefined;
	const rest = line.slice(opened[0].length);
	if (marker.close === undefined) return rest.trim();
	// JSON's key closes at its last `":`; a comment at the first closer, as a lazy pattern finds it.
	const at = marker.after ? rest.lastIndexOf(marker.close) : rest.indexOf(marker.close);
	if (at === -1) return undefined;
	if (marker.after && !marker.after.test(rest.slice(at + marker.close.length))) return undefined;
	return rest.slice(0, at).trim();
}

const startName = (line: string, marker: RegionMarker) => markerName(line, marker.start, marker);
const endName = (line: string, marker: RegionMarker) => markerName(line, marker.end, marker);

const mayBeMarker = /region/i;
// Visual Basic writes `#Region "Name"`: the quotes are not part of the name.
const unquote = (name: string): string => /^"(.*)"$/.exec(name)?.[1] ?? name;

/**
 * Every region named `name`, in order, as VitePress' `findRegions` finds them: a named end closes
 * the innermost open region of that name in any style, an unnamed one the innermost of its own
 * style; regions nested in one of the same name give the outer one.
 */
function findRegions(lines: readonly string[], name: string): Region[] {
	const regions: Region[] = [];
	const open: Array<{ name: string; start: number; marker: RegionMarker }> = [];
	lines.forEach((line, i) => {
		if (!mayBeMarker.test(line)) return;
		const starting = markers.find((marker) => startName(line, marker) !== undefined);
		if (starting) {
			open.push({ name: unquote(startName(line, starting)!), start: i + 1, marker: starting });
			return;
		}
		if (open.length === 0) return;
		for (const marker of markers) {
			const ended = endName(line, marker);
			if (ended === undefined) continue;
			const closing = unquote(ended);
			const index = closing
				? open.findLastIndex((region) => region.name === closing)
				: open.findLastIndex((region) => region.marker === marker);
			if (index === -1) continue;
			const [closed] = open.splice(index);
			if (closed!.name === name && !open.some((region) => region.name === name))
				regions.push({ start: closed!.start, end: i, marker: closed!.marker });
			break;
		}
	});
	return regions;
}

/**
 * The lines of `name`'s regions, joined; with `strip`, markers of the styles that matched left out
 * (a snippet import, by VitePress' default), else kept (an include). `undefined` when there is none.
 */
export function regionLines(
	lines: readonly string[],
	name: string,
	strip: boolean,
): string[] | undefined {
	const regions = findRegions(lines, name);
	if (regions.length === 0) return undefined;
	const taken = regions.flatMap((region) => lines.slice(region.start, region.end));
	if (!strip) return taken;
	const styles = new Set(regions.map((region) => region.marker));
	return taken.filter(
		(line) =>
			!mayBeMarker.test(line) ||
			![...styles].some(
				(marker) => startName(line, marker) !== undefined || endName(line, marker) !== undefined,
			),
	);
}

/** The lines without the indentation they all share (blank lines aside), as VitePress dedents a region. */
export function dedentLines(lines: readonly string[]): string[] {
	let least = Infinity;
	for (const line of lines) {
		const indent = /^[ \t]*/.exec(line)![0].length;
		if (indent < line.length) least = Math.min(least, indent);
		if (least === 0) return [...lines];
	}
	return least === Infinity ? [...lines] : lines.map((line) => line.slice(least));
}
