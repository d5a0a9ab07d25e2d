import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		/** A folder of this run where builds that tests only read are made once (`test/helpers/bundled-site.ts`). */
		sharedBuilds: string;
	}
}

/**
 * One folder per run of the suite for the builds its files share: made before any file runs,
 * removed after the last. Which build goes in it is decided by the first file that asks for it
 * (`bundledSite`), so a run of one file builds only what that file needs. `npm test` runs two
 * vitests side by side (test/run-suite.ts): it makes the folder, names it in
 * WAYMARK_SHARED_BUILDS for both, and removes it after both.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const given = process.env['WAYMARK_SHARED_BUILDS'];
	const dir = given || (await mkdtemp(join(tmpdir(), 'waymark-shared-builds-')));
	project.provide('sharedBuilds', dir);
	return async () => {
		if (!given) await rm(dir, { recursive: true, force: true });
	};
}
