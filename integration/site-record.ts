import { readFile, rm } from 'node:fs/promises';
import { readRegularText, readSealedText, writeSealedText } from '../core/sealed-files.ts';
import { createHash } from 'node:crypto';
import { join, sep } from 'node:path';
import astroPackage from 'astro/package.json' with { type: 'json' };
import pLimit from 'p-limit';
import type { LoadedConfig } from '../config/load-config.ts';
import { codeFingerprint, dependencyLockDigest } from '../core/code-fingerprint.ts';
import type { WaymarkEnvironment } from '../core/environment.ts';
import type { PageFacts } from './page-view.ts';
import { outputMarker } from '../core/output-marker.ts';
import type { GuidebookTree } from '../tree/load-tree.ts';
import { bodyDigest, readPageDigest } from './page-entry.ts';
import type { BuiltPages } from './built-pages.ts';
import { publishedDigests, type PublishedDigest } from './published-digests.ts';
import type { SitePlan } from './site-plan.ts';

/** One page of the site as the last build published it. */
interface RecordedPage {
	/** Digest of everything its entry is made from (`entryDigestInput`). */
	input: string;
	/** `PageFacts.facts`: its frontmatter and what its Markdown lifted out. */
	facts: string;
	/** `PageFacts.body`: the digest of its body, when the body is kept in a file of its own. */
	body: string | null;
	/** Its route; the page is `index.html` in that folder of the output. */
	route: string;
	/** A digest of that page as written: a page changed since (by hand, by a preview's banner) is no longer the build's. */
	html: string;
	/** The "Last updated" element its header shows (`lastUpdatedHtml`): a committed edit replaces it. */
	date: string;
	/** The body was written by `patch-site.ts` (kept in the record's folder), not by Astro. */
	patched?: true;
}

/**
 * What the last build of a tree published, kept in its store: enough for the next build to tell
 * which pages changed, and whether anything besides their bodies did (`patch-site.ts`).
 */
export interface SiteRecord {
	version: 3;
	/** Waymark's files (code, templates, styles, assets), Astro's version and the lockfile that installed the dependencies: other code, another site. */
	code: string;
	/** The config, trust and what the environment asks of the build. */
	settings: string;
	/** Everything pages show of the site besides their own body and date (`SitePlan.runtime`, `SiteData` but each page's last commit), and how the tree is read. */
	site: string;
	/** The files published beside the pages: where each goes and its content's digest. */
	published: string;
	/** Each of those files as this build found it (`publishedDigests`): the next build reads only those changed on disk. */
	publishedFiles: Record<string, PublishedDigest>;
	/**
	 * Every diagram was drawn (or there was none): false after a build without a browser (diagrams
	 * drawn in the reader's browser) or whose browser failed halfway, so no page is patched with
	 * drawn diagrams beside pages that have the fallback.
	 */
	drawn: boolean;
	/** The output folder, and the marker file the build wrote into it (a folder replaced since has another). */
	output: { dir: string; marker: string };
	/** The pathnames of every page the build wrote, as Astro reported them. */
	pathnames: string[];
	pages: Record<string, RecordedPage>;
}

/** Where a tree's store keeps the record, and the bodies `patch-site.ts` wrote. */
export function recordFiles(storeDir: string): { record: string; bodies: string } {
	return {
		record: join(storeDir, 'waymark-record.json'),
		bodies: join(storeDir, 'waymark-patched'),
	};
}

/**
 * The record of the last build, when it is whole: it is sealed (`core/sealed-files.ts`), so one
 * cut short, edited or replaced by a symbolic link is no record, and `note` is told why in one
 * line (the build is then a whole one).
 */
export async function readSiteRecord(
	storeDir: string,
	note?: (line: string) => void,
): Promise<SiteRecord | undefined> {
	const read = await readSealedText(recordFiles(storeDir).record);
	if (read && 'problem' in read)
		note?.(
			`The record of the last build failed its check (${read.problem}): the site is built whole.`,
		);
	if (!read || 'problem' in read) return undefined;
	try {
		const record = JSON.parse(read.text) as Partial<SiteRecord> | null;
		// Another version, or a file of another shape (never written by this code), is no record.
		const whole =
			record?.version === 3 &&
			typeof record.output?.dir === 'string' &&
			Array.isArray(record.pathnames) &&
			typeof record.pages === 'object' &&
			record.pages !== null;
		return whole ? (record as SiteRecord) : undefined;
	} catch {
		return undefined;
	}
}

export async function writeSiteRecord(storeDir: string, record: SiteRecord): Promise<void> {
	await writeSealedText(recordFiles(storeDir).record, `${JSON.stringify(record)}\n`);
}

/** A route's page in the output: `index.html` in its folder. */
export function pageOutputFile(route: string): string {
	return join(...route.split('/').filter(Boolean), 'index.html');
}

/** Forgets the record (a build that failed or was left halfway), so the next build is a whole one. */
export async function forgetSiteRecord(storeDir: string): Promise<void> {
	const { record, bodies } = recordFiles(storeDir);
	await Promise.all([rm(record, { force: true }), rm(bodies, { recursive: true, force: true })]);
}

