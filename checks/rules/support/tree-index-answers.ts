// What the tree index (`tree-index.ts`) answers for an href: the kinds of place a link lands on,
// each with what its finding needs to say.

/** What an href lands on. */
export type LinkTarget =
	| { kind: 'page'; path: string }
	| { kind: 'asset'; path: string }
	| { kind: 'folder'; path: string; page: string | undefined }
	| { kind: 'case-mismatch'; path: string; actual: string }
	| { kind: 'missing'; path: string; suggestion: string | undefined }
	/** An existing file or folder of the git repository outside the root; `path` is relative to the repository top. */
	| { kind: 'repository'; path: string; folder: boolean }
	/** An existing file or folder of the root, outside git, through a name the site never publishes (`.github/`, `node_modules/`). */
	| { kind: 'unpublished'; path: string }
	/** An `.html`, `.xml` or other file of the root a browser runs as a page, which the site leaves out (`isActiveDocument`). */
	| { kind: 'active'; path: string }
	/** A file of the root through such a name that is on disk but that git ignores: the forge has no such file. */
	| { kind: 'ignored'; path: string }
	/** A Markdown file of the root its tool builds no page for (`tools/left-out.ts`): why, and the fix. */
	| { kind: 'left-out'; path: string; why: string; fix: string }
	/** A file of the root on disk that the branch under review does not hold, left out of its build (`tree/branch-files.ts`): why, and the fix. */
	| { kind: 'not-held'; path: string; reason: string; fix: string }
	/** Above the repository top (or the root, outside git); `inRepository` says which. */
	| { kind: 'outside'; path: string; inRepository: boolean };

export interface TreeIndex {
	/**
	 * Where `href`, written in `fromPath`, lands; `image`: the site bundles it, so it must be a file
	 * wherever it is written. `byPageUrl`: a link to a file that reaches it only as a URL from the
	 * page's address (MkDocs: it works on the site, and MkDocs warns of it).
	 */
	resolve(
		fromPath: string,
		href: string,
		kind?: 'image',
	): { target: LinkTarget; hash: string; byPageUrl?: true } | undefined;
	/** The page a folder shows (README/index), if any. */
	folderPage(folder: string): string | undefined;
	/** How many lookups so far read the disk: a link whose judgement did is judged again on every run (`kept-verdicts.ts`). */
	diskReads(): number;
}
