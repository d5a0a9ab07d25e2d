/**
 * Writes `markdown/fence-language-table.ts`: every fence language GitHub colours, by the names,
 * aliases and extensions of its Linguist (the `linguist-languages` package, pinned), mapped to the
 * Shiki grammar of the same TextMate scope (else of the same name or alias), plus the names Shiki
 * knows itself. `npm run generate:fence-languages` runs it; `test/site/fence-languages.test.ts`
 * fails while the file is not what it would write.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as linguist from 'linguist-languages';
import { bundledLanguagesInfo } from 'shiki';
import { promqlGrammar } from './promql-grammar.ts';

export const fenceTablePath = fileURLToPath(new URL('./fence-language-table.ts', import.meta.url));

/** Shiki's names for languages it draws as plain text, which need no grammar. */
const shikiPlain = ['plaintext', 'plain', 'text', 'txt', 'ansi'];

interface LinguistLanguage {
	name: string;
	tmScope?: string;
	aliases?: readonly string[];
	extensions?: readonly string[];
}

/** A name as a fence may write it, compared without case. */
const lower = (name: string): string => name.toLowerCase();
/** The same name with its spaces, hyphens and underscores left out: `shell-session`, `Shell Session`, `shellsession`. */
const looseName = (name: string): string => lower(name).replace(/[\s_-]+/g, '');

/** The table's source text, from the installed `linguist-languages` and Shiki. */
export async function renderFenceLanguageTable(): Promise<string> {
	// Shiki's grammars by id, with their TextMate scopes (each loaded once, for its `scopeName`).
	const grammars = [
		...bundledLanguagesInfo.map((info) => ({
			id: info.id,
			aliases: info.aliases ?? [],
			load: info.import,
		})),
		{
			id: promqlGrammar.name,
			aliases: [],
			load: () => Promise.resolve({ default: [promqlGrammar] }),
		},
	];
	const byScope = new Map<string, string>();
	const byName = new Map<string, string>();
	for (const grammar of grammars) {
		const own = (await grammar.load()).default.find(
			(registration) => registration.name === grammar.id,
		);
		if (own?.scopeName && !byScope.has(own.scopeName)) byScope.set(own.scopeName, grammar.id);
		for (const name of [grammar.id, ...grammar.aliases])
			if (!byName.has(lower(name))) byName.set(lower(name), grammar.id);
	}
	const native = new Set([...byName.keys(), ...shikiPlain]);

	// Linguist's languages, in its order; an extension counts only when one language has it.
	const languages = Object.values(linguist as Record<string, LinguistLanguage>).sort((a, b) =>
		a.name < b.name ? -1 : 1,
	);
	const extensionOwners = new Map<string, number>();
	for (const language of languages)
		for (const extension of language.extensions ?? [])
			extensionOwners.set(
				lower(extension.slice(1)),
				(extensionOwners.get(lower(extension.slice(1))) ?? 0) + 1,
			);
	const exact = new Map<string, string>();
	const loose = new Map<string, string>();
	for (const language of languages) {
		// Linguist's Text is Shiki's plain text: its other names (`fundamental`) are plain on purpose too.
		const grammar =
			(language.tmScope && byScope.get(language.tmScope)) ??
			[language.name, ...(language.aliases ?? [])]
				.map((name) => byName.get(lower(name)))
				.find(Boolean) ??
			(shikiPlain.includes(lower(language.name)) ? 'plaintext' : undefined);
		if (!grammar) continue;
		const names = [language.name, language.name.replace(/\s+/g, '-'), ...(language.aliases ?? [])];
		const extensions = (language.extensions ?? [])
			.map((extension) => extension.slice(1))
			.filter((extension) => extensionOwners.get(lower(extension)) === 1);
		// Shiki's own names stay Shiki's: a fence that colours today keeps its colours.
		for (const name of [...names, ...extensions])
			if (!native.has(lower(name)) && !exact.has(lower(name)) && !/\s/.test(name))
				exact.set(lower(name), grammar);
		for (const name of names) if (!loose.has(looseName(name))) loose.set(looseName(name), grammar);
	}
	// Shiki's own names without their hyphens too (`objectivec`), after Linguist's.
	for (const [name, grammar] of byName)
		if (!loose.has(looseName(name))) loose.set(looseName(name), grammar);
	const entries = (map: Map<string, string>): string =>
		[...map]
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([key, value]) => `\t${JSON.stringify(key)}: ${JSON.stringify(value)},`)
			.join('\n');
	return `// Written by markdown/write-fence-languages.ts (npm run generate:fence-languages) from
// linguist-languages and Shiki; do not edit.

/** The names Shiki colours (or draws as plain text) by itself, lower-case. */
export const shikiLanguages: ReadonlySet<string> = new Set(${JSON.stringify([...native].sort())});

/** Linguist's other names, aliases and extensions of a language Shiki colours, lower-case, by Shiki's name for it. */
export const linguistLanguages: Readonly<Record<string, string>> = {
${entries(exact)}
};

/** The same by Linguist's names and aliases without spaces, hyphens and underscores (\`shell-session\`). */
export const looseLinguistLanguages: Readonly<Record<string, string>> = {
${entries(loose)}
};
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	await writeFile(fenceTablePath, await renderFenceLanguageTable());
	process.stdout.write(`Wrote ${fenceTablePath}\n`);
}