/** The parts of a record that do not name pages, as this build has them. */
export async function siteRecordHead(input: {
	loaded: LoadedConfig;
	environment: WaymarkEnvironment;
	tree: GuidebookTree;
	plan: SitePlan;
	drawn: boolean;
	/** The last build's record, whose digests of the published files stand for files unchanged on disk. */
	last?: SiteRecord | undefined;
}): Promise<Omit<SiteRecord, 'output' | 'pages' | 'pathnames'>> {
	const { loaded, environment, tree, plan, drawn } = input;
	const publishedFiles = await publishedDigests(plan.publication.files, input.last?.publishedFiles);
	// By content, not by time or inode: a fresh checkout of the same commit publishes the same files.
	const files = plan.publication.files.map(({ from, to }) => [
		from,
		to,
		publishedFiles[from]?.digest ?? 'missing',
	]);
	return {
		version: 3,
		code: codeFingerprint(
			[
				'src',
				'public',
				'integration',
				'markdown',
				'tree',
				'tools',
				'checks',
				'diagrams',
				'core',
				'config',
				'alerts',
				'network',
			],
			`${astroPackage.version}\0${dependencyLockDigest()}`,
		),
		settings: bodyDigest(
			JSON.stringify([
				loaded.config,
				loaded.trust,
				loaded.root,
				loaded.outDir,
				environment.parser,
				environment.probeAtBuild,
			]),
		),
		// And how the tree is read, which decides how every page renders (its tool, and what the tool read of it).
		// A page's last commit is its own (its header alone shows it): in its input, not here.
		site: bodyDigest(
			JSON.stringify([
				plan.runtime,
				{ ...plan.siteData, index: { ...plan.siteData.index, gitDates: null } },
				tree.dialect.name,
				plan.files.toolData ?? null,
				tree.toolKeys ? [...tree.toolKeys].sort() : null,
			]),
		),
		published: bodyDigest(JSON.stringify(files)),
		publishedFiles,
		drawn,
	};
}

/**
 * The output folder's marker, as a record names it: the digest of its text, which holds the id of
 * the build that wrote the folder. Another build's folder has another id; a copy of this build's
 * folder (CI restoring the output and the state folder from one cache) has the same, so a
 * committed fix in a fresh checkout can be patched into it.
 */
export async function outputIdentity(outDir: string): Promise<string | undefined> {
	const text = await readRegularText(join(outDir, outputMarker));
	return text === undefined ? undefined : createHash('sha256').update(text).digest('hex');
}

/**
 * What each page's entry is made from, as a digest: its file's text and the text as the tree read
 * it (`readPageDigest`), its frontmatter notes, what its links land on, how it renders
 * (MDX or Markdown), the notice it is published as instead (too large, too deep) and the day
 * of its last commit, which its header shows. The same digest, the same entry.
 */
export function entryInputs(
	tree: GuidebookTree,
	plan: SitePlan,
	paths: Iterable<string>,
): Map<string, string> {
	const data = plan.loaderData({ dir: '' });
	const inputs = new Map<string, string>();
	for (const path of paths) {
		inputs.set(
			path,
			bodyDigest(
				JSON.stringify([
					tree.sources.get(path) ?? null,
					readPageDigest(tree.pages.get(path)),
					data.frontmatter[path] ?? null,
					data.linkDigests[path] ?? '',
					data.pictureKeys[path] ?? '',
					data.mdx,
					data.notices[path] ?? null,
					plan.siteData.index.gitDates[path] ?? null,
				]),
			),
		);
	}
	return inputs;
}

/**
 * The record of a whole build: the head, each page's input and facts, and the output it moved into
 * place. A page's HTML digest comes from `built` (the output's pages as read once they were all in
 * place, before the move) where it has the page, else from the file.
 */
export async function recordBuild(
	head: Omit<SiteRecord, 'output' | 'pages' | 'pathnames'>,
	inputs: Map<string, string>,
	facts: PageFacts[],
	outDir: string,
	pathnames: string[],
	built?: BuiltPages,
): Promise<SiteRecord | undefined> {
	const marker = await outputIdentity(outDir);
	if (!marker) return undefined;
	const pages: Record<string, RecordedPage> = {};
	// A few pages at a time: each read holds a file descriptor until it is done, and 20,000 at once
	// passed the process's limit (EMFILE, `bench/incremental.mjs` at 20,000 pages).
	const limit = pLimit(16);
	await Promise.all(
		facts.map((page) =>
			limit(async () => {
				const input = inputs.get(page.path);
				const file = pageOutputFile(page.route);
				// `bodyDigest` of the file's text is this digest of its bytes: what Astro writes is UTF-8 of a string.
				const read = built?.digests
					.get(file.split(sep).join('/'))
					?.toString('base64url')
					.slice(0, 32);
				const html =
					read ?? (await readFile(join(outDir, file), 'utf8').then(bodyDigest, () => undefined));
				if (input && html !== undefined)
					pages[page.path] = {
						input,
						facts: page.facts,
						body: page.body,
						route: page.route,
						html,
						date: page.date,
					};
			}),
		),
	);
	return { ...head, output: { dir: outDir, marker }, pathnames, pages };
}
