import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
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
export default function setup(project: TestProject): () => Promise<void> {
	const given = process.env['WAYMARK_SHARED_BUILDS'];
	// Made at once, before any await: the other project's setup may already be waiting to run.
	const dir = given || mkdtempSync(join(tmpdir(), 'waymark-shared-builds-'));
	// vitest sets up each project that names this file: the build and status projects of one run
	// share the folder the first made, and that one removes it.
	process.env['WAYMARK_SHARED_BUILDS'] = dir;
	project.provide('sharedBuilds', dir);
	return async () => {
		if (given) return;
		delete process.env['WAYMARK_SHARED_BUILDS'];
		await rm(dir, { recursive: true, force: true });
	};
}
