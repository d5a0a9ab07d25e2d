import { readFile, realpath, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import * as z from 'zod';
import { BaselineInvalid, raise } from '../../core/errors.ts';
import { describeJsonError } from '../../core/json-error.ts';
import { findRepository, git, GitCommandFailed, resolveCommit } from '../../core/git.ts';
import type { Finding } from '../finding.ts';
import { baselineName } from './baseline-name.ts';

const EntrySchema = z.strictObject({
	/** Path from the guidebook root, as findings name files. */
	file: z.string(),
	rule: z.string(),
	message: z.string(),
	/** `lineFingerprint` of the line the finding was on. */
	fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
	/** How many findings alike (same file, rule, message and line) it records. */
	count: z.int().positive().optional(),
});

const BaselineSchema = z.strictObject({
	version: z.literal(1),
	about: z.string().optional(),
	findings: z.array(EntrySchema),
});

export type BaselineEntry = z.output<typeof EntrySchema>;

/** What comparing a run with the baseline found, beside the report. */
export interface BaselineComparison {
	/** The baseline as the user names it (from the working directory). */
	file: string;
	/** Findings the baseline records, by severity: listed as known, never failing the run. */
	known: { errors: number; warnings: number };
	/** Entries (with their counts) no finding of the run matched: fixed since, on a file the run checked. */
	fixed: BaselineEntry[];
}

export interface Baseline {
	/** Absolute path of the file. */
	file: string;
	entries: BaselineEntry[];
}

const about =
	'Findings `waymark check` lists as known and does not fail on: what the tree had when it was written. `npx waymark baseline --prune` drops those fixed since; `npx waymark baseline` records every finding again. Matched by file, rule, message and what their line says, never by line number.';

/** Where the baseline of a run with `configFile` (absolute) is: beside it, else in `cwd`. */
export function baselinePath(configFile: string | undefined, cwd: string): string {
	return join(configFile ? dirname(configFile) : cwd, baselineName);
}

/** The baseline at `file`; `undefined` when there is none. `BaselineInvalid` (with the place and the fix) when it is not one. */
export async function readBaseline(file: string, shown: string): Promise<Baseline | undefined> {
	const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
		if (error.code === 'ENOENT') return undefined;
		throw raise(BaselineInvalid, shown, `cannot be read (${error.code ?? error.message})`);
	});
	return text === undefined ? undefined : parseBaseline(text, file, shown);
}

/**
 * The baseline at `file` as committed at `ref` (`--baseline-ref`), never as the work tree holds
 * it: an untrusted check reads the baseline of the branch it is merged into, which the branch under
 * review cannot add its own findings to. `undefined` when `ref` holds none; `BaselineInvalid` when
 * `ref` is not a commit, or what it holds is not a baseline.
 */
export async function readBaselineAt(
	file: string,
	shown: string,
	ref: string,
): Promise<Baseline | undefined> {
	const repo = await findRepository(dirname(file));
	if (!repo)
		throw raise(BaselineInvalid, shown, `cannot be read as of \`${ref}\` outside a git repository`);
	const commit = await resolveCommit(repo, ref);
	if (!commit)
		throw raise(
			BaselineInvalid,
			shown,
			`cannot be read as of \`${ref}\`, which is no commit here (fetch it first)`,
		);
	const place = relative(repo.workTree, await realpath(dirname(file)).catch(() => dirname(file)))
		.split(sep)
		.join('/');
	const text = await git(repo, [
		'cat-file',
		'blob',
		`${commit}:${place === '' ? '' : `${place}/`}${basename(file)}`,
	]).catch((error: unknown) => {
		if (error instanceof GitCommandFailed) return undefined;
		throw error;
	});
	return text === undefined ? undefined : parseBaseline(text, file, `${shown} as of ${ref}`);
}

function parseBaseline(text: string, file: string, shown: string): Baseline {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (error) {
		const { reason, position } = describeJsonError(error, text);
		throw raise(
			BaselineInvalid,
			`${shown}:${position.line}:${position.column}`,
			`is not JSON (${reason})`,
		);
	}
	const parsed = BaselineSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const where =
			issue?.path
				.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
				.join('')
				.replace(/^\./, '') || 'the top';
		throw raise(
			BaselineInvalid,
			shown,
			`has an unexpected value at ${where} (expected ${expectedAt(issue?.path ?? [])})`,
		);
	}
	return { file, entries: parsed.data.findings };
}

/** What a key of the file holds, in words. */
function expectedAt(path: readonly PropertyKey[]): string {
	const key = path.at(-1);
	if (path.length === 0) return '{ "version": 1, "findings": [...] }';
	if (key === 'version') return 'the number 1';
	if (key === 'findings') return 'a list of findings';
	if (key === 'fingerprint') return '16 hexadecimal digits';
	if (key === 'count') return 'a whole number from 1';
	if (typeof key === 'number') return 'an object with `file`, `rule`, `message` and `fingerprint`';
	return typeof key === 'string' && ['file', 'rule', 'message'].includes(key)
		? 'text'
		: 'no such key';
}

/** The entries recording `findings` (fingerprinted), alike findings counted once with `count`, in a stable order. */
export function entriesOf(findings: Finding[]): BaselineEntry[] {
	const byKey = new Map<string, BaselineEntry>();
	for (const finding of findings) {
		const entry = {
			file: finding.file,
			rule: finding.ruleId,
			message: finding.message,
			fingerprint: finding.fingerprint ?? '',
		};
		const key = JSON.stringify(entry);
		const known = byKey.get(key);
		if (known) known.count = (known.count ?? 1) + 1;
		else byKey.set(key, entry);
	}
	const order = (a: BaselineEntry, b: BaselineEntry) =>
		a.file.localeCompare(b.file) ||
		a.rule.localeCompare(b.rule) ||
		a.message.localeCompare(b.message) ||
		a.fingerprint.localeCompare(b.fingerprint);
	return [...byKey.values()].sort(order);
}

/**
 * Writes the baseline, one finding a line so a diff shows each one added or fixed, through a
 * temporary file renamed into place (a run stopped halfway leaves the old one whole).
 */
export async function writeBaseline(file: string, entries: BaselineEntry[]): Promise<void> {
	const lines = entries.map((entry) => `    ${JSON.stringify(entry)}`);
	const text = `{\n  "version": 1,\n  "about": ${JSON.stringify(about)},\n  "findings": [${lines.length > 0 ? `\n${lines.join(',\n')}\n  ` : ''}]\n}\n`;
	const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
	await writeFile(temporary, text);
	await rename(temporary, file);
}
