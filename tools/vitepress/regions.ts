/**
 * VitePress' region markers (`src/node/markdown/regions.ts`): the `#region name` … `#endregion name`
 * comments VS Code folds, in every language's comment style, which a snippet import or an include
 * names after a `#` to take part of a file.
 */

/** One comment style's start and end markers; the name is the first group. */
interface RegionMarker {
	start: RegExp;
	end: RegExp;
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
		start: /^\s*(?:\/\/\s*#?|(?:--|::|@?[rR][eE][mM])\s*#)region\b\s*(.*?)\s*$/,
		end: /^\s*(?:\/\/\s*#?|(?:--|::|@?[rR][eE][mM])\s*#)endregion\b\s*(.*?)\s*$/,
	},
	// Hash comments: c#, python, yaml, shell (`# region`, `# #region`), visual basic, powershell, `#pragma region`.
	{
		start: /^\s*#\s*(?:#\s*|pragma\s+)?[rR]egion\b\s*(.*?)\s*$/,
		end: /^\s*#\s*(?:#\s*|pragma\s+)?[eE]nd ?[rR]egion\b\s*(.*?)\s*$/,
	},
	// Markdown and HTML, Vue templates.
	{
		start: /^\s*<!--\s*#?region\b\s*(.*?)\s*-->/,
		end: /^\s*<!--\s*#?endregion\b\s*(.*?)\s*-->/,
	},
	// css, less, scss.
	{ start: /^\s*\/\*\s*#region\b\s*(.*?)\s*\*\//, end: /^\s*\/\*\s*#endregion\b\s*(.*?)\s*\*\// },
	// f#'s block comments.
	{ start: /^\s*\(\*\s*#region\b\s*(.*?)\s*\*\)/, end: /^\s*\(\*\s*#endregion\b\s*(.*?)\s*\*\)/ },
	// JSON keys: `"// #region name": "",`.
	{
		start: /^\s*"\/{2,}\s*#region\b\s*(.*?)":\s*"",?\s*$/,
		end: /^\s*"\/{2,}\s*#endregion\b\s*(.*?)":\s*"",?\s*$/,
	},
];

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
		const starting = markers.find((marker) => marker.start.test(line));
		if (starting) {
			open.push({ name: unquote(starting.start.exec(line)![1]!), start: i + 1, marker: starting });
			return;
		}
		if (open.length === 0) return;
		for (const marker of markers) {
			const ended = marker.end.exec(line)?.[1];
			if (ended === undefined) continue;
			const endName = unquote(ended);
			const index = endName
				? open.findLastIndex((region) => region.name === endName)
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
			![...styles].some((marker) => marker.start.test(line) || marker.end.test(line)),
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
