import { compileLinearRegex, type LinearRegex } from '../../core/linear-regex.ts';
import { configValue, stringList } from './hugo-config.ts';

/**
 * Which files of a Hugo module mount's source are mounted: the mount's `files` (Hugo 0.153, a glob
 * slice where `! pattern` excludes) or its older `includeFiles` and `excludeFiles`. Plain data: it
 * travels with the tree's settings.
 */
export interface MountFiles {
	include: string[];
	exclude: string[];
}

/** The mount's file filter, `undefined` when it mounts every file. */
export function mountFilesOf(mount: unknown): MountFiles | undefined {
	const include = stringList(configValue(mount, 'includeFiles'));
	const exclude = stringList(configValue(mount, 'excludeFiles'));
	for (const pattern of stringList(configValue(mount, 'files'))) {
		if (pattern.startsWith('! ')) exclude.push(pattern.slice(2).trim());
		else include.push(pattern.trim());
	}
	return include.length > 0 || exclude.length > 0 ? { include, exclude } : undefined;
}

/**
 * Whether a file, by its `/`-separated path from the mount's source, is mounted, as Hugo's filename
 * filter answers (`hugofs/glob/filename_filter.go`): patterns and paths compared from a leading
 * `/` and in lower case; a file is left out when it, or a folder it is in, matches an exclusion
 * (Hugo does not walk into an excluded folder), and, when inclusions are given, kept only if it
 * matches one. Patterns come from a tree that may be under review: they run on RE2, and one RE2
 * cannot compile matches nothing.
 */
export function mountFilter(files: MountFiles): (path: string) => boolean {
	const include = files.include.map(hugoGlob);
	const exclude = files.exclude.map(hugoGlob);
	return (path) => {
		const full = `/${path.toLowerCase()}`;
		const parts = full.split('/');
		for (let end = 2; end <= parts.length; end++) {
			const prefix = parts.slice(0, end).join('/');
			if (exclude.some((glob) => glob?.test(prefix))) return false;
		}
		return include.length === 0 || include.some((glob) => glob?.test(full));
	};
}

/**
 * A glob as Hugo compiles it (gobwas/glob with `/` as the separator): `*` and `?` stay inside one
 * folder name, `**` crosses folders, `[a-z]`, `[!a-z]` and `{a,b}` as in a shell, `\` escapes.
 */
function hugoGlob(pattern: string): LinearRegex | undefined {
	const lower = pattern.toLowerCase();
	const compiled = compileLinearRegex(`^${globSource(lower.startsWith('/') ? lower : `/${lower}`)}$`);
	return compiled.ok ? compiled.regex : undefined;
}

function globSource(glob: string): string {
	let out = '';
	let literal = '';
	let braces = 0;
	// Past this index no `]` is left: a long run of unclosed `[` stays linear.
	let unclosedFrom = Number.POSITIVE_INFINITY;
	const emit = (regex: string) => {
		out += RegExp.escape(literal) + regex;
		literal = '';
	};
	for (let i = 0; i < glob.length; i++) {
		const char = glob[i] as string;
		if (char === '\\' && i + 1 < glob.length) literal += glob[++i];
		else if (char === '*' && glob[i + 1] === '*') {
			emit('.*');
			while (glob[i + 1] === '*') i++;
		} else if (char === '*') emit('[^/]*');
		else if (char === '?') emit('[^/]');
		else if (char === '[' && i + 2 < unclosedFrom && glob.indexOf(']', i + 2) !== -1) {
			const close = glob.indexOf(']', i + 2);
			const body = glob.slice(i + 1, close);
			const negated = body.startsWith('!');
			emit(`[${negated ? '^' : ''}${(negated ? body.slice(1) : body).replace(/[\\\]^[]/g, '\\$&')}]`);
			i = close;
		} else if (char === '[') {
			unclosedFrom = Math.min(unclosedFrom, i + 2);
			literal += char;
		} else if (char === '{') {
			braces++;
			emit('(?:');
		} else if (char === '}' && braces > 0) {
			braces--;
			emit(')');
		} else if (char === ',' && braces > 0) emit('|');
		else literal += char;
	}
	emit(')'.repeat(braces));
	return out;
}
