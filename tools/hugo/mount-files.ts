import { compileLinearRegex, type LinearRegex } from '../../core/linear-regex.ts';
import { configValue, stringList } from './config-values.ts';

/**
 * Which files of a Hugo module mount's source are mounted, as Hugo reads the mount (`modules/config.go`
 * `FilesToFilter`): its `files` (Hugo 0.153, a glob slice where `! pattern` excludes), else its older
 * `includeFiles` followed by its `excludeFiles` as exclusions. Plain data: it travels with the
 * tree's settings.
 */
export interface MountFiles {
	/** In order; an exclusion starts with `! `. */
	patterns: string[];
}

const negation = '! ';

/** The mount's file filter, `undefined` when it mounts every file. */
export function mountFilesOf(mount: unknown): MountFiles | undefined {
	const files = stringList(configValue(mount, 'files'));
	const patterns =
		files.length > 0
			? files
			: [
					...stringList(configValue(mount, 'includeFiles')),
					...stringList(configValue(mount, 'excludeFiles')).map((pattern) =>
						pattern.startsWith(negation) ? pattern : `${negation}${pattern}`,
					),
				];
	return patterns.length > 0 ? { patterns } : undefined;
}

interface Entry {
	kind: 'include' | 'folder' | 'exclude';
	/** `undefined`: a pattern RE2 cannot run, or too long or deep to compile in bounded time. */
	glob: LinearRegex | undefined;
}

/**
 * Whether a file, by its `/`-separated path from the mount's source, is mounted, as Hugo's filename
 * filter answers (`hugofs/hglob/filename_filter.go`): the entries in order, the first that matches
 * deciding, an exclusion out and an inclusion in; a folder is walked into when an inclusion or a
 * folder leading to one matches it; with inclusions and none matching, out. A file is mounted when
 * it and every folder above it are. Paths and patterns compare in lower case from a leading `/`.
 * Patterns come from a tree that may be under review: they run on RE2, and one that cannot be
 * compiled in bounded time excludes everything when it is an exclusion (never more published than
 * the config allows) and includes nothing when it is an inclusion.
 */
export function mountFilter(files: MountFiles): (path: string) => boolean {
	const matches = filenameFilter(files);
	// Each folder is judged once for all the files under it.
	const folders = new Map<string, boolean>();
	const walked = (folder: string): boolean => {
		let answer = folders.get(folder);
		if (answer === undefined) folders.set(folder, (answer = matches(folder, true)));
		return answer;
	};
	return (path) => {
		const parts = `/${path}`.split('/');
		for (let end = 2; end < parts.length; end++)
			if (!walked(parts.slice(0, end).join('/'))) return false;
		return matches(parts.join('/'), false);
	};
}

/** Hugo's `FilenameFilter.Match` for one file or folder (`/a/b`), on its own. */
export function filenameFilter(files: MountFiles): (path: string, isFolder: boolean) => boolean {
	const entries = files.patterns.flatMap(entriesOf);
	return (written, isFolder) => {
		const path = normalized(written);
		let hasInclude = false;
		for (const { kind, glob } of entries) {
			if (kind === 'exclude' && (glob === undefined || glob.test(path))) return false;
			if (kind === 'include') {
				if (glob?.test(path)) return true;
				hasInclude = true;
			}
			if (kind === 'folder' && isFolder && glob?.test(path)) return true;
		}
		return !hasInclude;
	};
}

/** A pattern's entries: itself, and for an inclusion each folder on the way to it (`/`, `/docs`, `/docs/**`). */
function entriesOf(written: string): Entry[] {
	const exclude = written.startsWith(negation);
	const pattern = normalized(exclude ? written.slice(negation.length) : written);
	const own: Entry = { kind: exclude ? 'exclude' : 'include', glob: hugoGlob(pattern) };
	if (exclude) return [own];
	const parts = pattern.slice(0, Math.max(pattern.lastIndexOf('/'), 0)).split('/');
	const folders = parts.map((_, i) => ({
		kind: 'folder' as const,
		glob: hugoGlob(`/${parts.slice(1, i + 1).join('/')}`),
	}));
	return [own, ...folders];
}

function normalized(pattern: string): string {
	const lower = pattern.toLowerCase();
	return lower.startsWith('/') ? lower : `/${lower}`;
}

/** Longer or deeper patterns are refused: RE2 compiles deeply nested groups in quadratic time. */
const maxPatternLength = 1000;
const maxBraceDepth = 16;

/**
 * A glob as Hugo compiles it (gobwas/glob with `/` as the separator): `*` and `?` stay inside one
 * folder name, `**` crosses folders, a `/`, `**`, `/` run also matches `/` alone (Hugo adds that variant of each
 * pattern), `[a-z]`, `[!a-z]` and `{a,b}` as in a shell, `\` escapes. `undefined` for what gobwas
 * refuses (an unclosed `[` or `{`) and what is too long or deep to compile in bounded time.
 */
function hugoGlob(pattern: string): LinearRegex | undefined {
	if (pattern.length > maxPatternLength) return undefined;
	const source = globSource(pattern);
	const compiled = source === undefined ? undefined : compileLinearRegex(`^${source}$`);
	return compiled?.ok ? compiled.regex : undefined;
}

function globSource(glob: string): string | undefined {
	let out = '';
	let literal = '';
	let braces = 0;
	const emit = (regex: string) => {
		out += RegExp.escape(literal) + regex;
		literal = '';
	};
	for (let i = 0; i < glob.length; i++) {
		const char = glob[i] as string;
		if (char === '\\' && i + 1 < glob.length) literal += glob[++i];
		else if (glob.startsWith('/**/', i)) {
			emit('/(?:.*/)?');
			i += 3;
		} else if (char === '*' && glob[i + 1] === '*') {
			emit('.*');
			while (glob[i + 1] === '*') i++;
		} else if (char === '*') emit('[^/]*');
		else if (char === '?') emit('[^/]');
		else if (char === '[') {
			const close = glob.indexOf(']', i + 2);
			if (close === -1) return undefined;
			const body = glob.slice(i + 1, close);
			const negated = body.startsWith('!');
			emit(
				`[${negated ? '^' : ''}${(negated ? body.slice(1) : body).replace(/[\\\]^[]/g, '\\$&')}]`,
			);
			i = close;
		} else if (char === '{') {
			if (++braces > maxBraceDepth) return undefined;
			emit('(?:');
		} else if (char === '}' && braces > 0) {
			braces--;
			emit(')');
		} else if (char === ',' && braces > 0) emit('|');
		else literal += char;
	}
	if (braces > 0) return undefined;
	emit('');
	return out;
}
