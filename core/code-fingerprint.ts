import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { bundleDigestFile, bundleFolder, packageRoot, packageVersion } from './package.ts';

const fingerprints = new Map<string, string>();

/**
 * sha256 (16 hex) of the package version and every file of `folders` under `root` (code,
 * templates, styles, assets): what a cache of results those folders' code computed is keyed by,
 * so an upgrade (or a checkout of other code) never serves results of the old code. `extra` joins
 * what else decides the results.
 */
export function codeFingerprint(
	folders: readonly string[],
	extra = '',
	root = packageRoot,
): string {
	const key = `${root}\0${folders.join('\0')}\0${extra}`;
	const known = fingerprints.get(key);
	if (known) return known;
	const hash = createHash('sha256').update(packageVersion).update(extra);
	for (const folder of folders) {
		const files = readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
			.filter((entry) => entry.isFile())
			.map((entry) => relative(join(root, folder), join(entry.parentPath, entry.name)))
			.sort();
		for (const file of files)
			hash.update(`\0${folder}/${file}\0`).update(readFileSync(join(root, folder, file)));
	}
	const fingerprint = hash.digest('hex').slice(0, 16);
	fingerprints.set(key, fingerprint);
	return fingerprint;
}

/**
 * `codeFingerprint` of `folders` as the running process holds their code: from the sources in a
 * checkout; where packed, the digest `npm pack` wrote beside the bundle (`dist-cli/code-digest`,
 * `cli/bundle.ts`), since the process runs the bundle, not the sources beside it, and reading one
 * file spares hashing about 2 MB of sources on every start. The digest is the package's as packed:
 * a hand edit of the installed bundle is not seen (`rm -r` the state folder after one). For what
 * this process computes and keeps (parsed pages, settled drawings); a site, which Vite builds from
 * the sources, keys by `codeFingerprint`. `running` is this module's URL (`.ts` in a checkout).
 */
export function runningCodeFingerprint(
	folders: readonly string[],
	extra = '',
	running = import.meta.url,
	root = packageRoot,
): string {
	if (running.endsWith('.ts')) return codeFingerprint(folders, extra, root);
	const key = `bundle\0${root}\0${folders.join('\0')}\0${extra}`;
	const known = fingerprints.get(key);
	if (known) return known;
	let digest: string;
	try {
		digest = readFileSync(join(root, bundleFolder, bundleDigestFile), 'utf8');
	} catch {
		// A package compiled some other way: its sources, as in a checkout.
		return codeFingerprint(folders, extra, root);
	}
	const fingerprint = createHash('sha256')
		.update(packageVersion)
		.update(extra)
		.update(folders.join('\0'))
		.update(digest)
		.digest('hex')
		.slice(0, 16);
	fingerprints.set(key, fingerprint);
	return fingerprint;
}

const lockfiles = [
	'package-lock.json',
	'npm-shrinkwrap.json',
	'pnpm-lock.yaml',
	'yarn.lock',
	'bun.lock',
	'bun.lockb',
];

/**
 * sha256 (16 hex) of the lockfile that installed this package's dependencies: the nearest one
 * above the package (the user's project, or this repository), as Astro keys its own caches by the
 * project's lockfile. An `npm update` of a renderer (Shiki, a remark plugin) changes it; `''`
 * where none is found (then only the code and the version key the caches).
 */
export function dependencyLockDigest(from = packageRoot): string {
	// Once per process, as `codeFingerprint`: `waymark dev` reads the tree again on every save.
	let known = lockDigests.get(from);
	if (known === undefined) lockDigests.set(from, (known = findLockDigest(from)));
	return known;
}

const lockDigests = new Map<string, string>();

function findLockDigest(from: string): string {
	for (let folder = from; ; folder = dirname(folder)) {
		for (const name of lockfiles) {
			try {
				return createHash('sha256')
					.update(name)
					.update(readFileSync(join(folder, name)))
					.digest('hex')
					.slice(0, 16);
			} catch {
				// Not here: the next name, then the folder above.
			}
		}
		if (dirname(folder) === folder) return '';
	}
}
