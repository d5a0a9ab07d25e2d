import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkTree } from '../helpers/check-tree.ts';
import { formatFinding } from '../../checks/finding.ts';
import { parseConfig } from '../../config/load-config.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// A GitLab-style repository: the runbooks in docs/, scripts and images beside it.
let repo: string;
const only = ['internal-links'];

beforeAll(async () => {
	repo = await writeFixture({
		'scripts/rotate.sh': 'echo rotate\n',
		'img/topology.png': 'png',
		'docs/README.md':
			'# Runbooks\n\n[Odoo](/docs/odoo/README.md) · [Dumps](dumps/) · [Gone](/docs/gone.md)\n\n[Typo](/docs/odoo/READMY.md) · [Typo](/odoo/READMY.md)\n\n[Route](/odoo#known-gap) · [Handbook](/handbook/) · [Gone route](/odoo/gone#x)\n\n![Topology](../img/topology.png)\n',
		'docs/dumps/schema.sql': 'select 1;\n',
		'docs/odoo/README.md': '# Odoo\n\n## Known gap\n',
		'docs/erp/backup.md':
			'# Backup\n\n[Odoo](../../docs/odoo/README.md#known-gap) · [rotate.sh](../../scripts/rotate.sh) · [Scripts](../../scripts/)\n\n[Setup](../../kube/setup.md) · [Up](../../../x.md) · [Missing](../../scripts/gone.sh)\n',
		'docs/kube/setup.md': '# Setup\n',
		'docs/odoo/notes.md': '# Notes\n\n[Wrong heading](/odoo#known-gaps)\n',
	});
	await promisify(execFile)('git', ['init', '--quiet', repo]);
});

afterAll(async () => {
	await removeFixture(repo);
});

async function check(site: Record<string, string> = {}): Promise<string[]> {
	const report = await checkTree({ root: join(repo, 'docs'), config: parseConfig({ site }), only });
	return report.findings.map(formatFinding);
}

