import {
	linguistLanguages,
	looseLinguistLanguages,
	shikiLanguages,
} from './fence-language-table.ts';

/**
 * Fence languages written to be shown as they are, which neither GitHub nor the site colours:
 * never reported as unknown.
 */
const plainOnPurpose = new Set([
	'',
	'none',
	'nohighlight',
	'no-highlight',
	'output',
	'raw',
	'math',
]);

/**
 * The Shiki language a fence's language colours with, as GitHub resolves it: Shiki's own names as
 * they are, then Linguist's names, aliases and extensions (`golang`, `yml`, `ps1`), then the same
 * names without spaces, hyphens and underscores (`shell-session`), all without case.
 * `'plaintext'` for a language shown as plain text on purpose (`text`, `none`, no language);
 * `undefined` for one neither knows.
 */
export function fenceGrammar(language: string): string | undefined {
	const name = language.toLowerCase();
	if (plainOnPurpose.has(name)) return 'plaintext';
	if (shikiLanguages.has(name)) return name;
	return linguistLanguages[name] ?? looseLinguistLanguages[name.replace(/[\s_-]+/g, '')];
}
