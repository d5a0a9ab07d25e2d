import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { MkdocsInputs, MkdocsMarkdown, MkdocsRecorded } from './settings.ts';
import { pulledBudget, pulledProblem, type PulledFile } from '../syntax/pulled-file.ts';
import type { SourceNote } from '../syntax/source-note.ts';
import { matchesGitignoreList, type MkdocsSite } from './config.ts';
import { materialIcon } from './icons.ts';
import type { Puller } from '../tool.ts';
import { outsideBoundary } from '../syntax/pulled-file.ts';
import { isInside } from '../../core/path-inside.ts';
import { errorLine } from '../../core/error-line.ts';

/** The MkDocs rewrite's inputs for one run, what they read (for the site), and what `mkdocs.yml` asks that cannot be done. */
export interface MkdocsRun {
	inputs: MkdocsInputs;
	recorded: MkdocsRecorded;
	/** `mkdocs.yml`, relative to the root (`../mkdocs.yml`), and its notes. */
	config: { file: string; notes: SourceNote[] };
}

/**
 * Inputs that read snippets, templates and `include_yaml` files from the disk through `puller`,
 * inside the repository that holds the root in a trusted build, else inside the root only: a path that leads out of it (written so, or through a symbolic link), a file that holds
 * secrets by its name or content (the tree's `secrets`, judged as the site's published files are,
 * or `secret-files.ts` on what is read), or one too large, is a problem the page shows as a notice.
 * The tree is data: nothing read is run. Each answer is recorded for the site.
 */
