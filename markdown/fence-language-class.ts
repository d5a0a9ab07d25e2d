import type { Element } from 'hast';
import { fenceGrammar } from './fence-languages.ts';

const languageClass = /^language-(.+)$/;

/**
 * Names a code block's language as Shiki knows it, before it is highlighted: a name GitHub colours
 * by Linguist (`golang`, `shell-session`, `Dockerfile`) becomes Shiki's (`go`, `shellsession`,
 * `docker`), and one neither knows becomes `plaintext`, so Shiki neither guesses nor warns once a
 * block: the `fence-languages` rule reports each such language once. Languages in `excluded` (Astro
 * leaves `math` alone) and Shiki's own names as written stay as they are.
 */
export function nameFenceLanguage(pre: Element, excluded: readonly string[]): void {
	const code = pre.children[0];
	if (code?.type !== 'element') return;
	const classes = code.properties['className'];
	if (!Array.isArray(classes)) return;
	const at = classes.findIndex((name) => typeof name === 'string' && languageClass.test(name));
	const written = at === -1 ? undefined : languageClass.exec(String(classes[at]))?.[1];
	if (written === undefined || excluded.includes(written)) return;
	const grammar = fenceGrammar(written) ?? 'plaintext';
	if (grammar === written) return;
	code.properties['className'] = classes.map((name, index) =>
		index === at ? `language-${grammar}` : name,
	);
}
