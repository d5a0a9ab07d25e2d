import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The icon sets Material for MkDocs ships, from Iconify's npm packages of the same sets (Material
 * Design Icons, Font Awesome Free, Octicons, Simple Icons), which hold each set in one JSON file:
 * about 10 MB installed where the sets' own packages (`@mdi/svg`, `@fortawesome/fontawesome-free`,
 * `@primer/octicons`, `simple-icons`) take about 100 MB with their fonts, sprites and scripts.
 * Their licences are the sets' own. Icons Iconify keeps only for old names (`hidden`) are left
 * out: Material's index has no file for them.
 */
const sets: Array<{ prefix: string; file: () => string; credit?: string }> = [
	{ prefix: 'material-', file: () => require.resolve('@iconify-json/mdi/icons.json') },
	{
		prefix: 'fontawesome-brands-',
		file: () => require.resolve('@iconify-json/fa7-brands/icons.json'),
		credit: fontAwesomeCredit(),
	},
	{
		prefix: 'fontawesome-regular-',
		file: () => require.resolve('@iconify-json/fa7-regular/icons.json'),
		credit: fontAwesomeCredit(),
	},
	{
		prefix: 'fontawesome-solid-',
		file: () => require.resolve('@iconify-json/fa7-solid/icons.json'),
		credit: fontAwesomeCredit(),
	},
	{ prefix: 'octicons-', file: () => require.resolve('@iconify-json/octicon/icons.json') },
	{ prefix: 'simple-', file: () => require.resolve('@iconify-json/simple-icons/icons.json') },
];

interface IconifySet {
	width?: number;
	height?: number;
	icons: Record<
		string,
		{ body: string; width?: number; height?: number; left?: number; top?: number; hidden?: boolean }
	>;
}

const loaded = new Map<string, IconifySet>();

/** The SVG of a Material icon shortcode's name (`octicons-link-external-16`), or `undefined` when no set has it. */
export function materialIcon(name: string): string | undefined {
	const set = sets.find((candidate) => name.startsWith(candidate.prefix));
	if (!set) return undefined;
	const data = iconSet(set.prefix, set.file);
	const icon = Object.hasOwn(data.icons, name.slice(set.prefix.length))
		? data.icons[name.slice(set.prefix.length)]
		: undefined;
	if (!icon || icon.hidden) return undefined;
	const box = [
		icon.left ?? 0,
		icon.top ?? 0,
		icon.width ?? data.width ?? 16,
		icon.height ?? data.height ?? 16,
	].join(' ');
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${box}">${set.credit ?? ''}${icon.body}</svg>`;
}

function iconSet(prefix: string, file: () => string): IconifySet {
	let data = loaded.get(prefix);
	if (!data) loaded.set(prefix, (data = JSON.parse(readFileSync(file(), 'utf8')) as IconifySet));
	return data;
}

/** Font Awesome Free's icons are CC BY 4.0: each one carries its credit, as in Font Awesome's own SVG files. */
function fontAwesomeCredit(): string {
	return '<!-- Font Awesome Free by @fontawesome - https://fontawesome.com License - https://fontawesome.com/license/free -->';
}
