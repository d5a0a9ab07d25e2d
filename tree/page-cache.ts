import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { readSealedText, writeSealedText } from '../core/sealed-files.ts';
import { stateFiles } from '../core/state-files.ts';
import type { PageFacts, PageModel } from './parse-page.ts';

/** Pages parsed (or with facts worked out) from which a run writes the cache again, whatever the tree's size (2 % of a small one). */
const freshToWrite = 20;

/** A page as `parsePage` made it, but its syntax tree: `load-tree.ts` parses that again on first use. */
type KeptPage = Omit<PageModel, 'tree'>;

/** One kept page in the file's header: `[path, key, textIsFile, length of its JSON, facts]`. */
type HeaderEntry = [
	path: string,
	key: string,
	textIsFile: boolean,
	length: number,
	facts: PageFacts,
];

interface Header {
	version: 2;
	entries: HeaderEntry[];
}

/** An entry in use this run: its page JSON as read or written, and its facts, live on the page. */
interface Entry {
	key: string;
	textIsFile: boolean;
	json: string;
	facts: PageFacts;
	/** The names of its facts when written (`undefined`: never written): others at the end, and the file is written again. */
	names: string | undefined;
}

/**
 * Pages parsed by an earlier run of the same tree, kept in the state folder: a run that finds a
 * page's text and parse context unchanged takes its facts (title, headings, anchors, links, and
 * what the rules memoised of it) instead of parsing it again.
 *
 * The file is one JSON header, then each page's JSON one after another: read with one
 * `JSON.parse` of them all (a third of a second for 3,000 pages, where a parse per page or V8's
 * deserialiser took more than twice that), and written again from the same text, since a run
 * changes its pages (routes, navigation) after they are parsed.
 */
export interface PageCache {
	/** The page kept for `path`, when it was parsed from `text` (of digest `digest`) with the same `contextKey`, with the facts kept for it. */
	take(path: string, text: string, digest: string, contextKey: string): KeptPage | undefined;
	/** Keeps `page`, just parsed from `text` (of digest `digest`) with `contextKey`, for the next run; facts the rules memoise of it later are kept too. */
	keep(path: string, text: string, digest: string, contextKey: string, page: PageModel): void;
	/**
	 * Writes the pages taken or kept this run, and no other (a page gone from the tree goes from the
	 * cache), when enough of them are new to be worth the writing: 2 % of the pages, or 20.
	 */
	save(): Promise<void>;
}

/** The cache of the tree at `root` in the state folder: one file per tree, whoever reads it (parsing does not depend on trust). */
export function pageCacheFile(stateDir: string, root: string): string {
	const key = createHash('sha256').update(root).digest('hex').slice(0, 12);
	const name =
		basename(root)
			.replace(/[^\w.-]+/g, '-')
			.slice(0, 40) || 'tree';
	return join(stateFiles(stateDir).pages, `${name}-${key}.json`);
}

/**
 * Opens the cache file; a missing or unreadable one is an empty cache. The file is sealed
 * (`core/sealed-files.ts`): one cut short, edited or replaced by a symbolic link is an empty cache
 * too, and `note` is told why in one line.
 */
export async function openPageCache(
	file: string,
	note?: (line: string) => void,
): Promise<PageCache> {
	const previous = await readCache(file, note);
	const used = new Map<string, Entry>();
	return {
		take(path, text, digest, contextKey) {
			const kept = previous.get(path);
			if (kept?.entry.key !== entryKey(digest, contextKey)) return undefined;
			used.set(path, kept.entry);
			return fromJson(kept.page, kept.entry.textIsFile ? text : undefined, kept.entry.facts);
		},
		keep(path, text, digest, contextKey, page) {
			const json = toJson(page, text);
			if (json === undefined) return;
			page.facts ??= {};
			used.set(path, {
				key: entryKey(digest, contextKey),
				textIsFile: page.text === text,
				json,
				facts: page.facts,
				names: undefined,
			});
		},
		async save() {
			// Writing the file costs about what parsing a few dozen pages does: a run that parsed or
			// worked out fewer leaves them to the next run, and the file as it was.
			const fresh = [...used.values()].filter(
				(entry) => factNames(entry.facts) !== entry.names,
			).length;
			if (fresh < Math.min(freshToWrite, Math.max(1, Math.ceil(used.size / 50)))) return;
			const entries = [...used];
			const header: Header = {
				version: 2,
				entries: entries.map(([path, entry]) => [
					path,
					entry.key,
					entry.textIsFile,
					entry.json.length,
					entry.facts,
				]),
			};
			try {
				await writeSealedText(
					file,
					`${asciiJson(JSON.stringify(header))}\n${entries.map(([, entry]) => entry.json).join('')}`,
					'latin1',
				);
			} catch {
				// Only a cache: a tree too large for one string (V8's limit, ~512 M characters), a full
				// disk or a read-only state folder leaves the next run to parse again, never fails this one.
			}
		},
	};
}

