import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { productFolders } from '../helpers/product-folders.ts';
import { repoRoot } from '../helpers/fixture.ts';

/** The product folders (ARCHITECTURE.md), each with a README that names its files. */
// Each product folder, and bin/ (the package's entry points).
const folders = ['bin', ...productFolders];

/** Every file under `folder`, relative to the repository: dot names and installed packages left out. */
function filesUnder(folder: string): string[] {
	return readdirSync(join(repoRoot, folder), { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(repoRoot, join(entry.parentPath, entry.name)).split('\\').join('/'))
		.filter(
			(path) => !path.split('/').some((part) => part.startsWith('.') || part === 'node_modules'),
		)
		.sort();
}

/** The folder of the README nearest to `file`: its own folder's, else the nearest above it within its product folder. */
function readmeFolder(file: string): string | undefined {
	const top = file.split('/')[0] ?? '';
	for (let folder = dirname(file); ; folder = dirname(folder)) {
		if (existsSync(join(repoRoot, folder, 'README.md'))) return folder;
		if (folder === top) return undefined;
	}
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether `readme` names `path` (relative to the README's folder): the path written out, or its
 * base name together with each folder between written as `name/`.
 */
function names(readme: string, path: string): boolean {
	if (new RegExp(`(?<![\\w./-])${escape(path)}(?![\\w-])`).test(readme)) return true;
	const parts = path.split('/');
	const base = parts.pop() ?? '';
	return (
		new RegExp(`(?<![\\w./-])${escape(base)}(?![\\w-])`).test(readme) &&
		parts.every((part) => new RegExp(`(?<![\\w.-])${escape(part)}/`).test(readme))
	);
}

const files = folders.flatMap(filesUnder);
const readmes = files.filter((file) => basename(file) === 'README.md');
const read = (folder: string) => readFileSync(join(repoRoot, folder, 'README.md'), 'utf8');

/**
 * Every file of the repository that is not installed or made by a run, by base name, for names a
 * README borrows from elsewhere: what git holds or would (tracked, and new files it does not
 * ignore), never a walk of the checkout, where other tests' folders come and go while it reads.
 */
const knownBaseNames = new Set(
	execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
		cwd: repoRoot,
		encoding: 'utf8',
		maxBuffer: 64 << 20,
	})
		.split('\0')
		.filter(Boolean)
		.map((path) => basename(path)),
);

/** The source files a README names in backticks (`parse-page.ts`, `rules/index.ts`); templates (`<id>.ts`) are not names. */
function namedSourceFiles(readme: string): string[] {
	return [...readme.matchAll(/`([\w./@[\]-]+\.(?:ts|mts|astro|mjs|cjs))`/g)]
		.map((m) => m[1] ?? '')
		.filter((name) => !name.startsWith('node:'));
}

describe('the folder READMEs', () => {
	test('every product folder has a README', () => {
		expect(folders.filter((folder) => !existsSync(join(repoRoot, folder, 'README.md')))).toEqual(
			[],
		);
	});

	test('the README nearest to each file names it', () => {
		// A positive control: the walk sees the files, and the matcher tells a named file from an unnamed one.
		expect(files.length).toBeGreaterThan(400);
		expect(
			names('`rules/index.ts` and `mermaid-syntax.ts` (in `rules/`)', 'rules/mermaid-syntax.ts'),
		).toBe(true);
		expect(names('`index.ts` and `mermaid-syntax.ts`', 'rules/mermaid-syntax.ts')).toBe(false);
		expect(names('`other-syntax.ts`', 'syntax.ts')).toBe(false);
		const unnamed = files.filter((file) => {
			if (basename(file) === 'README.md' && dirname(file) !== '.') return false;
			const folder = readmeFolder(file);
			return (
				folder === undefined || !names(read(folder), relative(folder, file).split('\\').join('/'))
			);
		});
		expect(
			unnamed,
			`Name each of these files, with one line on what it is for, in the README of its folder (or the nearest one above it):\n${unnamed.join('\n')}`,
		).toEqual([]);
	});

	test('every source file a README names exists', () => {
		const missing = readmes.flatMap((readme) => {
			const folder = dirname(readme);
			return namedSourceFiles(read(folder))
				.filter(
					(name) =>
						!existsSync(join(repoRoot, folder, name)) &&
						!existsSync(join(repoRoot, name)) &&
						!knownBaseNames.has(basename(name)),
				)
				.map((name) => `${readme}: ${name}`);
		});
		expect(missing).toEqual([]);
	});
});
