// Build-time mermaid rendering: 200 diagrams of mixed types across 100 pages, drawn by Waymark's
// diagram service (one Chromium, mermaid loaded once, batches, light + dark, content-hash cache),
// cold and warm, side by side with @mermaid-js/mermaid-cli (`mmdc`, one run per page, and one run
// over a single file holding every diagram) and rehype-mermaid (inline-svg, the Astro route).
// Every side runs in its own child process; peak memory is the RSS of its whole process tree
// (Node plus Chromium), sampled from /proc.
//
//   node bench/diagrams.mjs [--pages 100] [--per-page 2] [--skip mmdc,rehype,build]
//
// `build` adds `waymark build` of the same 100 pages, cold (empty diagram cache) and warm, with the
// `diagrams: N rendered, M from cache in X ms` line it logs.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatBytes, renderTable } from './lib/report.mjs';
import { measureProcess } from './lib/measure-process.mjs';
import { baselinePath, ensureBaselines } from './lib/baselines.mjs';
import { chromiumArgs, resolveChromiumPath } from '../diagrams/chromium.ts';

const repo = fileURLToPath(new URL('../', import.meta.url));
const work = resolve(repo, 'bench/.tmp/diagrams');
// The baselines' Chromium starts with Waymark's flags (`diagrams/chromium.ts`), so both sides run the same browser
// the same way. (Before 2026-11-23 they had five of the flags; results from before are not comparable.)
const chromium = resolveChromiumPath(process.env.WAYMARK_CHROMIUM);

const { values } = parseArgs({
	options: {
		pages: { type: 'string', default: '100' },
		'per-page': { type: 'string', default: '2' },
		skip: { type: 'string', default: '' },
		side: { type: 'string' },
	},
});

/** Ten diagram types, each varied by `i` so that no two of the 200 sources are equal. */
const templates = [
	(i) =>
		`flowchart LR\n  client${i}[Client ${i}] --> lb{{Load balancer}}\n  lb --> app1[App 1] & app2[App 2]\n  app1 & app2 --> db[(Primary ${i})]\n  db -. replication .-> replica[(Replica)]`,
	(i) =>
		`sequenceDiagram\n  participant ops as On-call ${i}\n  participant db as Database\n  ops->>db: stop writes\n  db-->>ops: ok\n  ops->>db: promote replica ${i}\n  Note over ops,db: about ${i} s`,
	(i) =>
		`classDiagram\n  class Backup${i} {\n    +String target\n    +run()\n  }\n  class Restore {\n    +verify()\n  }\n  Backup${i} <|-- Restore`,
	(i) =>
		`stateDiagram-v2\n  [*] --> Healthy\n  Healthy --> Degraded: lag > ${i} s\n  Degraded --> Failed: no heartbeat\n  Degraded --> Healthy\n  Failed --> [*]`,
	(i) =>
		`erDiagram\n  CUSTOMER${i} ||--o{ INVOICE : receives\n  INVOICE ||--|{ LINE : contains\n  LINE }o--|| PRODUCT : "refers to"`,
	(i) =>
		`gantt\n  title Cutover ${i}\n  dateFormat YYYY-MM-DD\n  section Freeze\n  Announce :a1, 2026-11-${String((i % 27) + 1).padStart(2, '0')}, 1d\n  Migrate :after a1, 2d\n  section Verify\n  Smoke tests :1d`,
	(i) => `pie title Disk use ${i}\n  "logs" : ${10 + (i % 40)}\n  "db" : 50\n  "other" : 10`,
	(i) =>
		`gitGraph\n  commit id: "v${i}"\n  branch hotfix\n  commit\n  checkout main\n  merge hotfix\n  commit`,
	(i) =>
		`mindmap\n  root((Incident ${i}))\n    Detect\n      Alerts\n    Mitigate\n      Failover\n    Review`,
	(i) =>
		`architecture-beta\n  group lab${i}(cloud)[Lab ${i}]\n  service web(server)[Web] in lab${i}\n  service db(database)[DB] in lab${i}\n  web:R -- L:db`,
];

