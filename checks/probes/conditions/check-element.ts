import { distance } from 'fastest-levenshtein';
import { isGoNumber } from './compare.ts';
import { placeholderNames, placeholderOf, unwrapFunction } from './placeholders.ts';

/**
 * What Waymark refuses in one side of a condition although Gatus accepts it, because the condition
 * could then never mean what was written: Gatus reads an unknown or misspelt placeholder, or a
 * path after `[STATUS]`, as literal text, and a non-number after `<` as 0, so such a probe is
 * silently always down (or always up). Returns the message, or `undefined` when the side is fine.
 */
export function checkElement(
	element: string,
	side: 'left' | 'right',
	numeric: boolean,
	text: string,
): string | undefined {
	const { fn, inner } = unwrapFunction(element);
	const bracket = /^\[([A-Za-z_]+)\]/.exec(inner);
	if (placeholderOf(element)) return undefined;
	if (bracket) {
		const name = (bracket[1] ?? '').toUpperCase();
		const written = bracket[0];
		if (name === 'BODY')
			return `Unexpected \`${inner}\` in \`${text}\`, expected \`[BODY]\`, \`[BODY].path.to.value\` or \`[BODY][0]\``;
		if (name === 'HEADER')
			return `Unexpected \`${inner}\` in \`${text}\`, expected \`[HEADER].name\`, e.g. \`[HEADER].content-type\``;
		if ((placeholderNames as readonly string[]).includes(name))
			return `Unexpected \`${inner}\` in \`${text}\`, expected \`${written}\` alone (only \`[BODY]\` and \`[HEADER]\` take a path)`;
		if (name === 'CONTEXT')
			return `Unexpected \`${written}\` in \`${text}\`, expected a placeholder of a single probe (\`[CONTEXT]\` belongs to Gatus suites, which Waymark does not have)`;
		const nearest = placeholderNames
			.map((known) => ({ known, d: distance(known, name) }))
			.sort((a, b) => a.d - b.d)[0];
		// On the right, only a near miss of a known name (`[STATSU]`): `[OK]` there may be literal text.
		if (side === 'left' || fn || (nearest && nearest.d <= 2 && name.length >= 5)) {
			const hint =
				nearest && nearest.d <= Math.max(2, name.length / 3)
					? `; did you mean \`[${nearest.known}]\``
					: '';
			return `Unexpected placeholder \`${written}\` in \`${text}\`, expected one of ${placeholderNames.map((p) => `\`[${p}]\``).join(', ')}${hint}`;
		}
	}
	if (fn)
		return `Unexpected \`${element}\` in \`${text}\`, expected a placeholder inside \`${fn}()\`, e.g. \`${fn}([BODY].items)\``;
	if (numeric && !isGoNumber(element)) {
		if (/^(pat|any)\(.*\)$/.test(element))
			return `Unexpected \`${element}\` in \`${text}\`, expected \`pat()\` and \`any()\` only with \`==\` or \`!=\``;
		const days = /^(\d+)d$/.exec(element);
		const hint = days ? `; did you mean \`${Number(days[1]) * 24}h\`` : '';
		return `Unexpected \`${element}\` in \`${text}\`, expected a number or a duration such as \`500ms\` or \`48h\` (Gatus reads anything else as 0)${hint}`;
	}
	return undefined;
}
