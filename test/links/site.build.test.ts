import { afterAll, beforeAll, expect, test } from 'vitest';
import {
	buildFixture,
	removeFixture,
	runCli,
	writeFixture,
	type CliResult,
} from '../helpers/fixture.ts';

let dir: string;
let build: CliResult & { outDir: string };

beforeAll(async () => {
	dir = await writeFixture({
		'waymark.config.yaml': 'site:\n  url: https://runbooks.example.com\n',
		'guidebooks/README.md':
			'# Home\n\nSee [ERP](erp/README.md) and [restart](erp/ops.md#restart).\n',
		'guidebooks/erp/README.md':
			'# ERP\n\nGo to [ops](ops.md). <a href="https://runbooks.example.com/erp/retired/">Old page</a>\n',
		'guidebooks/erp/ops.md': '# Ops\n\n## Restart\n\nText.\n',
	});
	build = await buildFixture(`${dir}/guidebooks`);
});
afterAll(() => removeFixture(dir));

test('check --site finds a dead link in a real build, on its source page, and nothing in the layout', async () => {
	expect(build.code).toBe(0);
	const result = await runCli(['check', '--site', build.outDir, '--format', 'json'], { cwd: dir });
	const findings = (
		JSON.parse(result.stdout) as {
			findings: Array<{ rule: string; file: string; message: string }>;
		}
	).findings.filter((f) => f.rule === 'site-links');
	expect(findings).toEqual([
		expect.objectContaining({
			file: 'erp/README.md',
			message:
				'Unexpected status 404 for /erp/retired/ in the rendered page, expected a page or file in the built site',
		}),
	]);
});