async function writeTree(pages, perPage) {
	const dir = join(work, 'tree');
	await rm(dir, { recursive: true, force: true });
	await mkdir(dir, { recursive: true });
	const sources = [];
	for (let p = 0; p < pages; p++) {
		const blocks = [];
		for (let d = 0; d < perPage; d++) {
			const i = p * perPage + d;
			const source = templates[i % templates.length](i);
			sources.push(source);
			blocks.push(`\`\`\`mermaid\n${source}\n\`\`\``);
		}
		await writeFile(
			join(dir, `page-${String(p).padStart(3, '0')}.md`),
			`# Page ${p}\n\n${blocks.join('\n\nText between diagrams.\n\n')}\n`,
		);
	}
	await writeFile(
		join(work, 'all.md'),
		`# All\n\n${sources.map((s) => `\`\`\`mermaid\n${s}\n\`\`\``).join('\n\n')}\n`,
	);
	await writeFile(join(work, 'sources.json'), JSON.stringify(sources));
	await writeFile(
		join(work, 'puppeteer.json'),
		JSON.stringify({ executablePath: chromium, args: chromiumArgs }),
	);
	return sources;
}

/** Child-process sides: each writes `{ drawn, failed }` to `result-<side>.json`. */
const sides = {
	async waymark(cold) {
		const { createDiagramService } = await import('../diagrams/diagram-service.ts');
		const cacheDir = join(work, 'cache');
		if (cold) await rm(cacheDir, { recursive: true, force: true });
		const sources = JSON.parse(await readFile(join(work, 'sources.json'), 'utf8'));
		const service = createDiagramService({
			config: { look: 'classic', layout: 'dagre', renderInCheck: true },
			cacheDir,
		});
		const { renderings, stats } = await service.renderAll(sources);
		await service.close();
		const failed = [...renderings.values()].filter((r) => !r.ok).length;
		return { drawn: stats.rendered, cached: stats.cached, failed, svgs: stats.rendered * 2 };
	},
	async mmdcPages() {
		const { execFile } = await import('node:child_process');
		const { readdir } = await import('node:fs/promises');
		const { promisify } = await import('node:util');
		const out = join(work, 'mmdc-out');
		await rm(out, { recursive: true, force: true });
		await mkdir(out, { recursive: true });
		const pages = (await readdir(join(work, 'tree'))).sort();
		for (const page of pages) {
			await promisify(execFile)(baselinePath('.bin/mmdc'), [
				'-q',
				'-p',
				join(work, 'puppeteer.json'),
				'-i',
				join(work, 'tree', page),
				'-o',
				join(out, page),
			]);
		}
		const svgs = (await readdir(out)).filter((f) => f.endsWith('.svg')).length;
		return { drawn: svgs, failed: 0, svgs };
	},
	async mmdcOneFile() {
		const { execFile } = await import('node:child_process');
		const { readdir } = await import('node:fs/promises');
		const { promisify } = await import('node:util');
		const out = join(work, 'mmdc-all');
		await rm(out, { recursive: true, force: true });
		await mkdir(out, { recursive: true });
		await promisify(execFile)(baselinePath('.bin/mmdc'), [
			'-q',
			'-p',
			join(work, 'puppeteer.json'),
			'-i',
			join(work, 'all.md'),
			'-o',
			join(out, 'all.md'),
		]);
		const svgs = (await readdir(out)).filter((f) => f.endsWith('.svg')).length;
		return { drawn: svgs, failed: 0, svgs };
	},
	async build(cold) {
		const { execFile } = await import('node:child_process');
		const { promisify } = await import('node:util');
		const cacheDir = join(work, 'build-cache');
		if (cold) await rm(cacheDir, { recursive: true, force: true });
		await writeFile(join(work, 'waymark.config.yaml'), `diagrams:\n  cacheDir: ${cacheDir}\n`);
		const { stdout } = await promisify(execFile)(
			process.execPath,
			[
				resolve(repo, 'cli/main.ts'),
				'build',
				'--root',
				join(work, 'tree'),
				'--out',
				join(work, 'site'),
				'--config',
				join(work, 'waymark.config.yaml'),
			],
			{ maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
		);
		const line = /diagrams: (\d+) rendered, (\d+) from cache in (\d+) ms/.exec(stdout);
		if (!line) throw new Error(`no diagrams line in the build output:\n${stdout.slice(-2000)}`);
		const { readdir } = await import('node:fs/promises');
		let svgs = 0;
		for (const page of await readdir(join(work, 'site'))) {
			if (!page.startsWith('page-')) continue;
			svgs += (
				(await readFile(join(work, 'site', page, 'index.html'), 'utf8')).match(/<svg id="wm-/g) ??
				[]
			).length;
		}
		return {
			drawn: Number(line[1]),
			cached: Number(line[2]),
			diagramMs: Number(line[3]),
			failed: 0,
			svgs,
		};
	},
	async rehypeMermaid() {
		const { readdir } = await import('node:fs/promises');
		const { unified } = await import('unified');
		const { default: remarkParse } = await import('remark-parse');
		const { default: remarkRehype } = await import('remark-rehype');
		const { default: rehypeStringify } = await import('rehype-stringify');
		const { default: rehypeMermaid } = await import('rehype-mermaid');
		// rehype-mermaid drives the browser through playwright (a peer it leaves to us).
		const { chromium: browserType } = await import('playwright');
		const processor = unified()
			.use(remarkParse)
			.use(remarkRehype)
			.use(rehypeMermaid, {
				strategy: 'inline-svg',
				dark: true,
				browserType,
				launchOptions: { executablePath: chromium, args: chromiumArgs },
			})
			.use(rehypeStringify);
		let drawn = 0;
		for (const page of (await readdir(join(work, 'tree'))).sort()) {
			const html = String(
				await processor.process(await readFile(join(work, 'tree', page), 'utf8')),
			);
			drawn += (html.match(/<svg[\s>]/g) ?? []).length;
		}
		// With `dark: true` each diagram becomes a <picture> of two SVGs, like Waymark's light + dark pair.
		return { drawn: drawn / 2, failed: 0, svgs: drawn };
	},
};

if (values.side) {
	const [name, mode] = values.side.split(':');
	const result =
		name === 'waymark' || name === 'build'
			? await sides[name](mode === 'cold')
			: await sides[name]();
	await writeFile(
		join(work, `result-${values.side.replace(':', '-')}.json`),
		JSON.stringify(result),
	);
	process.exit(0);
}

const pages = Number(values.pages);
const perPage = Number(values['per-page']);
const skip = new Set(values.skip.split(',').filter(Boolean));
// mermaid-cli and rehype-mermaid (with playwright) come from bench/package.json.
if (!skip.has('mmdc') || !skip.has('rehype')) ensureBaselines();
await mkdir(work, { recursive: true });
const sources = await writeTree(pages, perPage);
console.log(
	`diagrams bench: ${sources.length} diagrams (${templates.length} types) across ${pages} pages; Chromium ${chromium}`,
);

const runs = [
	{ label: 'Waymark, cold (light + dark)', side: 'waymark:cold' },
	{ label: 'Waymark, warm (cache)', side: 'waymark:warm' },
	...(skip.has('build')
		? []
		: [
				{ label: '`waymark build`, cold', side: 'build:cold' },
				{ label: '`waymark build`, warm', side: 'build:warm' },
			]),
	...(skip.has('mmdc')
		? []
		: [
				{ label: 'mermaid-cli, one run per page', side: 'mmdcPages' },
				{ label: 'mermaid-cli, one run over all diagrams', side: 'mmdcOneFile' },
			]),
	...(skip.has('rehype')
		? []
		: [{ label: 'rehype-mermaid (inline-svg, dark: true)', side: 'rehypeMermaid' }]),
];
const rows = [];
const measured = {};
for (const run of runs) {
	process.stdout.write(`  ${run.label} … `);
	const m = await measureProcess(
		process.execPath,
		[fileURLToPath(import.meta.url), '--side', run.side],
		{ cwd: repo, logFile: join(work, `${run.side.replace(':', '-')}.log`) },
	);
	const result = JSON.parse(
		await readFile(join(work, `result-${run.side.replace(':', '-')}.json`), 'utf8'),
	);
	const rate = sources.length / (m.wallMs / 1000);
	measured[run.side] = { ...m, ...result, rate };
	console.log(`${(m.wallMs / 1000).toFixed(1)} s`);
	const wall = `${(m.wallMs / 1000).toFixed(1)} s${result.diagramMs !== undefined ? ` (diagrams ${(result.diagramMs / 1000).toFixed(2)} s)` : ''}`;
	rows.push([
		run.label,
		wall,
		String(result.drawn),
		String(result.svgs),
		run.side.endsWith(':warm') ? '—' : rate.toFixed(1),
		formatBytes(m.peakRssBytes),
		String(m.processes),
	]);
}
console.log();
console.log(
	renderTable(
		['side', 'wall', 'diagrams drawn', 'SVGs', 'diagrams/s', 'peak RSS (tree)', 'processes'],
		rows,
	),
);
const cold = measured['waymark:cold'];
const warm = measured['waymark:warm'];
console.log();
console.log(
	`Waymark cold: ${cold.rate.toFixed(1)} diagrams/s (goal ≥ 20); warm run drew ${warm.drawn} (goal 0), ${warm.cached} from cache in ${(warm.wallMs / 1000).toFixed(2)} s including Node start-up`,
);
for (const side of ['mmdcPages', 'mmdcOneFile', 'rehypeMermaid']) {
	if (measured[side])
		console.log(`Waymark cold vs ${side}: ${(cold.rate / measured[side].rate).toFixed(1)}×`);
}
if (cold.failed > 0) console.log(`(${cold.failed} diagrams failed to draw in Waymark)`);
