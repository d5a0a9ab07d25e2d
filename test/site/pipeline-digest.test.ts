import { appendFile, cp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
	pipelineFingerprint,
	pipelineFolders,
	withPipelineDigest,
} from '../../integration/pipeline-digest.ts';
import { removeFixture, repoRoot, writeFixture } from '../helpers/fixture.ts';

let copy: string;
beforeAll(async () => {
	copy = await writeFixture({});
	for (const folder of pipelineFolders)
		await cp(join(repoRoot, folder), join(copy, folder), { recursive: true });
});
afterAll(() => removeFixture(copy));

test('fingerprints the Markdown pipeline code, so a change to it changes Astro’s config digest', async () => {
	let last = pipelineFingerprint(copy);
	expect(last).toBe(pipelineFingerprint(repoRoot));
	// Code and the files beside it (a stylesheet) alike; each change changes it again.
	for (const file of ['markdown/anchors.ts', 'src/components/status/status.css']) {
		await appendFile(join(copy, file), '\n/* changed */\n');
		// A fresh folder: fingerprints are kept by folder for the process's life.
		const fresh = await writeFixture({});
		try {
			await cp(copy, fresh, { recursive: true });
			const now = pipelineFingerprint(fresh);
			expect(now, file).not.toBe(last);
			last = now;
		} finally {
			await removeFixture(fresh);
		}
	}
});

test('carries the fingerprint as the option of a plugin that changes nothing', () => {
	const options = withPipelineDigest({ remarkPlugins: [], rehypePlugins: [] });
	const [plugin, settings] = options.remarkPlugins?.at(-1) as [
		() => unknown,
		{ fingerprint: string },
	];
	expect(settings.fingerprint).toBe(pipelineFingerprint());
	expect(plugin()).toBeUndefined();
});