export function mkdocsRun(
	root: string,
	site: MkdocsSite,
	pages: readonly string[],
	including: number,
	puller: Puller,
): MkdocsRun {
	const config = {
		file: relative(root, site.file).split(sep).join('/'),
		notes: [] as SourceNote[],
	};
	const configText = puller.readText(site.file) ?? '';
	const noteOnConfig = (
		written: string,
		message: string,
		severity: SourceNote['severity'] = 'warning',
	) => config.notes.push({ line: lineOf(configText, written), column: 1, severity, message });
	for (const { pattern, reason, position } of site.refusedPatterns) {
		config.notes.push({
			...position,
			severity: 'warning',
			message: `Unexpected pattern \`${pattern}\` in the \`exclude\` plugin, expected one RE2 runs in linear time (${reason}); Waymark does not apply it, so the files it would leave out are checked and published`,
		});
	}
	const boundary = puller.boundary;
	const {
		snippets,
		macros,
		tabbed,
		emoji,
		abbr,
		attrList,
		footnotes,
		defList,
		autodoc,
		directoryUrls,
		includeMarkdown,
	} = site.markdown;
	const markdown: MkdocsMarkdown = {
		...(tabbed && { tabbed }),
		...(emoji && { emoji }),
		...(abbr && { abbr }),
		...(attrList && { attrList }),
		...(footnotes && { footnotes }),
		...(defList && { defList }),
		...(autodoc && { autodoc }),
		...(directoryUrls === false && { directoryUrls }),
		...(includeMarkdown && {
			includeMarkdown: {
				...includeMarkdown,
				docsDir: relative(root, site.docsDir).split(sep).join('/') || '.',
			},
		}),
	};
	const recorded: MkdocsRecorded = {
		markdown,
		snippets: {},
		includes: {},
		...(includeMarkdown && { markdownIncludes: {} }),
		icons: {},
		pageBudget: pulledBudget(including),
	};

	// A place out of the boundary is never looked at: a name that leads there reads as outside, found or not.
	const pullInRoot = (file: string, written: string): PulledFile => puller.pull(file, written);
	const snippet = (path: string): PulledFile => {
		if (Object.hasOwn(recorded.snippets, path)) return recorded.snippets[path] as PulledFile;
		let found: PulledFile | undefined;
		let outside = false;
		// Where the name was looked for, from the root: a file added, removed or changed there changes the page.
		const tried: string[] = [];
		for (const base of snippets?.basePaths ?? []) {
			const candidate = resolve(base, path);
			if (snippets?.restrictBasePath && !isInside(candidate, base)) continue;
			if (!isInside(candidate, boundary.name) && !isInside(candidate, root)) {
				outside = true;
				continue;
			}
			const read = pullInRoot(candidate, path);
			if ('problem' in read && read.problem === 'not found') tried.push(...(read.tried ?? []));
			else {
				found = read;
				break;
			}
		}
		// A place out of the boundary answers the same whether or not it holds the file.
		found ??= !outside
			? { problem: 'not found' }
			: tried.length === 0
				? outsideBoundary(path, boundary.kind)
				: {
						problem: `not found inside the ${boundary.kind} (a \`base_path\` outside it is never looked in)`,
					};
		return (recorded.snippets[path] = tried.length > 0 ? { ...found, tried } : found);
	};
	const include = (name: string): PulledFile => {
		if (Object.hasOwn(recorded.includes, name)) return recorded.includes[name] as PulledFile;
		// Jinja's loader refuses `..` and absolute names.
		const pieces = name.split('/').filter((piece) => piece !== '' && piece !== '.');
		const file =
			pieces.includes('..') || isAbsolute(name) || !macros
				? undefined
				: join(macros.includeDir, ...pieces);
		return (recorded.includes[name] = file ? pullInRoot(file, name) : { problem: 'not found' });
	};
	// `include-markdown` paths, from the root: a place out of the boundary answers the same whether or not it holds the file.
	const markdownInclude = (path: string): PulledFile => {
		const record = (recorded.markdownIncludes ??= {});
		if (Object.hasOwn(record, path)) return record[path] as PulledFile;
		const file = resolve(root, path);
		return (record[path] =
			isInside(file, boundary.name) || isInside(file, root)
				? pullInRoot(file, path)
				: outsideBoundary(path, boundary.kind));
	};
	const icon = (name: string): string | undefined => {
		if (Object.hasOwn(recorded.icons, name)) return recorded.icons[name];
		const svg = materialIcon(name);
		if (svg) recorded.icons[name] = svg;
		return svg;
	};

	if (snippets) {
		const autoAppend = snippets.autoAppend.filter((path) => {
			const read = snippet(path);
			if ('problem' in read) {
				const { severity, advice } = pulledProblem(
					read.problem,
					'a file inside the root under the snippets `base_path`',
					'MkDocs',
					'Pages are shown without it',
				);
				noteOnConfig(
					path,
					`Unexpected \`auto_append\` snippet \`${path}\`: ${read.problem}; ${advice}`,
					severity,
				);
			}
			return 'text' in read;
		});
		markdown.snippets = { autoAppend, dedentSubsections: snippets.dedentSubsections };
	}
	if (macros) {
		const variables: Record<string, unknown> = {
			...(macros.variables['extra'] !== undefined && { extra: macros.variables['extra'] }),
			config: macros.variables['config'],
		};
		for (const { file, written, key } of macros.includeYaml) {
			const read = pullInRoot(file, written);
			let data: unknown;
			if ('text' in read) {
				try {
					data = parseYaml(read.text, { logLevel: 'silent', version: '1.1' });
				} catch (error) {
					noteOnConfig(
						written,
						`Unexpected YAML in \`include_yaml\` file \`${written}\` (${errorLine(error)}), expected a mapping of variables`,
					);
					continue;
				}
			} else {
				const { severity, advice } = pulledProblem(
					read.problem,
					'a file inside the root',
					'MkDocs',
					'Its variables are not set',
				);
				noteOnConfig(
					written,
					`Unexpected \`include_yaml\` file \`${written}\`: ${read.problem}; ${advice}`,
					severity,
				);
				continue;
			}
			if (data && typeof data === 'object' && !Array.isArray(data))
				mergeInto(variables, key ? { [key]: data } : (data as Record<string, unknown>));
		}
		const extra = macros.variables['extra'];
		if (extra && typeof extra === 'object') Object.assign(variables, extra);
		const docsRelative = (path: string) =>
			relative(site.docsDir, join(root, path)).split(sep).join('/');
		markdown.macros = {
			delimiters: macros.delimiters,
			renderByDefault: macros.renderByDefault,
			forcedPages:
				macros.forceRenderPaths.length > 0
					? pages.filter((page) =>
							matchesGitignoreList(docsRelative(page), macros.forceRenderPaths),
						)
					: [],
			variables,
			fromEnvironment: macros.fromEnvironment,
		};
	}
	return {
		inputs: {
			markdown,
			snippet,
			include,
			markdownInclude,
			icon,
			pageBudget: pulledBudget(including),
		},
		recorded,
		config,
	};
}

/** mkdocs-macros' `update`: mappings merged key by key, anything else replaced. */
function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
	for (const [key, value] of Object.entries(source)) {
		const existing = target[key];
		if (
			existing &&
			typeof existing === 'object' &&
			!Array.isArray(existing) &&
			value &&
			typeof value === 'object' &&
			!Array.isArray(value)
		) {
			const copy = { ...(existing as Record<string, unknown>) };
			mergeInto(copy, value as Record<string, unknown>);
			target[key] = copy;
		} else target[key] = value;
	}
}

function lineOf(text: string, written: string): number {
	const at = text.indexOf(written);
	return at === -1 ? 1 : text.slice(0, at).split('\n').length;
}
