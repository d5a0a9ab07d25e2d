import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkTree } from '../helpers/check-tree.ts';
import { formatFinding } from '../../checks/finding.ts';
import { loadConfig } from '../../config/load-config.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// A branch under review could name a server to send `${env:}` headers to, or read rule files from
// anywhere on the runner and publish their text on the preview. Neither happens for an untrusted tree.
const rules =
	'groups:\n  - name: x\n    rules:\n      - alert: Gone\n        expr: up == 0\n        annotations:\n          runbook_url: https://runbooks.example.com/gone/\n';
let project: string;
let elsewhere: string;

beforeAll(async () => {
	elsewhere = await writeFixture({ 'secret.rules.yml': rules.replace('Gone', 'Secret') });
	project = await writeFixture({
		'waymark.config.yaml': [
			"site: { url: 'https://runbooks.example.com' }",
			'alerts:',
			`  rules: ['alerts/*.yml', '${join(elsewhere, '*.yml')}', '../../${elsewhere.split('/').pop()}/*.yml']`,
			"  prometheus: { url: 'http://prometheus.example.lab:9090', headers: { Authorization: 'Bearer ${env:TOKEN}' } }",
			'network: { env: [TOKEN] }',
			'',
		].join('\n'),
		'guidebooks/README.md': '# Home\n',
		'guidebooks/alerts/mine.yml': rules,
	});
	await mkdir(join(project, 'guidebooks/alerts'), { recursive: true });
	await symlink(join(elsewhere, 'secret.rules.yml'), join(project, 'guidebooks/alerts/linked.yml'));
});
afterAll(async () => {
	await removeFixture(project);
	await removeFixture(elsewhere);
});

test('an untrusted config reads rule files inside its project only and contacts no Prometheus', async () => {
	const loaded = await loadConfig({ cwd: project, trust: 'untrusted' });
	expect(
		loaded.setAside.map(
			(s) =>
				`${s.position.line} ${s.key}: ${s.reason.replaceAll(elsewhere, '<elsewhere>').replace(/\.\.\/\.\.\/fx-\w+/, '../../<elsewhere>')}`,
		),
	).toEqual([
		'5 network.env: lets `${env:NAME}` read the environment, which an untrusted tree may not do; nothing is expanded',
		'4 alerts.prometheus: makes the checks contact a server the tree names, with headers read from the environment, which an untrusted tree may not do; alerting rules are read from rule files only',
		'3 alerts.rules: has the pattern `<elsewhere>/*.yml`, which leads outside the project folder, where an untrusted tree may not read; it is not read',
		'3 alerts.rules: has the pattern `../../<elsewhere>/*.yml`, which leads outside the project folder, where an untrusted tree may not read; it is not read',
	]);
	expect(loaded.config.alerts.prometheus).toBeUndefined();
	const report = await checkTree({
		root: loaded.root,
		config: loaded.config,
		trust: 'untrusted',
		setAside: { configFile: loaded.file!, settings: loaded.setAside },
		only: ['alert-runbooks'],
	});
	expect(report.findings.map(formatFinding)).toEqual([
		'../waymark.config.yaml: Unexpected rule file `alerts/linked.yml` that leads outside the project folder (a symbolic link), expected rule files inside it: an untrusted tree may not read there; not read (alert-runbooks)',
		'alerts/mine.yml:7:11: Unexpected runbook_url `https://runbooks.example.com/gone/` of alert `Gone` that matches no page, expected a page of this site (alert-runbooks)',
	]);
});

test('a trusted config reads them all (positive control)', async () => {
	const loaded = await loadConfig({ cwd: project });
	expect(loaded.config.alerts.rules).toHaveLength(3);
	expect(loaded.config.alerts.prometheus).toBeDefined();
	// Without the Prometheus (it does not exist); the rule files are what this control is about.
	delete loaded.config.alerts.prometheus;
	const report = await checkTree({
		root: loaded.root,
		config: loaded.config,
		configFile: loaded.file!,
		only: ['alert-runbooks'],
	});
	expect(
		report.findings.map(
			(f) => `${f.file.replace(/fx-\w+/, '<elsewhere>')}: ${f.message.match(/alert `(\w+)`/)?.[1]}`,
		),
	).toEqual([
		'../../<elsewhere>/secret.rules.yml: Secret',
		'alerts/linked.yml: Secret',
		'alerts/mine.yml: Gone',
	]);
});
