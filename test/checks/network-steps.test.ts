import { readFile } from 'node:fs/promises';
import { MockAgent } from 'undici';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parsePage } from '../../tree/parse-page.ts';
import { parseConfig } from '../../config/load-config.ts';
import { ruleIds } from '../../config/checks.ts';
import { formatFinding, type Finding } from '../../checks/finding.ts';
import { checkExternalLinks } from '../../checks/links/check-external.ts';
import { checkBuiltSite } from '../../checks/links/check-site.ts';
import { checkLive } from '../../checks/probes/check-live.ts';
import type { ProbeResolver } from '../../network/resolver.ts';
import { renderRulesPage, rulesPagePath } from '../../checks/rules/docs.ts';
import { rules } from '../../checks/rules/index.ts';
import { networkSteps, type NetworkStepDocs } from '../../checks/rules/network-steps.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';
import { treeOf } from '../links/loopback-web.ts';

const step = (id: string): NetworkStepDocs => {
	const found = networkSteps.find((s) => s.id === id);
	if (!found) throw new Error(`no docs for ${id}`);
	return found;
};

// Names in the examples' owned zone that exist; everything else is NXDOMAIN. Never leaves the process.
const zone: Record<string, string[]> = { 'backup.example.lab': ['10.0.0.9'] };
const resolver: ProbeResolver = {
	servers: [],
	query: (name) =>
		Promise.resolve(
			zone[name] ? { rcode: 'NOERROR', answers: zone[name] } : { rcode: 'NXDOMAIN', answers: [] },
		),
	lookup: () => {
		throw new Error('the examples open no connections');
	},
};

let siteDir: string;
beforeAll(async () => {
	siteDir = await writeFixture(step('site-links').example.files);
});
afterAll(() => removeFixture(siteDir));

const formatted = (findings: Finding[]) => findings.map(formatFinding);

test('the external-links example is what the step reports', async () => {
	const { example } = step('external-links');
	const agent = new MockAgent();
	agent.disableNetConnect();
	agent
		.get('https://vendor.example.com')
		.intercept({ path: '/manual/v1', method: 'HEAD' })
		.reply(404, '');
	try {
		const findings = await checkExternalLinks(treeOf(example.files), parseConfig({}), {
			dispatcher: agent,
			noCache: true,
		});
		expect(formatted(findings)).toEqual(example.output);
	} finally {
		await agent.close();
	}
});

test('the site-links example is what the step reports', async () => {
	const { findings } = await checkBuiltSite(siteDir, parseConfig({ network: { timeoutMs: 2000 } }));
	expect(formatted(findings)).toEqual(step('site-links').example.output);
});

test.each(['probe-failed', 'hostname-drift'])(
	'the %s example is what the live step reports',
	async (id) => {
		const { example } = step(id);
		const { findings } = await checkLive(treeOf(example.files), parseConfig({}), {
			io: { resolver, env: {} },
			domains: ['example.lab'],
		});
		expect(formatted(findings)).toEqual(example.output);
	},
);

test('every finding id (rules and network steps) has an anchor on the rules page', async () => {
	const ids = [
		...new Set([...Object.keys(rules), ...networkSteps.map((s) => s.id), ...ruleIds]),
	].sort();
	expect(ids).toEqual([...ruleIds].sort());
	const anchors = parsePage('rules.md', renderRulesPage()).anchors;
	expect(ids.filter((id) => !anchors.has(id))).toEqual([]);
	const committed = parsePage('rules.md', await readFile(rulesPagePath, 'utf8')).anchors;
	expect(ids.filter((id) => !committed.has(id))).toEqual([]);
});
