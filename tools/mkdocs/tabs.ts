import { directive } from './admonitions.ts';
import type { ContainerOpener } from './blocks.ts';

const opener = /^([ \t]*)===(\+|\+!|!\+|!)? +"(.*)" *$/;

/**
 * A `pymdownx.tabbed` tab's first line (`=== "Title"`) as a `:::tab[Title]` container directive.
 * `+` selects the tab (`{select}`), `!` starts a new set of tabs (`{new}`); tabs that follow one
 * another form one set (`markdown/content-tabs.ts`).
 */
export function tabOpener(line: string): ContainerOpener | undefined {
	const match = opener.exec(line);
	if (!match) return undefined;
	const [, indent = '', flags = '', title = ''] = match;
	return {
		indent,
		directive: directive(
			'tab',
			title,
			[flags.includes('+') ? 'select' : '', flags.includes('!') ? 'new' : ''].filter(Boolean),
		),
	};
}
