/** `to` as a relative link from the page `from`, both paths from the root. */
export function relativeTo(from: string, to: string): string {
	const fromParts = from.split('/').slice(0, -1);
	const toParts = to.split('/');
	let common = 0;
	while (
		common < fromParts.length &&
		common < toParts.length - 1 &&
		fromParts[common] === toParts[common]
	)
		common++;
	return [...fromParts.slice(common).map(() => '..'), ...toParts.slice(common)].join('/');
}

/** A path with `.` and `..` segments resolved (none climbs above the root). */
export function normalisePath(path: string): string {
	const parts: string[] = [];
	for (const part of path.split('/')) {
		if (part === '..') parts.pop();
		else if (part !== '.' && part !== '') parts.push(part);
	}
	return parts.join('/');
}

/** A glob as Sphinx's `exclude_patterns`, mystmd's `exclude` and `pattern` read it: `*` within a name, `**` across folders, `?` one character. */
export function globPattern(glob: string): RegExp {
	const body = glob
		.replace(/^\.\//, '')
		.replace(/\/+$/, '')
		.replace(/[.+^${}()|\\]/g, '\\$&')
		.replace(/\/\*\*$/, '\uE001')
		.replace(/\*\*\/?/g, '\uE000')
		.replace(/\*/g, '[^/]*')
		.replace(/\?/g, '[^/]')
		.replace(/\uE000/g, '(?:.*/)?')
		.replace(/\uE001/g, '(?:/.*)?');
	return new RegExp(`^${body}$`);
}
