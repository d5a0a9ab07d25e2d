/**
 * markdownlint rules beside the remark-lint rules Waymark runs, so a repository's own
 * `.markdownlint*` settings carry over: a rule turned off there is off here. `remark` lists the
 * remark-lint rules each one corresponds to; where it names a rule Waymark does not run, the
 * setting has nothing to change. Names, aliases and tags from markdownlint's `doc/Rules.md`.
 */
const markdownlintRules = [
	{
		id: 'MD004',
		alias: 'ul-style',
		tags: ['bullet', 'ul'],
		remark: ['unordered-list-marker-style'],
	},
	// remark's `list-item-bullet-indent` flags indented ordered lists too, which markdownlint never checks: no counterpart.
	{ id: 'MD007', alias: 'ul-indent', tags: ['bullet', 'ul', 'indentation'], remark: [] },
	{ id: 'MD009', alias: 'no-trailing-spaces', tags: ['whitespace'], remark: ['hard-break-spaces'] },
	{
		id: 'MD012',
		alias: 'no-multiple-blanks',
		tags: ['whitespace', 'blank_lines'],
		remark: ['no-consecutive-blank-lines'],
	},
	{
		id: 'MD019',
		alias: 'no-multiple-space-atx',
		tags: ['headings', 'atx', 'spaces'],
		remark: ['no-heading-content-indent'],
	},
	{
		id: 'MD021',
		alias: 'no-multiple-space-closed-atx',
		tags: ['headings', 'atx_closed', 'spaces'],
		remark: ['no-heading-content-indent'],
	},
	{
		id: 'MD024',
		alias: 'no-duplicate-heading',
		tags: ['headings'],
		remark: ['no-duplicate-headings'],
	},
	{
		id: 'MD026',
		alias: 'no-trailing-punctuation',
		tags: ['headings'],
		remark: ['no-heading-punctuation'],
	},
	{ id: 'MD029', alias: 'ol-prefix', tags: ['ol'], remark: ['ordered-list-marker-value'] },
	{
		id: 'MD030',
		alias: 'list-marker-space',
		tags: ['ol', 'ul', 'whitespace'],
		remark: ['list-item-indent'],
	},
	{ id: 'MD034', alias: 'no-bare-urls', tags: ['links', 'url'], remark: ['no-literal-urls'] },
	{ id: 'MD042', alias: 'no-empty-links', tags: ['links'], remark: ['no-empty-url'] },
	{
		id: 'MD047',
		alias: 'single-trailing-newline',
		tags: ['blank_lines'],
		remark: ['final-newline'],
	},
	{
		id: 'MD052',
		alias: 'reference-links-images',
		tags: ['links', 'images'],
		remark: ['no-undefined-references'],
	},
	{
		id: 'MD053',
		alias: 'link-image-reference-definitions',
		tags: ['links', 'images'],
		remark: ['no-unused-definitions', 'no-duplicate-definitions'],
	},
	{
		id: 'MD054',
		alias: 'link-image-style',
		tags: ['links', 'images'],
		remark: ['no-shortcut-reference-link', 'no-shortcut-reference-image'],
	},
] as const;

type Setting = 'on' | 'off';

/**
 * remark-lint rule → on/off from a markdownlint config object (`default`, rule ids, aliases and
 * tags; a specific rule wins over its tags, a tag over `default`). Only rules with a counterpart
 * are set. Two readings go beyond a plain on/off: `MD054` is on only with `shortcut: false` (its
 * default allows shortcut references), and `MD007` with an `indent` of 3 or more (MkDocs' nesting)
 * turns `list-item-indent` off, whose one-space rule would break that nesting.
 */
export function remarkSettingsFromMarkdownlint(
	config: Record<string, unknown>,
): Map<string, Setting> {
	const keys = new Map(Object.entries(config).map(([key, value]) => [key.toLowerCase(), value]));
	const fallback = keys.get('default') !== false;
	const settings = new Map<string, Setting>();
	for (const rule of markdownlintRules) {
		const value =
			[rule.id, rule.alias].map((k) => keys.get(k.toLowerCase())).find((v) => v !== undefined) ??
			rule.tags.map((tag) => keys.get(tag)).find((v) => v !== undefined);
		let on = value === undefined ? fallback : isOn(value);
		if (rule.id === 'MD054') on &&= isObject(value) && value['shortcut'] === false;
		// Two markdownlint rules may share a remark rule (MD019, MD021): it runs when either does.
		for (const name of rule.remark)
			if (settings.get(name) !== 'on') settings.set(name, on ? 'on' : 'off');
	}
	const indent = [keys.get('md007'), keys.get('ul-indent')].find(isObject)?.['indent'];
	if (typeof indent === 'number' && indent >= 3) settings.set('list-item-indent', 'off');
	return settings;
}

function isOn(value: unknown): boolean {
	return value !== false && value !== 'off' && value !== 0 && value !== null;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
