/**
 * Label references as Prometheus alert templates write them, and the `<name>` placeholders of
 * commands: where they are in a text and which label each names. Shared by the page (filling
 * them), the checks (reporting the ones no alert carries), `alerts/runbook-url.ts` and the export.
 * Plain functions; nothing here reads a page or the DOM.
 */

/** A Prometheus label name (`[a-zA-Z_][a-zA-Z0-9_]*`); names starting with `__` are Prometheus's own. */
export function isLabelName(name: string): boolean {
	return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !name.startsWith('__');
}

/** The template functions Waymark applies to a label's value, as Prometheus's templates define them. */
const labelFunctions: Record<string, (value: string) => string> = {
	toLower: (v) => v.toLowerCase(),
	toUpper: (v) => v.toUpperCase(),
	title: (v) => v.replace(/\b\w/g, (c) => c.toUpperCase()),
	urlquery: (v) => encodeURIComponent(v),
};

/** One label reference inside `{{ … }}`: the label and the functions it is piped through. */
export interface LabelAction {
	name: string;
	pipes: string[];
}

/**
 * The label an action reads (`$labels.NAME`, `.Labels.NAME`, `index $labels "NAME"`, optionally
 * piped through `toLower`, `toUpper`, `title` or `urlquery`), or undefined for anything else
 * (`$value`, `$externalURL`, another function): Waymark cannot say what that prints.
 */
export function parseLabelAction(action: string): LabelAction | undefined {
	const [head = '', ...pipes] = action.split('|').map((part) => part.trim());
	const name =
		/^\$labels\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(head)?.[1] ??
		/^\.Labels\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(head)?.[1] ??
		/^index\s+(?:\$labels|\.Labels)\s+"([^"\\]+)"$/.exec(head)?.[1];
	if (name === undefined || !pipes.every((pipe) => pipe in labelFunctions)) return undefined;
	return { name, pipes };
}

/** `value` through the action's functions. */
export function applyPipes(value: string, pipes: string[]): string {
	return pipes.reduce((v, pipe) => labelFunctions[pipe]?.(v) ?? v, value);
}

/** A placeholder found in a text: `[start, end)` are offsets into it. */
export interface Placeholder {
	start: number;
	end: number;
	/** The label it names, as written (`<INSTANCE>` names `INSTANCE`; see `labelFor`). */
	name: string;
	/** `template`: `{{ $labels.NAME }}` and its spellings; `angle`: `<name>` in a code block. */
	kind: 'template' | 'angle';
	/** Template functions to apply to the value (`| toUpper`). */
	pipes: string[];
}

/** The longest `{{ … }}` read as a label reference; longer ones are left as they are. */
const maxActionLength = 160;

/**
 * Every `{{ … }}` in `text` that reads a label, in order. Time is linear in the text: each `{{`
 * looks at most `maxActionLength` characters ahead for its `}}`.
 */
function findTemplates(text: string): Placeholder[] {
	const found: Placeholder[] = [];
	let from = 0;
	for (;;) {
		const start = text.indexOf('{{', from);
		if (start === -1) return found;
		const close = text.slice(start + 2, start + 2 + maxActionLength).indexOf('}}');
		if (close === -1) {
			from = start + 2;
			continue;
		}
		const end = start + 2 + close + 2;
		// Go's trim markers: `{{- ` and ` -}}`.
		const inner = text
			.slice(start + 2, end - 2)
			.replace(/^-\s/, '')
			.replace(/\s-$/, '');
		const action = inner.includes('\n') ? undefined : parseLabelAction(inner);
		if (action) {
			found.push({ start, end, name: action.name, kind: 'template', pipes: action.pipes });
			from = end;
		} else from = start + 2;
	}
}

/**
 * `<name>` placeholders: a label name between angle brackets, not right after a letter, digit,
 * `_` or `<` (so `Vec<T>`, `<<EOF` and `List<item>` are not placeholders) and not an HTML tag
 * (`</b>`, `<br/>` and tags with attributes have other characters).
 */
function findAngles(text: string): Placeholder[] {
	const found: Placeholder[] = [];
	for (const match of text.matchAll(/<([A-Za-z_][A-Za-z0-9_]*)>/g)) {
		const before = text[match.index - 1];
		if (before !== undefined && /[A-Za-z0-9_<]/.test(before)) continue;
		const name = match[1]!;
		if (!isLabelName(name)) continue;
		found.push({
			start: match.index,
			end: match.index + match[0].length,
			name,
			kind: 'angle',
			pipes: [],
		});
	}
	return found;
}

/**
 * The placeholders of a text, in order and never overlapping: `{{ $labels.NAME }}` everywhere,
 * and with `angle` (code blocks that are not markup) also `<name>`.
 */
export function findPlaceholders(text: string, options: { angle: boolean }): Placeholder[] {
	const templates = findTemplates(text);
	if (!options.angle) return templates;
	const angles = findAngles(text).filter(
		(a) => !templates.some((t) => a.start < t.end && t.start < a.end),
	);
	return [...templates, ...angles].sort((a, b) => a.start - b.start);
}

/**
 * Which of `labels` a placeholder takes its value from: the label of its name, or for an
 * all-capitals `<NAME>` with no label of that name, the lower-case one (`<NAMESPACE>` →
 * `namespace`). `{{ $labels.NAME }}` is exact, as in Prometheus.
 */
export function labelFor(
	placeholder: Pick<Placeholder, 'name' | 'kind'>,
	has: (name: string) => boolean,
): string | undefined {
	if (has(placeholder.name)) return placeholder.name;
	if (placeholder.kind === 'angle' && /^[A-Z0-9_]+$/.test(placeholder.name)) {
		const lower = placeholder.name.toLowerCase();
		if (has(lower)) return lower;
	}
	return undefined;
}

/**
 * Code block languages whose text is markup: there `<name>` is a tag, never a placeholder.
 */
const markupLanguages = new Set([
	'html',
	'xml',
	'svg',
	'xhtml',
	'vue',
	'svelte',
	'astro',
	'jsx',
	'tsx',
	'mdx',
	'markdown',
	'md',
	'handlebars',
	'hbs',
	'jinja',
	'twig',
	'php',
	'erb',
	'xsl',
	'xslt',
	'plist',
	'rss',
	'atom',
]);

/** Whether `<name>` placeholders are read in a code block of this language. */
export function readsAnglePlaceholders(language: string): boolean {
	return !markupLanguages.has(language.toLowerCase());
}
