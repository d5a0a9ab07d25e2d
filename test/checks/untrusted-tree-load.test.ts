import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { checkTree } from '../helpers/check-tree.ts';
import { defineRule } from '../../checks/rules/define-rule.ts';
import type { Trust } from '../../core/trust.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// `runChecks` without a tree reads one itself: as the run's trust says, so a branch under review
// pulls files only from its root, as `waymark build` and the tree loader already do.
const git = (cwd: string, ...args: string[]) =>
	promisify(execFile)(
		'git',
		['-c', 'user.name=Ops', '-c', 'user.email=ops@example.invalid', ...args],
		{ cwd },
	);

let top: string;

beforeAll(async () => {
	// kanidm's layout: the book at `book/src` includes a file from elsewhere in the repository.
	top = await writeFixture({
		'book/book.toml': '[book]\nsrc = "src"\n',
		'book/src/index.md': '# Home\n\n{{#include ../../examples/server.toml}}\n',
		'examples/server.toml': 'MARK-OUTSIDE-ROOT\n',
	});
	await git(top, 'init', '--quiet');
	await git(top, 'add', '--all');
	await git(top, 'commit', '--quiet', '-m', 'tree');
});

afterAll(async () => {
	await removeFixture(top);
});

const pageTextOf = async (trust: Trust): Promise<string> => {
	let text = '';
	const rules = {
		'reads-page': defineRule({
			id: 'reads-page',
			description: 'Reads the page.',
			defaultSeverity: 'error',
			examples: { ok: [], notOk: [] },
			check: (ctx) => {
				text = ctx.tree.pages.get('index.md')?.text ?? '';
			},
		}),
	};
	await checkTree({ root: join(top, 'book/src'), config: parseConfig({}), trust, rules });
	return text;
};

test('an untrusted run that reads the tree itself pulls in no file outside the root', async () => {
	expect(await pageTextOf('untrusted')).not.toContain('MARK-OUTSIDE-ROOT');
	// The control: the same tree, trusted, pulls the file in.
	expect(await pageTextOf('trusted')).toContain('MARK-OUTSIDE-ROOT');
});
