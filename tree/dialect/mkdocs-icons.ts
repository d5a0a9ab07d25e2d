import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The icon sets Material for MkDocs ships, from Iconify's npm packages of the same sets (Material
 * Design Icons, Font Awesome Free, Octicons, Simple Icons), which hold each set in one JSON file:
 * about 10 MB installed where the sets' own packages (`@mdi/svg`, `@fortawesome/fontawesome-free`,
 * `@primer/octicons`, `simple-icons`) take about 100 MB with their fonts, sprites and scripts.
 * Their licences are the sets' own. Icons Iconify keeps only for old names (`hidden`) are left
 * out: Material's index has no file for them.
 */
const sets: Array<{ prefix: string; iconify: string; credit?: string }> = [
	{ prefix: 'material-', iconify: '@iconify-json/mdi' },
	{ prefix: 'fontawesome-brands-', iconify: '@iconify-json/fa7-brands', credit: fontAwesomeCredit() },
	{ prefix: 'fontawesome-regular-', iconify: '@iconify-json/fa7-regular', credit: fontAwesomeCredit() },
	{ prefix: 'fontawesome-solid-', iconify: '@iconify-json/fa7-solid', credit: fontAwesomeCredit() },
	{ prefix: 'octicons-', iconify: '@iconify-json/octicon' },
	{ prefix: 'simple-', iconify: '@iconify-json/simple-icons' },
];

interface IconifySet {
	width?: number;
	height?: number;
	icons: Record<string, { body: string; width?: number; height?: number; left?: number; top?: number; hidden?: boolean }>;
}

const require = createRequire(import.meta.url);
const loaded = new Map<string, IconifySet>();

/** The SVG of a Material icon shortcode's name (`octicons-link-external-16`), or `undefined` when no set has it. */
export function materialIcon(name: string): string | undefined {
	const set = sets.find((candidate) => name.startsWith(candidate.prefix));
	if (!set) return undefined;
	const data = iconSet(set.iconify);
	const icon = Object.hasOwn(data.icons, name.slice(set.prefix.length)) ? data.icons[name.slice(set.prefix.length)] : undefined;
	if (!icon || icon.hidden) return undefined;
	const box = [icon.left ?? 0, icon.top ?? 0, icon.width ?? data.width ?? 16, icon.height ?? data.height ?? 16].join(' ');
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${box}">${set.credit ?? ''}${icon.body}</svg>`;
}

function iconSet(name: string): IconifySet {
	let data = loaded.get(name);
	if (!data) loaded.set(name, (data = JSON.parse(readFileSync(require.resolve(`${name}/icons.json`), 'utf8')) as IconifySet));
	return data;
}

/** Font Awesome Free's icons are CC BY 4.0: each one carries its credit, as in Font Awesome's own SVG files. */
function fontAwesomeCredit(): string {
	return '<!-- Font Awesome Free by @fontawesome - https://fontawesome.com License - https://fontawesome.com/license/free -->';
}
