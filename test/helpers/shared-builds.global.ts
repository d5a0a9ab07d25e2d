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
 * (`bundledSite`), so a run of one file builds only what that file needs.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const dir = await mkdtemp(join(tmpdir(), 'waymark-shared-builds-'));
	project.provide('sharedBuilds', dir);
	return () => rm(dir, { recursive: true, force: true });
}
