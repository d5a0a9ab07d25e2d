import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { checkTree } from '../helpers/check-tree.ts';
import { formatFinding } from '../../checks/finding.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

let root: string;

beforeAll(async () => {
	root = await writeFixture({
		'README.md': '# Home\n\n[Ops](ops.md) · [Draft](drafts/new.md)\n',
		'ops.md': '# Ops\n\n[Gone](gone.md)\n',
		'drafts/new.md': '# New\n\n[Also gone](missing.md) and [ops](../ops.md#nope)\n',
	});
});

afterAll(async () => {
	await removeFixture(root);
});

test('reports nothing on files matching `checks.ignore`, and still resolves links into them', async () => {
	const config = parseConfig({
		checks: { ignore: ['drafts/**'], rules: { 'orphan-pages': 'off' } },
	});
	const report = await checkTree({ root, config });
	expect(report.findings.map(formatFinding)).toEqual([
		expect.stringMatching(/^ops\.md:3:1: .*gone\.md.*\(internal-links\)$/),
	]);
	expect(report.checked).toEqual(['README.md', 'ops.md']);
});

test('reports on every file when nothing is ignored', async () => {
	const config = parseConfig({ checks: { rules: { 'orphan-pages': 'off' } } });
	const report = await checkTree({ root, config });
	expect(report.findings.map((f) => f.file)).toEqual(['drafts/new.md', 'drafts/new.md', 'ops.md']);
});