describe('links as the forge resolves them, with the guidebook root in a sub-folder', () => {
	test('warns about repository files outside the root while no forge is known, and errors on what no forge has', async () => {
		expect(await check()).toEqual([
			'erp/backup.md:3:47: Unexpected link to `../../scripts/rotate.sh` outside the guidebook root, expected a page or file the site publishes; set `site.repoUrl` so the site links to it on the forge (internal-links)',
			'erp/backup.md:3:86: Unexpected link to `../../scripts/` outside the guidebook root, expected a page or file the site publishes; set `site.repoUrl` so the site links to it on the forge (internal-links)',
			'erp/backup.md:5:1: Unexpected link to missing file `../../kube/setup.md`, expected an existing file; did you mean `../kube/setup.md` (internal-links)',
			'erp/backup.md:5:32: Unexpected link `../../../x.md` leaving the repository, expected a path inside it (internal-links)',
			'erp/backup.md:5:54: Unexpected link to missing file `../../scripts/gone.sh`, expected an existing file (internal-links)',
			'odoo/notes.md:3:1: Unexpected link to missing heading `#known-gaps` in `odoo/README.md`, expected one of `#odoo`, `#known-gap`; did you mean `#known-gap` (internal-links)',
			'README.md:3:50: Unexpected link to missing file `/docs/gone.md`, expected an existing file (internal-links)',
			'README.md:5:1: Unexpected link to missing file `/docs/odoo/READMY.md`, expected an existing file; did you mean `/docs/odoo/README.md` (internal-links)',
			'README.md:5:32: Unexpected link to missing file `/odoo/READMY.md`, expected an existing file; did you mean `/docs/odoo/README.md` (internal-links)',
			'README.md:7:28: Unexpected link to missing file `/handbook/`, expected an existing file (internal-links)',
			'README.md:7:53: Unexpected link to missing file `/odoo/gone`, expected an existing file (internal-links)',
		]);
	});

	test('accepts repository files once `site.repoUrl` names the forge, or the edit URL does', async () => {
		const errors = [
			'erp/backup.md:5:1: Unexpected link to missing file `../../kube/setup.md`, expected an existing file; did you mean `../kube/setup.md` (internal-links)',
			'erp/backup.md:5:32: Unexpected link `../../../x.md` leaving the repository, expected a path inside it (internal-links)',
			'erp/backup.md:5:54: Unexpected link to missing file `../../scripts/gone.sh`, expected an existing file (internal-links)',
			'odoo/notes.md:3:1: Unexpected link to missing heading `#known-gaps` in `odoo/README.md`, expected one of `#odoo`, `#known-gap`; did you mean `#known-gap` (internal-links)',
			'README.md:3:50: Unexpected link to missing file `/docs/gone.md`, expected an existing file (internal-links)',
			'README.md:5:1: Unexpected link to missing file `/docs/odoo/READMY.md`, expected an existing file; did you mean `/docs/odoo/README.md` (internal-links)',
			'README.md:5:32: Unexpected link to missing file `/odoo/READMY.md`, expected an existing file; did you mean `/docs/odoo/README.md` (internal-links)',
			'README.md:7:28: Unexpected link to missing file `/handbook/`, expected an existing file (internal-links)',
			'README.md:7:53: Unexpected link to missing file `/odoo/gone`, expected an existing file (internal-links)',
		];
		expect(await check({ repoUrl: 'https://gitlab.com/acme/runbooks' })).toEqual(errors);
		expect(
			await check({ editUrl: 'https://gitlab.com/acme/runbooks/-/edit/main/docs/{path}' }),
		).toEqual(errors);
	});

	test("leaves a root-absolute route of a site generator's host unjudged, and still reports a missing page file", async () => {
		// A Hugo or MkDocs site may serve `/handbook/` from content outside this tree; on a forge it is a 404.
		const report = await checkTree({
			root: join(repo, 'docs'),
			config: parseConfig({ dialect: 'hugo' }),
			only,
		});
		const messages = report.findings.map(formatFinding);
		expect(
			messages.filter((m) => m.includes('`/handbook/`') || m.includes('`/odoo/gone`')),
		).toEqual([]);
		expect(messages.some((m) => m.includes('missing file `/docs/gone.md`'))).toBe(true);
	});
});

describe('root-absolute images, which the site bundles', () => {
	let dir: string;

	beforeAll(async () => {
		dir = await writeFixture({
			'img/top.png': 'png',
			'website/static/img/served.png': 'png',
			'website/docs/intro.md':
				'# Intro\n\n![Served](/img/served.png)\n\n![Top](/img/top.png)\n\n![Gone](/img/gone.png)\n',
		});
		await promisify(execFile)('git', ['init', '--quiet', dir]);
	});

	afterAll(async () => {
		await removeFixture(dir);
	});

	const findings = async () =>
		(
			await checkTree({ root: join(dir, 'website/docs'), config: parseConfig({}), only })
		).findings.map(formatFinding);

	test('are files of the repository top, and one that is nowhere is missing', async () => {
		expect(await findings()).toEqual([
			'intro.md:3:1: Unexpected link to missing image `/img/served.png`, expected an existing file (internal-links)',
			'intro.md:7:1: Unexpected link to missing image `/img/gone.png`, expected an existing file (internal-links)',
		]);
	});

	test('are files of `static/` in a Docusaurus site, as Docusaurus serves them', async () => {
		await writeFile(join(dir, 'website/docusaurus.config.js'), 'export default {};\n');
		try {
			expect(await findings()).toEqual([
				'intro.md:5:1: Unexpected link to missing image `/img/top.png`, expected an existing file (internal-links)',
				'intro.md:7:1: Unexpected link to missing image `/img/gone.png`, expected an existing file (internal-links)',
			]);
		} finally {
			await rm(join(dir, 'website/docusaurus.config.js'));
		}
	});
});
