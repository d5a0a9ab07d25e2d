import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { checkTree } from '../helpers/check-tree.ts';
import { formatFinding } from '../../checks/finding.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

let root = '';
afterEach(async () => {
	await chmod(join(root, 'locked'), 0o755).catch(() => undefined);
	await chmod(join(root, 'secret.md'), 0o644).catch(() => undefined);
	await removeFixture(root);
});

const readableFindings = async () =>
	(
		await checkTree({ root, config: parseConfig({}), only: ['readable-files', 'internal-links'] })
	).findings.map(formatFinding);

// Root reads everything regardless of mode bits, through CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH.
// Under root (as in CI) the CLI runs with both dropped from its capability bounding set, so the
// kernel applies the mode bits to it as to any user; the repository stays readable wherever it is.
const withoutRootReads =
	process.getuid?.() === 0 ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search'] : [];

test('reports a page and a folder it may not read, and checks the rest', async () => {
	root = await writeFixture({
		'README.md': '# Home\n\n[Gone](gone.md)\n',
		'secret.md': '# Secret\n',
		'locked/page.md': '# Page\n',
	});
	await chmod(join(root, 'secret.md'), 0o000);
	await chmod(join(root, 'locked'), 0o000);
	const result = await runCli(['check', '--root', '.', '--format', 'json'], {
		cwd: root,
		launcher: withoutRootReads,
		timeoutMs: 60_000,
	});
	expect(result.stderr).toBe('');
	const report = JSON.parse(result.stdout) as {
		findings: Array<{ rule: string; file: string; line: number; column: number; message: string }>;
		checked: string[];
	};
	expect(
		report.findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message} (${f.rule})`),
	).toEqual([
		'locked:1:1: Unexpected permission denied at `locked`, expected a file or folder Waymark can publish. Make the folder readable by the user running Waymark. (readable-files)',
		'README.md:3:1: Unexpected link to missing file `gone.md`, expected an existing file (internal-links)',
		'secret.md:1:1: Unexpected permission denied, expected a readable UTF-8 Markdown file. Make the file readable by the user running Waymark. (readable-files)',
	]);
	expect([result.code, report.checked]).toEqual([1, ['README.md', 'locked', 'secret.md']]);
}, 60_000);

test('reports symbolic link loops and broken links with their fix, and checks the rest', async () => {
	root = await writeFixture({
		'README.md': '# Home\n\n[Gone](gone.md)\n',
		'erp/ops.md': '# Ops\n',
	});
	await symlink('..', join(root, 'erp/up'));
	await symlink('missing.md', join(root, 'dangling.md'));
	await mkdir(join(root, 'empty'));
	await writeFile(join(root, 'empty/.keep'), '');
	expect(await readableFindings()).toEqual([
		'dangling.md:1:1: Unexpected broken symbolic link at `dangling.md`, expected a file or folder Waymark can publish. Point the symbolic link at an existing file, or delete it. (readable-files)',
		'erp/up:1:1: Unexpected symbolic link loop (this folder is already part of the tree) at `erp/up`, expected a file or folder Waymark can publish. Point the link at a folder outside its own ancestors, or replace it with the files it should show. (readable-files)',
		'README.md:3:1: Unexpected link to missing file `gone.md`, expected an existing file (internal-links)',
	]);
});
