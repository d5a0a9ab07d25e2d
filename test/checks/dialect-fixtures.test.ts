import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repoRoot, runCli } from '../helpers/fixture.ts';

/**
 * Each tree of test/fixtures/dialects, checked as a user would on a clone: a git repository of its
 * own, `waymark check --root <folder> --format json` from its top. The finding lists are exact: the
 * defects its EXPECTED.md lists, read in the tree's dialect, nothing for a link that works on its
 * forge.
 */
let tmp: string;

beforeAll(async () => {
	await mkdir(join(repoRoot, 'test/.tmp'), { recursive: true });
	tmp = await mkdtemp(join(repoRoot, 'test/.tmp/dialects-'));
});

afterAll(async () => {
	await rm(tmp, { recursive: true, force: true });
});

async function checkClone(
	name: string,
	root: string,
	config?: string,
): Promise<{ code: number; findings: string[] }> {
	const clone = join(tmp, `${name}-${config ? 'config' : 'plain'}`);
	await cp(resolve(repoRoot, 'test/fixtures/dialects', name), clone, { recursive: true });
	await promisify(execFile)('git', ['init', '--quiet', clone]);
	if (config) await writeFile(join(clone, 'waymark.config.yaml'), config);
	const result = await runCli(['check', '--root', root, '--format', 'json'], { cwd: clone });
	const report = JSON.parse(result.stdout) as {
		findings: Array<{
			file: string;
			line: number;
			severity: string;
			rule: string;
			message: string;
		}>;
	};
	return {
		code: result.code,
		findings: report.findings.map(
			(f) => `${f.file}:${f.line} ${f.severity} ${f.rule}: ${f.message}`,
		),
	};
}

describe('GitLab tree (docs/ beside scripts/ and img/)', () => {
	const defects = [
		'dolibarr/backup-and-restore.md:30 error internal-links: Unexpected link to missing heading `#replication_slots`, expected one of `#backup-and-restore`, `#nightly-dump`, `#restore--verify`, `#replication-slots`; did you mean `#replication-slots`',
		'dolibarr/README.md:18 error internal-links: Unexpected link to missing file `vault-unseal-order.md`, expected an existing file; did you mean `vault-unseal.md`',
		// A heading id from before GitLab 17.0: it works there only, so a warning naming both ids.
		'dolibarr/README.md:17 warning internal-links: Unexpected link to `#restore-verify`, expected `#restore--verify`: `#restore-verify` is the id GitLab before 17.0 gave "Restore + verify" (it merged repeated hyphens), and works only there; GitLab 17.0 and later and GitHub use `#restore--verify`',
		'dolibarr/vault-unseal.md:12 error code-fences: Unexpected unclosed code fence ```` ```shell ````, expected a closing ```` ``` ```` line; the remaining 7 lines of the page are shown as code',
		'odoo-droplet/addons-not-installed.md:11 warning code-fences: Unexpected unclosed code fence ```` ```shell ````, expected a closing ```` ``` ```` line; the block ends with its list item, so line 12 is shown as code',
	];
	const sorted = (list: string[]) => [...list].sort((a, b) => a.localeCompare(b));

	test('reports the real defects, and warns about the script link while no forge is known', async () => {
		const { code, findings } = await checkClone('gitlab', 'docs');
		expect(code).toBe(1);
		expect(sorted(findings)).toEqual(
			sorted([
				...defects,
				'dolibarr/README.md:23 warning internal-links: Unexpected link to `../../scripts/rotate-dolibarr-db-password.sh` outside the guidebook root, expected a page or file the site publishes; set `site.repoUrl` so the site links to it on the forge',
			]),
		);
	});

	test('accepts the script link once site.repoUrl names the forge', async () => {
		const { findings } = await checkClone(
			'gitlab',
			'docs',
			'site:\n  repoUrl: https://gitlab.com/example-ops/erp-runbooks\n',
		);
		expect(sorted(findings)).toEqual(sorted(defects));
	});
});

describe.each([
	{
		name: 'github-alerts',
		root: 'runbooks',
		defects: [
			'erpnext/DocuSealUnreachable.md:12 error internal-links: Unexpected link to missing file `traefik-routing.md`, expected an existing file',
		],
	},
	{
		name: 'hugo',
		root: 'content',
		defects: [
			// `{{< ref "./CRMApiRestarting.md" >}}`: a page that does not exist (Hugo fails the build on it).
			'runbooks/crm-api/CRMTenantMigrationFailed.md:20 error internal-links: Unexpected link to missing file `./CRMApiRestarting.md`, expected an existing file',
			'runbooks/crm-api/CRMTenantMigrationFailed.md:21 error internal-links: Unexpected reference to undefined definition `[alembic]`, expected a definition such as `[label]: path.md`',
		],
	},
	{
		name: 'mkdocs',
		root: 'docs',
		defects: [
			'dolibarr/restore.md:10 error internal-links: Unexpected link to missing file `restore-drill.md`, expected an existing file',
			// Python-Markdown's ids (`#backup-restore` for "Backup & restore"): `#backup-restore` and `#check-renew` land.
			'dolibarr/restore.md:11 error internal-links: Unexpected link to missing heading `#verify-the-dump` in `dolibarr/backup.md`, expected one of `#nightly-backup`, `#backup-restore`, `#take-a-manual-dump`',
		],
	},
	{
		name: 'docusaurus',
		root: 'docs',
		defects: [
			'crm/login-503.md:19 error internal-links: Unexpected link to missing heading `#readiness` in `crm/health-checks.md`, expected one of `#crm-health-checks`',
			'erpnext/queue-backlog.md:21 error internal-links: Unexpected link to missing file `./worker-scaling.md`, expected an existing file',
			// The note swallows the rest of the page. (`docuseal` at erpnext/queue-backlog.md:23 is a route-relative link that lands.)
			'crm/login-503.md:16 error dialect-syntax: Unexpected `:::note` never closed, expected a `:::` line after its content: the rest of the page (lines 17-19) is inside it',
		],
	},
])('$name tree', ({ name, root, defects }) => {
	test('reports exactly its real defects and nothing for links that work on its forge', async () => {
		const { code, findings } = await checkClone(name, root);
		expect(code).toBe(1);
		expect(findings.sort()).toEqual([...defects].sort());
	});
});
