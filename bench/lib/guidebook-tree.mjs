import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { createRandom } from './prng.mjs';

/**
 * Generates a forge-style guidebook tree like the ones Waymark is written for: a README per
 * folder, relative links with `#anchors`, command tables, GitHub alerts, code blocks, a
 * hand-written breadcrumb line and a `> **Status:**` header block on some pages, and one mermaid
 * diagram in every fifth page. The same `seed` and `pages` always give the same bytes.
 */

const sections = [
	'billing',
	'identity',
	'storage',
	'network',
	'databases',
	'observability',
	'delivery',
	'messaging',
	'edge',
	'backups',
];
const systems = [
	'erp',
	'crm',
	'gateway',
	'ledger',
	'search',
	'mail',
	'queue',
	'cache',
	'vault',
	'registry',
	'dns',
	'sso',
];
const topics = [
	'deployment',
	'operations',
	'backup-and-recovery',
	'failover',
	'scaling',
	'upgrades',
	'incident-response',
	'certificates',
	'monitoring',
	'access-control',
	'migrations',
	'capacity',
];
const teams = ['Platform team', 'Data team', 'Network team', 'SRE on-call', 'Billing squad'];
const statuses = ['✅ Active', '📝 Draft', '⚠️ Deprecated', '📦 Archived'];
const alerts = ['NOTE', 'TIP', 'IMPORTANT', 'WARNING', 'CAUTION'];
const optionalHeadings = [
	'Health checks',
	'Rollback',
	'Verify',
	'Troubleshooting',
	'Known issues',
	'Escalation',
	'References',
];
const words =
	'the primary replica drains connections before the scheduler moves traffic to the standby while operators watch latency error budgets queue depth and disk pressure during the change window then confirm backups restored cleanly'.split(
		' ',
	);

/**
 * @typedef {{ path: string; route: string; title: string; headings: string[]; slugs: string[]; mermaid: boolean }} PlannedPage
 * @typedef {{ pages: PlannedPage[]; bytes: number }} GeneratedTree
 */

/**
 * Writes the tree into `dir` (emptied first) and returns what was written.
 * @param {string} dir
 * @param {{ pages?: number; seed?: number }} [options]
 * @returns {Promise<GeneratedTree>}
 */
export async function generateGuidebookTree(dir, { pages = 500, seed = 20261121 } = {}) {
	const random = createRandom(seed);
	const plan = planPages(pages, random);
	await rm(dir, { recursive: true, force: true });
	let bytes = 0;
	for (const [index, page] of plan.entries()) {
		const text = renderPage(page, index, plan, random);
		bytes += Buffer.byteLength(text);
		await mkdir(dirname(join(dir, page.path)), { recursive: true });
		await writeFile(join(dir, page.path), text);
	}
	return { pages: plan, bytes };
}

/** @param {number} count @param {ReturnType<typeof createRandom>} random @returns {PlannedPage[]} */
function planPages(count, random) {
	const folders = [''];
	for (const [s, section] of sections.entries()) {
		folders.push(section);
		for (let k = 0; k < 4; k++)
			folders.push(`${section}/${systems[(s * 4 + k) % systems.length]}-${s}${k}`);
	}
	if (count < folders.length)
		throw new Error(
			`Unexpected --pages ${count}, expected at least ${folders.length} (one README per folder)`,
		);
	/** @type {PlannedPage[]} */
	const plan = folders.map((folder) =>
		planPage(folder ? `${folder}/README.md` : 'README.md', random),
	);
	const leaves = folders.filter((folder) => folder.split('/').length === 2);
	for (let i = 0; plan.length < count; i++) {
		const folder = leaves[i % leaves.length];
		const topic = topics[Math.floor(i / leaves.length) % topics.length];
		const round = Math.floor(i / (leaves.length * topics.length));
		plan.push(planPage(`${folder}/${topic}${round ? `-${round + 1}` : ''}.md`, random));
	}
	plan.forEach((page, index) => (page.mermaid = index % 5 === 0));
	return plan;
}

/** @param {string} path @param {ReturnType<typeof createRandom>} random @returns {PlannedPage} */
function planPage(path, random) {
	const parts = path
		.replace(/(^|\/)README\.md$/, '')
		.replace(/\.md$/, '')
		.split('/')
		.filter(Boolean);
	const title = parts.length ? parts.map(titleCase).join(' ') : 'Guidebooks';
	const headings = ['Overview', 'Procedure', ...optionalHeadings.filter(() => random.chance(0.55))];
	return {
		path,
		route: parts.length ? `/${parts.join('/')}/` : '/',
		title,
		headings,
		slugs: headings.map(slug),
		mermaid: false,
	};
}

