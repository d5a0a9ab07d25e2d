import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';
import type { GuidebookTree } from '../../../tree/load-tree.ts';
import { remarkSettingsFromMarkdownlint } from './markdownlint-rules.ts';
import { isInside } from '../../../core/path-inside.ts';

/** A repository's own lint settings, as remark-lint rule → on/off. */
export interface RepoLintConfig {
	/** The file they come from, relative to the repository top (or the root outside git). */
	file: string;
	rules: Map<string, 'on' | 'off'>;
}

/** Looked for in each folder, nearest first; markdownlint's JavaScript configs cannot be read without running them. */
const candidates = [
	'.markdownlint-cli2.jsonc',
	'.markdownlint-cli2.yaml',
	'.markdownlint.jsonc',
	'.markdownlint.json',
	'.markdownlint.yaml',
	'.markdownlint.yml',
	'.remarkrc',
	'.remarkrc.json',
	'.remarkrc.yaml',
	'.remarkrc.yml',
	'package.json',
];

const cache = new WeakMap<GuidebookTree, Promise<RepoLintConfig | undefined>>();

/**
 * The markdownlint or remark configuration nearest the guidebook root: in the root, then each
 * folder above it up to the repository top (only the root outside git). `undefined` when there is
 * none, or when the nearest cannot be parsed (Waymark then keeps its own defaults).
 */
export function findRepoLintConfig(tree: GuidebookTree): Promise<RepoLintConfig | undefined> {
	let found = cache.get(tree);
	if (!found) cache.set(tree, (found = search(tree)));
	return found;
}

async function search(tree: GuidebookTree): Promise<RepoLintConfig | undefined> {
	const top = tree.place?.top ?? tree.root;
	for (let dir = tree.root; ; dir = dirname(dir)) {
		for (const name of candidates) {
			const text = await readFile(join(dir, name), 'utf8').catch(() => undefined);
			if (text === undefined) continue;
			const rules = settingsOf(name, text);
			// package.json without `remarkConfig` says nothing about lint; keep looking.
			if (rules === null) continue;
			return rules && { file: relative(top, join(dir, name)).split(sep).join('/'), rules };
		}
		if (dir === top || dirname(dir) === dir || !isInside(dir, top)) return undefined;
	}
}

/** remark-lint settings from one file's text; `null` when the file holds no lint config, `undefined` when it cannot be parsed. */
function settingsOf(name: string, text: string): Map<string, 'on' | 'off'> | null | undefined {
	const data = parse(name, text);
	if (data === undefined) return undefined;
	if (name === 'package.json')
		return isObject(data['remarkConfig']) ? remarkSettings(data['remarkConfig']) : null;
	if (name.startsWith('.remarkrc')) return remarkSettings(data);
	// markdownlint-cli2 nests markdownlint's own config under `config`.
	return remarkSettingsFromMarkdownlint(
		name.startsWith('.markdownlint-cli2') ? (isObject(data['config']) ? data['config'] : {}) : data,
	);
}

function parse(name: string, text: string): Record<string, unknown> | undefined {
	let data: unknown;
	if (/\.ya?ml$/.test(name) || name === '.remarkrc') {
		try {
			data = parseYaml(text);
		} catch {
			return undefined;
		}
	} else {
		const errors: ParseError[] = [];
		data = parseJsonc(text, errors, { allowTrailingComma: true });
		if (errors.length > 0) return undefined;
	}
	return isObject(data) ? data : undefined;
}

// The rules of remark-preset-lint-recommended, which a `.remarkrc` may turn on as a whole.
const recommended = [
	'final-newline',
	'list-item-bullet-indent',
	'list-item-indent',
	'no-blockquote-without-marker',
	'no-literal-urls',
	'ordered-list-marker-style',
	'hard-break-spaces',
	'no-duplicate-definitions',
	'no-heading-content-indent',
	'no-shortcut-reference-image',
	'no-shortcut-reference-link',
	'no-undefined-references',
	'no-unused-definitions',
];

/** `{ plugins: ['remark-preset-lint-recommended', ['remark-lint-final-newline', false]] }` (or an object of plugin → setting) as remark-lint rule → on/off. */
function remarkSettings(config: Record<string, unknown>): Map<string, 'on' | 'off'> {
	const settings = new Map<string, 'on' | 'off'>();
	const plugins = config['plugins'];
	const entries: Array<[string, unknown]> = Array.isArray(plugins)
		? plugins.map((entry): [string, unknown] =>
				Array.isArray(entry)
					? [String(entry[0]), entry.length > 1 ? entry[1] : true]
					: [String(entry), true],
			)
		: isObject(plugins)
			? Object.entries(plugins)
			: [];
	for (const [plugin, setting] of entries) {
		const on = isOn(Array.isArray(setting) ? setting[0] : setting);
		if (/^(remark-)?preset-lint-recommended$/.test(plugin))
			for (const rule of recommended) settings.set(rule, on ? 'on' : 'off');
		const rule = /^(?:remark-)?lint-(.+)$/.exec(plugin)?.[1];
		if (rule) settings.set(rule, on ? 'on' : 'off');
	}
	return settings;
}

function isOn(value: unknown): boolean {
	return value !== false && value !== 'off' && value !== 0 && value !== null;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
