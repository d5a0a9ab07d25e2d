import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

// A link to a file the site never publishes but the forge shows (a dot file, `node_modules`) that
// holds a secret by its name is the same error as a link to `id_rsa` in the tree, at the link: it
// was a warning advising to link it on the forge. Generated: each secret name, in the root, in a
// dot folder and above the root, linked from pages at two depths.
const secrets = [
	'.env',
	'.env.production',
	'.npmrc',
	'.pgpass',
	'.github/deploy_key.pem',
	'node_modules/pkg/.npmrc',
	'ops.env',
];
const controls = ['.github/workflows/ci.yml', '.gitlab-ci.yml'];
let repo: string;
let report: {
	findings: Array<{ rule: string; severity: string; file: string; line: number; message: string }>;
};

beforeAll(async () => {
	const files: Record<string, string> = {};
	const lines: Record<string, string[]> = {
		'docs/README.md': ['# Runbooks', ''],
		'docs/ops/deep.md': ['# Deep', ''],
	};
	for (const name of [...secrets, ...controls]) {
		files[`docs/${name}`] = 'x\n';
		lines['docs/README.md']?.push(`[${name}](${name})`, '');
		lines['docs/ops/deep.md']?.push(`[${name}](../${name})`, '');
	}
	for (const [page, text] of Object.entries(lines)) files[page] = `${text.join('\n')}\n`;
	repo = await writeFixture(files);
	await promisify(execFile)('git', ['init', '-q', repo]);
	const result = await runCli(['check', '--root', `${repo}/docs`, '--format', 'json']);
	report = JSON.parse(result.stdout) as typeof report;
}, 120_000);
afterAll(() => removeFixture(repo));

test('a link to a secret the site never publishes is an error at the link, with no advice to link it on the forge', () => {
	for (const page of ['README.md', 'ops/deep.md']) {
		const at = (rule: string) => report.findings.filter((f) => f.file === page && f.rule === rule);
		const errors = at('readable-files').filter(
			(f) => f.severity === 'error' && /a file that holds/.test(f.message),
		);
		// One per secret link; in README.md the links sit on lines 3, 5, 7, …
		expect(
			errors.map((f) => f.line).sort((a, b) => a - b),
			page,
		).toEqual(secrets.map((_, i) => 3 + 2 * i));
		const forgeAdvice = at('internal-links').filter((f) => /on the forge/.test(f.message));
		// Only the controls keep the forge advice: they hold no secret.
		expect(
			forgeAdvice.map((f) => f.line).sort((a, b) => a - b),
			page,
		).toEqual(controls.map((_, i) => 3 + 2 * (secrets.length + i)));
	}
});
