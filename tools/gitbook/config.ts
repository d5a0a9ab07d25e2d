import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';

/** `.gitbook.yaml` as Git Sync reads it: where the space's files are, its home page and its table of contents. */
export interface GitbookConfig {
	/** `root`, relative to the file's folder, without slashes around it (`''`: the folder itself). */
	root: string;
	/** `structure.readme`: the space's first page. @default README.md */
	readme: string;
	/** `structure.summary`: its table of contents. @default SUMMARY.md */
	summary: string;
	/** `redirects`: an old path (no extension) → the file it now is. */
	redirects: Record<string, string>;
}

const trimmed = (path: string): string => path.replace(/^\.?\/+|\/+$/g, '').replace(/^\.$/, '');

/** The file's text as Git Sync reads it; defaults for anything it leaves out (or a file that is no mapping). */
export function parseGitbookConfig(text: string): GitbookConfig {
	let data: unknown;
	try {
		data = parseYaml(text, { maxAliasCount: 100 });
	} catch {
		data = undefined;
	}
	const config =
		data && typeof data === 'object' && !Array.isArray(data)
			? (data as Record<string, unknown>)
			: {};
	const structure =
		config['structure'] && typeof config['structure'] === 'object'
			? (config['structure'] as Record<string, unknown>)
			: {};
	const redirects: Record<string, string> = {};
	if (config['redirects'] && typeof config['redirects'] === 'object')
		for (const [from, to] of Object.entries(config['redirects'] as Record<string, unknown>))
			if (typeof to === 'string') redirects[trimmed(from)] = trimmed(to);
	return {
		root: typeof config['root'] === 'string' ? trimmed(config['root']) : '',
		readme: typeof structure['readme'] === 'string' ? trimmed(structure['readme']) : 'README.md',
		summary:
			typeof structure['summary'] === 'string' ? trimmed(structure['summary']) : 'SUMMARY.md',
		redirects,
	};
}

export async function readGitbookConfig(file: string): Promise<GitbookConfig | undefined> {
	const text = await readFile(file, 'utf8').catch(() => undefined);
	return text === undefined ? undefined : parseGitbookConfig(text);
}
