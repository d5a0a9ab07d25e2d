import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cliPath, removeFixture } from '../helpers/fixture.ts';
import { baseTree, git, headTree, applySpec, writeGitFixture } from './git-fixture.ts';

let repo: string;

beforeAll(async () => {
	repo = await writeGitFixture([baseTree]);
	await git(repo, 'checkout', '--quiet', '-b', 'feature');
	await applySpec(repo, headTree);
	await git(repo, 'add', '--all');
	await git(repo, 'commit', '--quiet', '-m', 'feature');
});
afterAll(() => removeFixture(repo));

test('builds the branch against main by default, serves it and cleans up when stopped', async () => {
	const child = spawn(
		process.execPath,
		[cliPath, 'preview', '--root', 'guidebooks', '--port', '0', '--host', '127.0.0.1'],
		{
			cwd: repo,
			env: { ...process.env, NO_COLOR: '1', WAYMARK_LOG_LEVEL: 'silent' },
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code)),
	);
	try {
		const lines: string[] = [];
		let url: string | undefined;
		for await (const line of createInterface({ input: child.stdout })) {
			lines.push(line);
			url =
				/^Preview of changes since main: (http:\/\/127\.0\.0\.1:\d+\/_waymark\/changes\/)$/.exec(
					line,
				)?.[1];
			if (url) break;
		}
		expect(url, lines.join('\n')).toBeDefined();
		const response = await fetch(url as string);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('Changes since <code>main</code>');
		expect(html).toContain('href="/_waymark/diff/erp/operations/"');
		const diff = await fetch(new URL('/_waymark/diff/erp/operations/', url));
		expect(await diff.text()).toContain('<del>service</del><ins>worker</ins>');
		const out = /^Built .* into (\S+?)\/?(?: with .*)?$/.exec(
			lines.find((l) => l.startsWith('Built ')) ?? '',
		)?.[1];
		expect(out).toBeDefined();
		child.kill('SIGTERM');
		expect(await exited).toBe(0);
		expect(await stat(out as string).catch(() => 'gone')).toBe('gone');
	} finally {
		if (child.exitCode === null) child.kill('SIGKILL');
	}
});
