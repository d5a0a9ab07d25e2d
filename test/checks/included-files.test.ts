import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { checkTree } from '../helpers/check-tree.ts';
import { formatFinding } from '../../checks/finding.ts';
import { parseConfig } from '../../config/load-config.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// A file a tool pastes into pages is judged where it is pasted, and a finding on one of its lines
// is reported at that line of the file, naming the page that includes it: `waymark check` on a
// tree of each tool that pulls files in, with a dead link in the included file.
const git = promisify(execFile);
const made: string[] = [];
afterAll(async () => Promise.all(made.map(removeFixture)));

async function check(files: Record<string, string>, root: string): Promise<string[]> {
	const dir = await writeFixture(files);
	made.push(dir);
	await git('git', ['init', '--quiet', dir]);
	const report = await checkTree({
		root: join(dir, root),
		config: parseConfig({}),
		only: ['internal-links'],
	});
	return report.findings.map(formatFinding);
}

const included = '## Before you start\n\nDrain the node.\n\n  See [the runbook](gone.md) first.\n';

test('mdBook: a dead link in a file `{{#include}}` pastes is reported at its line, naming the chapter', async () => {
	const said = await check(
		{
			'book/book.toml': '[book]\nsrc = "src"\n',
			'book/src/SUMMARY.md': '# Summary\n\n- [Restart](ops/restart.md)\n',
			'book/src/ops/restart.md': '# Restart\n\nIntro.\n\n{{#include ../parts/drain.md}}\n\nDone.\n',
			'book/src/parts/drain.md': included,
		},
		'book/src',
	);
	expect(said).toMatchInlineSnapshot(`
		[
		  "parts/drain.md:5:7: Unexpected link to missing file \`gone.md\`, expected an existing file (in ops/restart.md, included at line 5) (internal-links)",
		]
	`);
});
