/**
 * `#`, `?` and `%` in a page's route, as Astro's router is given them. GitHub serves `a#b.md` at
 * `a%23b.md`, and the site at `/a%23b/`, which a static server decodes to the folder `a#b/`; but
 * Astro reads a `#` or `?` of a page's path as the URL's fragment or query (it wrote `a%23b/`,
 * which no URL reaches) and decodes `%` (`escape%41` was looked for at `/escapeA/`, and the build
 * failed). So Astro is handed a route with a private-use character in place of each, and the files
 * it writes are renamed after it (`integration/route-names.ts`). A route that already holds one of
 * these characters is not published (`unpublishableCharacter`).
 */
const standIns: Readonly<Record<string, string>> = { '#': '\uE023', '?': '\uE03F', '%': '\uE025' };
const real: Readonly<Record<string, string>> = Object.fromEntries(
	Object.entries(standIns).map(([from, to]) => [to, from]),
);

/** The stand-in characters themselves, which no published route may hold. */
export const standInCharacters = /[\uE023\uE03F\uE025]/;

/** `text` with each `#`, `?` and `%` replaced by its stand-in, for Astro. */
export function withStandIns(text: string): string {
	return text.replace(/[#?%]/g, (character) => standIns[character] ?? character);
}

/** `text` (a path of the output, a pathname Astro reports) with the real characters back. */
export function withoutStandIns(text: string): string {
	return text.replace(/[\uE023\uE03F\uE025]/g, (character) => real[character] ?? character);
}

/** A URL path Astro made from a route with stand-ins (`/a%EE%80%A3b/`) as the site's URL of the page (`/a%23b/`). */
export function urlPathWithoutStandIns(pathname: string): string {
	return pathname
		.replaceAll('%EE%80%A3', '%23')
		.replaceAll('%EE%80%BF', '%3F')
		.replaceAll('%EE%80%A5', '%25');
}
