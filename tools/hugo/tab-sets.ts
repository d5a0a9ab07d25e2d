import { aloneOnLine, type Token } from './shortcode-tokens.ts';

/** Shortcodes that hold a set of tabs: Docsy's `tabpane`, hugo-book's and many sites' own `tabs`. */
const tabSetShortcodes = new Set(['tabs', 'tabpane']);
/** Their tabs: Docsy's and hugo-book's `tab`, `codetab` (dapr's). */
const tabShortcodes = new Set(['tab', 'codetab']);

/**
 * A set of tabs whose every tab stands on lines of its own becomes the site's content tabs, as
 * MkDocs' `=== "Title"` does: each tab labelled by its own `header`, `name`, `title` or first
 * argument (Docsy, hugo-book), else by the set's argument in its place (dapr's
 * `{{< tabs "Self-Hosted" "Kubernetes" >}}`), else "Tab n". Any other shape is left to the
 * wrappers' rule: its content shown, reported.
 */
export function markTabSets(tokens: Token[], text: string): void {
	// Each tab's own set: the nearest set around it with no tab between (a tab in a tab belongs to
	// that tab's content). Wrappers that pair nest, so one stack over them finds it.
	const tabsOf = new Map<Token, Token[]>();
	const around: Array<Token | undefined> = [];
	for (const token of tokens) {
		if (!token.pair) continue;
		if (token.closing) {
			around.pop();
			continue;
		}
		const owner = around.at(-1);
		const isTab = tabShortcodes.has(token.name);
		if (isTab && owner && tabSetShortcodes.has(owner.name)) {
			const tabs = tabsOf.get(owner) ?? [];
			tabsOf.set(owner, tabs);
			tabs.push(token);
		}
		around.push(isTab || tabSetShortcodes.has(token.name) ? token : owner);
	}
	for (const [set, direct] of tabsOf) {
		if (!aloneOnLine(set, text) || !aloneOnLine(set.pair as Token, text)) continue;
		if (!direct.every((tab) => aloneOnLine(tab, text) && aloneOnLine(tab.pair as Token, text)))
			continue;
		set.tabSet = true;
		direct.forEach((tab, n) => {
			const label =
				tab.named['header'] ??
				tab.named['name'] ??
				tab.named['title'] ??
				tab.positional[0] ??
				set.positional[n] ??
				`Tab ${n + 1}`;
			// Docsy highlights a tab's body as code unless `text=true` is on the tab or its pane (a tab's `false` does not undo its pane's `true`).
			const code =
				set.name === 'tabpane' &&
				tab.name === 'tab' &&
				set.named['text'] !== 'true' &&
				tab.named['text'] !== 'true';
			tab.tab = { label: label.replace(/\s+/g, ' ').trim(), first: n === 0, code };
		});
	}
}

/**
 * A Docsy tab whose body is code (its `tabpane.html` highlights it with the tab's or the pane's
 * `lang`) becomes an indented code block inside its tab, no line added: the offsets of its body's
 * lines, blank ones left out, where four spaces go. Shortcodes in such a body are code's. Only a
 * tab that becomes a content tab (`isWrapper`: its shortcodes become a directive's lines) has one.
 */
export function indentCodeTabs(
	tokens: Token[],
	lines: readonly string[],
	lineStarts: readonly number[],
	isWrapper: (tab: Token) => boolean,
): number[] {
	const offsets: number[] = [];
	let bodyEnd = -1;
	for (const token of tokens) {
		if (token.start < bodyEnd) {
			token.inCode = true;
			continue;
		}
		if (!token.tab?.code || !isWrapper(token)) continue;
		const closing = token.pair as Token;
		bodyEnd = closing.start;
		// `line` is 1-based: the body runs from the line after the tab's to the one before its closing.
		for (let line = token.line; line < closing.line - 1; line++)
			if ((lines[line] ?? '').trim() !== '') offsets.push(lineStarts[line] as number);
	}
	return offsets;
}
