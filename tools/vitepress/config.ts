import { readFile } from 'node:fs/promises';
import {
	arrayStrings,
	closingOf,
	configObject,
	configSource,
	objectKeys,
	type ConfigSource,
} from './config-source.ts';

/** An entry of the theme's sidebar: a page's link and its label, in the sidebar's order. */
export interface SidebarLink {
	link: string;
	text?: string;
}

/** What Waymark reads of a VitePress config. */
export interface VitepressConfig {
	/** The site's `title`. */
	title?: string;
	/** `srcDir`, relative to the project (the folder holding `.vitepress/`). @default '.' */
	srcDir: string;
	/** `base`, with slashes at both ends. @default '/' */
	base: string;
	/** `cleanUrls`: pages at `/guide/setup`, not `/guide/setup.html` (both reach the page when linked). */
	cleanUrls: boolean;
	/** `rewrites` written as literals: a page's path in `srcDir` → the path VitePress publishes it at (`:param` and `(.*)` patterns kept). */
	rewrites: Array<[string, string]>;
	/** `srcExclude` globs. */
	srcExclude: string[];
	/** The theme's sidebar links, in order, where written as literals. */
	sidebar: SidebarLink[];
	/** Containers `markdown.config` registers with markdown-it-container (`md.use(container, 'success', …)`). */
	containers: string[];
}

export async function readVitepressConfig(file: string): Promise<VitepressConfig | undefined> {
	const text = await readFile(file, 'utf8').catch(() => undefined);
	return text === undefined ? undefined : parseVitepressConfig(text);
}

/** The config from its text (`.vitepress/config.mts`), read without running it. */
export function parseVitepressConfig(text: string): VitepressConfig {
	const config: VitepressConfig = {
		srcDir: '.',
		base: '/',
		cleanUrls: false,
		rewrites: [],
		srcExclude: [],
		sidebar: [],
		containers: [],
	};
	const source = configSource(text);
	// Registered anywhere in the file (`markdown.config`, a plugin function of its own), the name written as a literal.
	for (const use of text.matchAll(/\.use\(\s*\w*[Cc]ontainer\w*\s*,\s*(['"])([\w-]+)\1/g))
		if (source.code[use.index] === '.' && !config.containers.includes(use[2]!))
			config.containers.push(use[2]!);
	const start = configObject(source);
	if (start === undefined) return config;
	const keys = objectKeys(source, start);
	const string = (key: string) => {
		const value = keys.get(key);
		return value?.kind === 'string' ? value.value : undefined;
	};
	const title = string('title')?.trim();
	if (title) config.title = title;
	const srcDir = string('srcDir');
	if (srcDir !== undefined) config.srcDir = srcDir.replace(/^\.\/|\/+$/g, '') || '.';
	const base = string('base');
	if (base) config.base = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
	const clean = keys.get('cleanUrls');
	if (clean?.kind === 'boolean') config.cleanUrls = clean.value;
	const rewrites = keys.get('rewrites');
	if (rewrites?.kind === 'object') {
		for (const [from, to] of objectKeys(source, rewrites.start))
			if (to.kind === 'string')
				config.rewrites.push([from.replace(/^\.\//, ''), to.value.replace(/^\.\//, '')]);
	}
	const exclude = keys.get('srcExclude');
	if (exclude?.kind === 'array') config.srcExclude = arrayStrings(source, exclude.start);
	config.sidebar = sidebarLinks(source, keys.get('themeConfig'));
	return config;
}

/** The `{ text, link }` objects of `themeConfig.sidebar`, in order, or of a `sidebar` constant of the same file. */
function sidebarLinks(
	source: ConfigSource,
	themeConfig: ReturnType<typeof objectKeys> extends Map<string, infer V> ? V | undefined : never,
): SidebarLink[] {
	const sidebar =
		themeConfig?.kind === 'object'
			? objectKeys(source, themeConfig.start).get('sidebar')
			: undefined;
	let start = sidebar?.kind === 'object' || sidebar?.kind === 'array' ? sidebar.start : undefined;
	if (start === undefined) {
		const constant = /\b(?:const|let|var)\s+sidebar\w*\s*(?::[^=]*)?=\s*[[{]/i.exec(source.code);
		if (constant) start = constant.index + constant[0].length - 1;
	}
	if (start === undefined) return [];
	const end = closingOf(source.code, start);
	const links: SidebarLink[] = [];
	for (let i = start; i < end; i++) {
		if (source.code[i] !== '{') continue;
		const entry = objectKeys(source, i);
		const link = entry.get('link');
		const text = entry.get('text');
		if (link?.kind === 'string')
			links.push({ link: link.value, ...(text?.kind === 'string' && { text: text.value }) });
	}
	return links;
}
