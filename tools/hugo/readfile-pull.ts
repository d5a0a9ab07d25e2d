/**
 * The Hugo module's hooks for what `readfile` pastes (`readfile.ts`): the files read through the
 * tree's puller while the tree is read and recorded in the tree's data, so the site reads the same
 * answers; kept out of the site config's digest and of the reading's, since each page's `pulled`
 * list is what a change to one of them changes.
 */
import { relative, sep } from 'node:path';
import { withUnlisted } from '../shown-data.ts';
import type { PulledFile } from '../syntax/pulled-file.ts';
import {
	readFromRecord,
	readThrough,
	readsThrough,
	refreshRecord,
	type Reads,
} from '../syntax/recorded-reads.ts';
import type { Puller } from '../tool.ts';
import { pathInContent } from './content.ts';
import type { HugoData } from './data.ts';
import { mayReadfile, readfileMarks, type ReadfilePlaces } from './readfile.ts';
import type { HugoSite } from './site.ts';

const slashed = (path: string): string => path.split(sep).join('/');

/** The `pull` hook: reads for the pages that may paste a file, which are parsed every run (the others as other trees' are). */
export function pullReadfiles(
	{
		root,
		site,
		texts,
		puller,
	}: { root: string; site: HugoSite; texts: ReadonlyMap<string, string>; puller: Puller },
	data: HugoData,
) {
	const { reads, recorded } = readThrough(
		root,
		[...texts.values()].filter(mayReadfile).length,
		puller,
	);
	return {
		inputs: reads,
		data: { ...data, readfile: { places: readfilePlacesOf(site, root), reads: recorded } },
		cacheable: (text: string) => !mayReadfile(text),
		pulledFiles: [recorded.files],
	};
}

/** The hooks that hand the recorded reads on: to the site, to `waymark dev`, to a preview's base side. */
export const readfileHooks = {
	shownData: (data: HugoData): HugoData =>
		data.readfile?.reads ? { ...data, readfile: withUnlisted(data.readfile, ['reads']) } : data,
	refreshPulls: (held: HugoData, fresh: HugoData): void =>
		refreshRecord(held.readfile?.reads, fresh.readfile?.reads),
	inputsThrough: (data: HugoData, through: (read: PulledFile) => PulledFile) =>
		data.readfile?.reads ? readsThrough(data.readfile.reads, through) : undefined,
	pullMarkers: (data: HugoData): string[] => (data.readfile?.reads ? readfileMarks : []),
};

/** The reads a bound reading pastes through: those of this run, else what the data recorded. */
export function readfileReads(data: HugoData | undefined, parseInputs: unknown): Reads | undefined {
	return (
		(parseInputs as Reads | undefined) ??
		(data?.readfile?.reads && readFromRecord(data.readfile.reads))
	);
}

/** The data as the reading's digest sees it: where files are looked for, not what was read. */
export function readingDigest(data: HugoData | undefined): unknown {
	return data?.readfile?.reads
		? { ...data, readfile: { places: data.readfile.places } }
		: (data ?? null);
}

/** Where `readfile` looks, from `root`: the site's folder, the folders its content is made of (its mounts onto `content`, else `contentDir`), and the root's place in the content. */
function readfilePlacesOf(site: HugoSite, root: string): ReadfilePlaces {
	const mounts = site.contentMounts.map((mount) => ({
		target: mount.target,
		folder: slashed(relative(root, mount.source)),
	}));
	return {
		site: slashed(relative(root, site.dir)),
		content:
			mounts.length > 0
				? mounts
				: [{ target: '', folder: slashed(relative(root, site.contentDir)) }],
		inContent: pathInContent(site, root) ?? '',
	};
}
