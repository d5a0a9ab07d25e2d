import { appendFile, cp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pipelineFingerprint, withPipelineDigest } from '../../integration/pipeline-digest.ts';
import { removeFixture, repoRoot, writeFixture } from '../helpers/fixture.ts';

let copy: string;
beforeAll(async () => {
	copy = await writeFixture({});
	for (const folder of ['src/markdown', 'src/lib', 'src/components/status', 'diagrams']) await cp(join(repoRoot, folder), join(copy, folder), { recursive: true });
});
afterAll(() => removeFixture(copy));

test('fingerprints the Markdown pipeline code, so a change to it changes Astro’s config digest', async () => {
	const before = pipelineFingerprint(copy);
	expect(before).toBe(pipelineFingerprint(repoRoot));
	await appendFile(join(copy, 'src/lib/anchors.ts'), '\n// changed\n');
	const fresh = await writeFixture({});
	try {
		await cp(copy, fresh, { recursive: true });
		expect(pipelineFingerprint(fresh)).not.toBe(before);
	} finally {
		await removeFixture(fresh);
	}
});

test('carries the fingerprint as the option of a plugin that changes nothing', () => {
	const options = withPipelineDigest({ remarkPlugins: [], rehypePlugins: [] });
	const [plugin, settings] = options.remarkPlugins?.at(-1) as [() => unknown, { fingerprint: string }];
	expect(settings.fingerprint).toBe(pipelineFingerprint());
	expect(plugin()).toBeUndefined();
});
