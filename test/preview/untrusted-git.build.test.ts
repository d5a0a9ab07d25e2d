import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli } from '../helpers/fixture.ts';
import { writePlantedRepository, type PlantedRepository } from '../helpers/planted-git.ts';

// The whole reviewer build (`build --base`, untrusted by default) over a branch that plants git
// configuration naming programs at every depth (test/helpers/planted-git.ts), run from inside the root.
let planted: PlantedRepository;
let out: string;

beforeAll(async () => {
	planted = await writePlantedRepository();
	out = join(planted.repo, '..', `${planted.repo.split('/').pop()}-site`);
});
afterAll(async () => {
	await planted.remove();
	await removeFixture(out);
});

test('`build --base main` run inside the root publishes the preview and starts none of the planted programs', async () => {
	const result = await runCli(['build', '--root', '.', '--out', out, '--base', 'main'], {
		cwd: join(planted.repo, 'docs'),
	});
	expect(await planted.fired()).toEqual([]);
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	expect(result.stdout).toMatch(/Added the preview of 4 changed page\(s\) since main/);
});