/** @param {PlannedPage} page @param {number} index @param {PlannedPage[]} plan @param {ReturnType<typeof createRandom>} random */
function renderPage(page, index, plan, random) {
	const from = posix.dirname(page.path);
	const href = (/** @type {PlannedPage} */ target, anchor = true) =>
		`${posix.relative(from, target.path) || posix.basename(target.path)}${anchor ? `#${random.pick(target.slugs)}` : ''}`;
	const link = () => {
		const target = random.pick(plan);
		return `[${target.title}](${href(target)})`;
	};
	const sentence = (length = random.int(12, 24)) => {
		const text = Array.from({ length }, () => random.pick(words)).join(' ');
		return `${text[0]?.toUpperCase()}${text.slice(1)}.`;
	};
	const paragraph = () =>
		`${sentence()} ${sentence()} See ${link()} for the details. ${sentence()}`;

	const out = [];
	if (index % 4 === 1) {
		out.push(
			'---',
			`description: ${sentence(10)}`,
			`owner: ${random.pick(teams)}`,
			`tags: [${page.path.split('/')[0]}, runbook]`,
			'---',
			'',
		);
	}
	if (index % 3 === 0 && page.path !== 'README.md') out.push(`${breadcrumbLine(page, plan)}`, '');
	out.push(`# ${page.title}`, '');
	if (index % 2 === 0) {
		const up = plan.find((p) => p.path === parentReadme(page.path)) ?? plan[0];
		out.push(
			`> **Status:** ${random.pick(statuses)}`,
			`> **Last Updated:** 2026-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
			`> **Owner:** ${random.pick(teams)}`,
		);
		out.push(
			`> **Upstream:** [${up?.title}](${href(/** @type {PlannedPage} */ (up), false)}) · ${link()}`,
			`> **Related:** ${link()}`,
			'',
		);
	}
	out.push(paragraph(), '');
	for (const heading of page.headings) {
		out.push(`## ${heading}`, '', paragraph(), '');
		if (heading === 'Procedure') out.push(...procedure(random, sentence));
		else if (heading === 'Health checks' || heading === 'Verify') out.push(...commandTable(random));
		else if (random.chance(0.5))
			out.push(`> [!${random.pick(alerts)}]`, `> ${sentence()} Check ${link()} first.`, '');
		else
			out.push(`- ${sentence(8)} ${link()}`, `- ${sentence(8)}`, `- ${sentence(8)} ${link()}`, '');
	}
	if (page.mermaid) out.push('## Flow', '', ...mermaid(random), '');
	return `${out.join('\n').trimEnd()}\n`;
}

/** @param {PlannedPage} page @param {PlannedPage[]} plan */
function breadcrumbLine(page, plan) {
	const trail = [];
	for (let readme = parentReadme(page.path); readme; readme = parentReadme(readme)) {
		const target = plan.find((p) => p.path === readme);
		if (target)
			trail.unshift(`[${target.title}](${posix.relative(posix.dirname(page.path), target.path)})`);
	}
	return [...trail, `**${page.title}**`].join(' > ');
}

/** The README of the folder above `path`'s own page, or undefined at the root. */
function parentReadme(/** @type {string} */ path) {
	const folder = path.endsWith('README.md')
		? posix.dirname(posix.dirname(path))
		: posix.dirname(path);
	if (path === 'README.md') return undefined;
	return folder === '.' ? 'README.md' : `${folder}/README.md`;
}

/** @param {ReturnType<typeof createRandom>} random @param {(n?: number) => string} sentence */
function procedure(random, sentence) {
	const service = random.pick(systems);
	return [
		`1. ${sentence(8)} Run \`kubectl -n ${service} get pods\`.`,
		`2. ${sentence(10)}`,
		`3. Apply the change:`,
		'',
		'   ```bash',
		`   kubectl -n ${service} rollout restart deploy/${service} \\`,
		`     --context prod-${random.int(1, 3)}`,
		`   kubectl -n ${service} rollout status deploy/${service} --timeout=${random.int(2, 9)}m`,
		'   ```',
		'',
		`4. ${sentence(9)}`,
		'',
		'```yaml',
		`${service}:`,
		`  replicas: ${random.int(1, 5)}`,
		`  resources: { requests: { cpu: ${random.int(100, 900)}m, memory: ${random.int(1, 8)}Gi } }`,
		`  probes: { readiness: /healthz, liveness: /livez }`,
		'```',
		'',
	];
}

/** @param {ReturnType<typeof createRandom>} random */
function commandTable(random) {
	const rows = ['| Question | Command | Healthy answer |', '| --- | --- | --- |'];
	for (let i = random.int(3, 6); i > 0; i--) {
		const service = random.pick(systems);
		rows.push(
			`| Is ${service} serving? | \`curl -fsS https://${service}.example.lab/healthz\` | HTTP 200 in under ${random.int(50, 900)} ms |`,
		);
	}
	return [...rows, ''];
}

/** @param {ReturnType<typeof createRandom>} random */
function mermaid(random) {
	const nodes = Array.from(
		{ length: random.int(4, 7) },
		(_, i) => `${String.fromCharCode(65 + i)}[${titleCase(random.pick(systems))} ${i}]`,
	);
	const edges = nodes
		.slice(1)
		.map((node, i) => `  ${nodes[i]?.split('[')[0]} -->|${random.pick(words)}| ${node}`);
	return ['```mermaid', 'flowchart LR', ...nodes.map((n) => `  ${n}`), ...edges, '```'];
}

/** @param {string} text */
function titleCase(text) {
	return text
		.split('-')
		.map((w) => `${w[0]?.toUpperCase()}${w.slice(1)}`)
		.join(' ');
}

/** GitHub's slug for the plain ASCII headings used here. */
function slug(/** @type {string} */ text) {
	return text
		.toLowerCase()
		.replace(/[^a-z0-9 -]/g, '')
		.replace(/ /g, '-');
}
