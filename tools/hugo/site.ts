import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultTypographer, type TypographerSubstitutions } from './goldmark-heading-text.ts';
import type { HugoHeadingIds } from './heading-ids.ts';
import type { HugoLinkStyle } from './links.ts';
import type { GoldmarkIdType } from './anchor-names.ts';
import type { HugoConfig } from './config.ts';
import { configValue, isTable, stringList } from './config-values.ts';
import { mountFilesOf, type MountFiles } from './mount-files.ts';
import { staticFolder, type StaticFolder } from '../static-files.ts';
import { toolFileAt } from '../tool-files.ts';

/** What Waymark takes from a Hugo site config. */
export interface HugoSite {
	/** The folder holding the config (the site's top). */
	dir: string;
	/** The config's `title`, the site's name in its header and tab. */
	title?: string;
	params?: Record<string, unknown>;
	/** `contentDir`, absolute. @default '<site>/content' */
	contentDir: string;
	/** `module.mounts` onto `content`: each source folder (absolute) and where under `content` Hugo puts it (`docs` for `content/docs`, `''` for `content`). */
	contentMounts: Array<{ source: string; target: string; files?: MountFiles }>;
	/** `staticDir` (a name or a list, plus `staticDir0`…`staticDir10`), then each theme's `static/`: where Hugo looks a static file up, in order. */
	staticFolders: StaticFolder[];
	/** The heading ids its renderer makes (without the per-page document ids, which `index.ts` adds). */
	headingIds: HugoHeadingIds;
	/** Blackfriday without `plainIDAnchors`: ids end in the page's document id. */
	documentIds: boolean;
	/** Definition lists (`Term` then `: its definition`): on in both renderers unless the config turns them off. */
	definitionLists: boolean;
	/** `menu` (or `menus`) entries of the config, by menu name, in the order written. */
	menus: Record<string, unknown[]>;
	/** `buildDrafts`: pages with `draft: true` are built too. @default false */
	buildDrafts: boolean;
	/** How links reach pages: `page-lookup` with Hugo's embedded link render hook (`markup.goldmark.renderHooks.link.enableDefault`), else as URLs until `readLinkStyle` finds the site's own hook. */
	links: HugoLinkStyle;
	/** The site's `layouts/`, then each theme's: where Hugo looks a template up, in order. */
	layoutFolders: string[];
}

/** The settings Waymark reads from a site config at `dir` (`hugoVersion`: the version the site pins, when found). */
export function hugoSiteOf(config: HugoConfig, dir: string, hugoVersion?: number[]): HugoSite {
	const params = configValue(config, 'params');
	const markup = readMarkup(config, hugoVersion);
	const menus = configValue(config, 'menus') ?? configValue(config, 'menu');
	const title = configValue(config, 'title');
	return {
		dir,
		...(typeof title === 'string' && title.trim() !== '' && { title: title.trim() }),
		...(isTable(params) && { params }),
		contentDir: join(dir, stringList(configValue(config, 'contentDir'))[0] ?? 'content'),
		contentMounts: contentMountsOf(config, dir),
		staticFolders: staticFoldersOf(config, dir),
		...markup,
		menus: isTable(menus)
			? Object.fromEntries(
					Object.entries(menus).map(([name, entries]) => [
						name,
						Array.isArray(entries) ? entries : isTable(entries) ? [entries] : [],
					]),
				)
			: {},
		buildDrafts: configValue(config, 'buildDrafts') === true,
		links:
			configValue(config, 'markup', 'goldmark', 'renderHooks', 'link', 'enableDefault') === true
				? 'page-lookup'
				: 'url',
		layoutFolders: [
			join(dir, 'layouts'),
			...themeFolders(config, dir).map((theme) => join(theme, 'layouts')),
		],
	};
}

function themeFolders(config: HugoConfig, dir: string): string[] {
	const themesDir = stringList(configValue(config, 'themesDir'))[0] ?? 'themes';
	return stringList(configValue(config, 'theme')).map((theme) => join(dir, themesDir, theme));
}

/**
 * The site's link style with its own render hook: the first `_markup/render-link.html` of its
 * layouts, then its themes' (gohugo.io "Link render hooks"; `_default/_markup/` before Hugo 0.146).
 * A hook calling `GetPage` or `relref` finds pages by path; any other writes the href as given. A
 * hook reached through a symbolic link leading out of `boundary` is not read.
 */
export async function readLinkStyle(site: HugoSite, boundary: string): Promise<HugoLinkStyle> {
	for (const layouts of site.layoutFolders) {
		for (const hook of ['_default/_markup/render-link.html', '_markup/render-link.html']) {
			const file = join(layouts, hook);
			if ((await toolFileAt(file, boundary)) !== 'file') continue;
			const text = await readFile(file, 'utf8').catch(() => '');
			return /\b(?:GetPage|relref)\b/.test(text) ? 'page-lookup' : 'url';
		}
	}
	return site.links;
}

/** The mounts of `module.mounts` whose target is `content` or a folder in it (gohugo.io "Module configuration: mounts"). */
function contentMountsOf(config: HugoConfig, dir: string): HugoSite['contentMounts'] {
	const mounts = configValue(config, 'module', 'mounts');
	return (Array.isArray(mounts) ? mounts : []).flatMap((mount) => {
		const source = configValue(mount, 'source');
		const target = configValue(mount, 'target');
		if (
			typeof source !== 'string' ||
			typeof target !== 'string' ||
			!/^content(?:\/|$)/.test(target)
		)
			return [];
		const files = mountFilesOf(mount);
		return [
			{
				source: join(dir, source),
				target: target.slice('content'.length).replace(/^\/+|\/+$/g, ''),
				...(files && { files }),
			},
		];
	});
}

