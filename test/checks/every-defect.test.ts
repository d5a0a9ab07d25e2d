import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repoRoot, runCli, type CliResult } from '../helpers/fixture.ts';

// The committed fixture holds every textual defect; the ones git cannot carry (or should not:
// 5 MB) are added to a copy here.
const fixture = resolve(repoRoot, 'test/fixtures/every-defect/guidebooks');
let workDir: string;
const results = new Map<string, CliResult>();

// `[Empty](empty-folder/)` (README.md:3:28) is no defect: like the forge, the site lists a folder
// without a README, and that listing links `empty-folder/notes.md`.
const answerKey = [
	'Runbooks für Ops/Prüfliste & Übergabe.md:3:1 internal-links error',
	'README.md:3:1 internal-links error',
	'README.md:3:53 internal-links error',
	'README.md:3:87 internal-links error',
	'README.md:5:1 internal-links error',
	'README.md:7:1 internal-links error',
	'README.md:7:26 internal-links error',
	'README.md:9:1 internal-links warning',
	'big page.md:1:1 orphan-pages warning',
	'big page.md:1:1 readable-files warning',
	'big page.md:80003:1 internal-links error',
	'binary.md:2:1 readable-files error',
	'gone.md:1:1 readable-files error',
	// Published decoded, as GitHub shows it: a page, which nothing links to.
	'latin1.md:1:1 orphan-pages warning',
	'latin1.md:3:1 readable-files error',
	'lint.md:3:5 markdown-lint warning',
	'ops/loop:1:1 readable-files error',
	'ops/README.md:1:24 breadcrumb-trail error',
	'ops/README.md:1:24 breadcrumb-trail error',
	'ops/README.md:5:3 header-block error',
	'ops/README.md:6:3 header-block error',
	'ops/relations.md:10:16 relations error',
	'ops/relations.md:4:5 relations error',
	'ops/restore.md:2:8 frontmatter error',
	'ops/typo.md:2:1 frontmatter warning',
	'ops/typo.md:3:1 frontmatter error',
	'orphan.md:1:1 orphan-pages warning',
	'unclosed-fence.md:3:1 code-fences error',
].sort();

const formats = ['pretty', 'json', 'junit', 'sarif', 'github', 'markdown'] as const;

beforeAll(async () => {
	await mkdir(resolve(repoRoot, 'test/.tmp'), { recursive: true });
	workDir = await mkdtemp(join(resolve(repoRoot, 'test/.tmp'), 'every-defect-'));
	const root = join(workDir, 'guidebooks');
	await cp(fixture, root, { recursive: true });
	// Orphans and bare URLs are quiet by default; the planted ones are reported once asked for.
	await writeFile(
		join(workDir, 'waymark.config.yaml'),
		'checks:\n  rules: { orphan-pages: warning }\n  lint: { no-literal-urls: warning }\n',
	);
	await writeFile(join(root, 'binary.md'), Buffer.from([0x23, 0x20, 0x42, 0x0a, 0x00, 0x01, 0xff]));
	await writeFile(
		join(root, 'latin1.md'),
		Buffer.concat([Buffer.from('# Caf\n\nCaf'), Buffer.from([0xe9]), Buffer.from('\n')]),
	);
	await symlink('..', join(root, 'ops/loop'));
	await symlink('nowhere.md', join(root, 'gone.md'));
	const section = '## Section\n\nSome text with **bold**, `code` and [a link](README.md).\n\n';
	await writeFile(join(root, 'big page.md'), `${section.repeat(20_000)}x\n\n[dead](nowhere.md)\n`);
	await Promise.all(
		formats.map(async (format) =>
			results.set(
				format,
				await runCli(['check', '--root', 'guidebooks', '--format', format], { cwd: workDir }),
			),
		),
	);
}, 240_000);

afterAll(async () => {
	await rm(workDir, { recursive: true, force: true });
});

describe('waymark check on a tree with every defect planted', () => {
	test.each(formats)('exits 1 with --format %s', (format) => {
		expect(results.get(format)?.stderr).toBe('');
		expect(results.get(format)?.code).toBe(1);
	});

	test('reports each defect at its file:line:col in JSON, and nothing else', () => {
		const report = JSON.parse(results.get('json')?.stdout ?? '') as {
			findings: Array<{
				file: string;
				line: number;
				column: number;
				rule: string;
				severity: string;
			}>;
		};
		const found = report.findings
			.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.severity}`)
			.sort();
		expect(found).toEqual(answerKey);
	});

	const located = answerKey.map((entry) => {
		const [where = '', rule = '', severity = ''] = entry.split(
			/ (?=[a-z-]+ (?:error|warning)$)| (?=(?:error|warning)$)/,
		);
		const [, file = '', line = '', column = ''] = /^(.*):(\d+):(\d+)$/.exec(where) ?? [];
		return { file, line, column, rule, severity };
	});

	test('reports each defect in pretty, grouped under its file', () => {
		const out = results.get('pretty')?.stdout ?? '';
		for (const f of located) {
			const section = out.slice(out.indexOf(`${f.file}\n`));
			expect(section).toMatch(
				new RegExp(`\\n  ${f.line}:${f.column}\\s+${f.severity}\\s.*\\s${f.rule}\\n`),
			);
		}
		expect(out).toMatch(/✖ 21 errors, 7 warnings in 15 files checked\n$/);
	});

	test('reports each defect as a GitHub annotation with a path from the working directory', () => {
		const out = results.get('github')?.stdout ?? '';
		for (const f of located) {
			const file = `guidebooks/${f.file}`.replaceAll(':', '%3A').replaceAll(',', '%2C');
			expect(out).toContain(
				`::${f.severity} file=${file},line=${f.line},col=${f.column},title=waymark(${f.rule})::`,
			);
		}
	});

	test('reports each defect as a SARIF result with a region', () => {
		const log = JSON.parse(results.get('sarif')?.stdout ?? '') as {
			runs: Array<{
				results: Array<{
					ruleId: string;
					level: string;
					locations: Array<{
						physicalLocation: {
							artifactLocation: { uri: string };
							region: { startLine: number; startColumn: number };
						};
					}>;
				}>;
			}>;
		};
		const found = (log.runs[0]?.results ?? []).map((r) => {
			const loc = r.locations[0]?.physicalLocation;
			return `${decodeURI(loc?.artifactLocation.uri ?? '').replace(/^guidebooks\//, '')}:${loc?.region.startLine}:${loc?.region.startColumn} ${r.ruleId} ${r.level}`;
		});
		expect(found.sort()).toEqual(answerKey);
	});

	test('reports each defect as a JUnit test case', () => {
		const out = results.get('junit')?.stdout ?? '';
		const xml = (s: string) => s.replaceAll('&', '&amp;');
		for (const f of located)
			expect(out).toContain(`<testcase name="${xml(`${f.file}:${f.line}:${f.column} ${f.rule}`)}"`);
	});

	test('reports each defect in the Markdown summary under its file, named from the repository', () => {
		const out = results.get('markdown')?.stdout ?? '';
		expect(out).toContain('| 21 | 7 | 15 |');
		for (const f of located) {
			const heading = out.indexOf(`#### \`guidebooks/${f.file}\``);
			expect(heading).toBeGreaterThan(0);
			const section = out.slice(heading);
			expect(section).toContain(`- **${f.severity}** ${f.line}:${f.column} `);
		}
	});
});