async function readCache(
	file: string,
	note?: (line: string) => void,
): Promise<Map<string, { entry: Entry; page: Record<string, unknown> }>> {
	const kept = new Map<string, { entry: Entry; page: Record<string, unknown> }>();
	// ASCII, as written (`asciiJson`): read as one byte a character, which V8 parses fastest.
	const read = await readSealedText(file, 'latin1');
	if (read && 'problem' in read)
		note?.(
			`The page cache ${file} failed its check (${read.problem}): every page is parsed again.`,
		);
	if (!read || 'problem' in read) return kept;
	try {
		const text = read.text;
		const end = text.indexOf('\n');
		const header = JSON.parse(text.slice(0, end)) as Header;
		if (header.version !== 2) return kept;
		const slices: string[] = [];
		let at = end + 1;
		for (const [, , , length] of header.entries) {
			slices.push(text.slice(at, at + length));
			at += length;
		}
		const pages = JSON.parse(`[${slices.join(',')}]`) as Array<Record<string, unknown>>;
		header.entries.forEach(([path, key, textIsFile, , facts], i) => {
			kept.set(path, {
				entry: {
					key,
					textIsFile,
					json: slices[i] as string,
					facts,
					names: factNames(facts),
				},
				page: pages[i] as Record<string, unknown>,
			});
		});
	} catch {
		// Missing, unreadable or of another version: an empty cache, and the next save replaces it.
		kept.clear();
	}
	return kept;
}

/** A fact replaced by one of another name (`checks/rules/support/kept-verdicts.ts`) is a fact to write. */
function factNames(facts: PageFacts): string {
	return Object.keys(facts).join('\0');
}

function entryKey(textDigest: string, contextKey: string): string {
	return createHash('sha256')
		.update(contextKey)
		.update('\0')
		.update(textDigest)
		.digest('base64url');
}

/**
 * The page as JSON, without its syntax tree (parsed again on use), its facts (kept beside it, since
 * they grow during the run) and, when it is the file's, its text. Its sets and maps become lists;
 * a page holding any other value JSON cannot carry (a date of TOML front matter) is not kept.
 */
function toJson(page: PageModel, fileText: string): string | undefined {
	let unkept = false;
	const json = JSON.stringify(page, function (this: unknown, key: string, value: unknown) {
		if (
			this === page &&
			(key === 'tree' || key === 'facts' || (key === 'text' && value === fileText))
		)
			return undefined;
		if (value instanceof Set && key === 'anchors') return [...(value as Set<string>)];
		if (value instanceof Map && key === 'legacyAnchors') return [...(value as Map<string, string>)];
		if (
			value === undefined ||
			(typeof value === 'number' && !Number.isFinite(value)) ||
			(typeof value === 'object' &&
				value !== null &&
				!Array.isArray(value) &&
				Object.getPrototypeOf(value) !== Object.prototype &&
				Object.getPrototypeOf(value) !== null)
		)
			unkept = true;
		return value;
	});
	return unkept ? undefined : asciiJson(json);
}

/** JSON with every character past ASCII written as its `\uXXXX` escape: one page's emoji would make the whole file a two-byte string to read. */
function asciiJson(json: string): string {
	return json.replace(
		/[\u007f-\uffff]/g,
		(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}

function fromJson(
	json: Record<string, unknown>,
	fileText: string | undefined,
	facts: PageFacts,
): KeptPage {
	const page = json as unknown as KeptPage;
	if (fileText !== undefined) page.text = fileText;
	page.anchors = new Set(json['anchors'] as string[]);
	if (json['legacyAnchors'])
		page.legacyAnchors = new Map(json['legacyAnchors'] as Array<[string, string]>);
	page.facts = facts;
	return page;
}
