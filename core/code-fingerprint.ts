import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot, packageVersion } from './package.ts';

const fingerprints = new Map<string, string>();

/**
 * sha256 (16 hex) of the package version and every `.ts` file of `folders` under `root`: what a
 * cache of results those folders' code computed is keyed by, so an upgrade (or a checkout of
 * other code) never serves results of the old code. `extra` joins what else decides the results.
 */
export function codeFingerprint(folders: readonly string[], extra = '', root = packageRoot): string {
	const key = `${root}\0${folders.join('\0')}\0${extra}`;
	const known = fingerprints.get(key);
	if (known) return known;
	const hash = createHash('sha256').update(packageVersion).update(extra);
	for (const folder of folders) {
		const files = readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts')).sort();
		for (const file of files) hash.update(`\0${folder}/${file}\0`).update(readFileSync(join(root, folder, file)));
	}
	const fingerprint = hash.digest('hex').slice(0, 16);
	fingerprints.set(key, fingerprint);
	return fingerprint;
}