function staticFoldersOf(config: HugoConfig, dir: string): StaticFolder[] {
	const own = stringList(configValue(config, 'staticDir'));
	for (let n = 0; n <= 10; n++) own.push(...stringList(configValue(config, `staticDir${n}`)));
	// A module mount onto `static` replaces the default folder, as in Hugo.
	const mounts = configValue(config, 'module', 'mounts');
	const mounted = (Array.isArray(mounts) ? mounts : []).flatMap((mount) => {
		const source = configValue(mount, 'source');
		const target = configValue(mount, 'target');
		if (typeof source !== 'string' || typeof target !== 'string' || !/^static(?:\/|$)/.test(target))
			return [];
		return [staticFolder(dir, source, target.slice('static'.length), mountFilesOf(mount))];
	});
	const folders = [
		...(own.length > 0 || mounted.length > 0 ? own : ['static']).map((name) =>
			staticFolder(dir, name),
		),
		...mounted,
	];
	for (const theme of themeFolders(config, dir)) folders.push(staticFolder(theme, 'static'));
	return folders;
}

/**
 * The renderer and its id settings. Blackfriday when `markup.defaultMarkdownHandler` says so, or
 * when the config has a top-level `blackfriday` table and no `markup` (the form of sites from before
 * Hugo 0.60, when Blackfriday was the only renderer); never when the site pins Hugo 0.100 or later,
 * which has no Blackfriday. Goldmark otherwise, with `autoIDType` (`github` by default) and the
 * typographer's substitutions.
 */
function readMarkup(
	config: HugoConfig,
	version?: number[],
): Pick<HugoSite, 'headingIds' | 'documentIds' | 'definitionLists'> {
	const markup = configValue(config, 'markup');
	const handler = configValue(markup, 'defaultMarkdownHandler');
	const legacy = configValue(config, 'blackfriday');
	const pinned = version ? (version[0] ?? 0) * 1000 + (version[1] ?? 0) : undefined;
	const blackfriday =
		typeof handler === 'string'
			? handler.toLowerCase() === 'blackfriday'
			: markup === undefined && isTable(legacy) && (pinned === undefined || pinned < 60);
	if (blackfriday && (pinned === undefined || pinned < 100)) {
		const settings = configValue(markup, 'blackFriday') ?? legacy;
		// Blackfriday's common extensions, which Hugo starts from, hold definition lists; `extensionsMask` takes one away.
		const masked = stringList(configValue(settings, 'extensionsMask')).includes('definitionLists');
		return {
			headingIds: { kind: 'blackfriday' },
			documentIds: configValue(settings, 'plainIDAnchors') !== true,
			definitionLists: !masked,
		};
	}
	const parser = configValue(markup, 'goldmark', 'parser');
	const type = configValue(parser, 'autoIDType') ?? configValue(parser, 'autoHeadingIDType');
	const typographer = readTypographer(configValue(markup, 'goldmark', 'extensions', 'typographer'));
	return {
		headingIds: {
			kind: 'goldmark',
			type:
				type === 'github-ascii' || type === 'blackfriday'
					? type
					: ('github' satisfies GoldmarkIdType),
			...(typographer && { typographer }),
			attributes: configValue(parser, 'attribute', 'title') !== false,
		},
		documentIds: false,
		definitionLists: configValue(markup, 'goldmark', 'extensions', 'definitionList') !== false,
	};
}

/** `typographer = false` (the old form) or `[typographer] disable = true` turn it off; the substitutions may be set one by one. */
function readTypographer(value: unknown): TypographerSubstitutions | undefined {
	if (value === false || configValue(value, 'disable') === true) return undefined;
	const substitutions = { ...defaultTypographer };
	for (const key of Object.keys(substitutions) as Array<keyof TypographerSubstitutions>) {
		const set = configValue(value, key);
		if (typeof set === 'string') substitutions[key] = set;
	}
	return substitutions;
}

/**
 * The Hugo version a site pins for its builds, when it says: `HUGO_VERSION` in `netlify.toml`, or
 * `hugo-version:` in a GitHub workflow (peaceiris/actions-hugo): `[0, 59]` for `0.59.1`.
 */
export async function pinnedHugoVersion(site: string): Promise<number[] | undefined> {
	const netlify = await readFile(join(site, 'netlify.toml'), 'utf8').catch(() => '');
	const workflows = await readWorkflows(join(site, '.github', 'workflows'));
	const match =
		/HUGO_VERSION\s*=\s*["']?v?(\d+)\.(\d+)/.exec(netlify) ??
		/hugo-version:\s*["']?v?(\d+)\.(\d+)/.exec(workflows);
	return match ? [Number(match[1]), Number(match[2])] : undefined;
}

async function readWorkflows(folder: string): Promise<string> {
	const names = (await readdir(folder).catch(() => [] as string[]))
		.filter((name) => /\.ya?ml$/.test(name))
		.sort();
	const texts = await Promise.all(
		names.slice(0, 20).map((name) => readFile(join(folder, name), 'utf8').catch(() => '')),
	);
	return texts.join('\n');
}
