// Imports run one way (ARCHITECTURE.md): each Node folder may import only from the folders below
// it. src/ (the site, which also runs in browsers) stands above them all and apart: it reads the
// contracts and pure modules of core/, markdown/, diagrams/, alerts/ and integration/ (routes,
// anchors, page views, the status snapshot), loads no Node built-in through them, and nothing
// outside src/ imports it. markdown/ (the site's Markdown processor) is handed the tree's tool
// (`site-tool.ts`) and never imports tools/, whose modules add to it. `npm run lint` runs this;
// `.ci/run` fails on any violation or cycle.
import { builtinModules } from 'node:module';

const layers = [
	['core'],
	['markdown'],
	['tools'],
	['config'],
	['tree', 'network'],
	['diagrams', 'alerts'],
	['checks'],
	['preview', 'server', 'export', 'setup'],
	['integration'],
	['cli'],
];

const folder = (names) => `^(${names.join('|')})/`;

/** For each layer, the folders it must not reach: every folder of a higher layer and its own siblings. */
const uphill = layers.flatMap((names, index) => {
	const above = layers.slice(index + 1).flat();
	const rules = [];
	if (above.length > 0) {
		rules.push({
			name: `no-uphill-from-${names.join('-')}`,
			comment: `${names.join(', ')} may not import ${above.join(', ')}: imports run one way (ARCHITECTURE.md).`,
			severity: 'error',
			from: { path: folder(names) },
			to: { path: folder(above) },
		});
	}
	for (const name of names) {
		const siblings = names.filter((other) => other !== name);
		if (siblings.length === 0) continue;
		rules.push({
			name: `no-sideways-from-${name}`,
			comment: `${name} and ${siblings.join(', ')} are independent layers; share code through a lower folder.`,
			severity: 'error',
			from: { path: folder([name]) },
			to: { path: folder(siblings) },
		});
	}
	return rules;
});

// `waymark --help` and `--version` load the program and every verb's registration, never a
// command's code (cli/verbs/index.ts): what they import at run time is this and no more. A type
// import is erased and loads nothing.
const light = {
	name: 'verbs-load-no-command',
	comment:
		'cli/run.ts, cli/options.ts and cli/verbs/ may import at run time only each other, commander, Node, and the constants they show in --help: a command loads in its action (`await import(...)`).',
	severity: 'error',
	from: { path: '^cli/(run\\.ts|options\\.ts|terminal\\.ts|verbs/)' },
	to: {
		pathNot:
			'^(cli/(options|terminal)\\.ts|cli/verbs/|config/root-candidates\\.ts|preview/base-candidates\\.ts|checks/baseline/baseline-name\\.ts|checks/report/names\\.ts|core/package\\.ts|core/environment\\.ts|node_modules/commander/)',
		dependencyTypesNot: ['type-only', 'core', 'dynamic-import'],
	},
};

/** The folders the site may import from: each holds modules written for it (plain data, pure functions). */
const siteReads = ['core', 'markdown', 'diagrams', 'alerts', 'integration'];

// `waymark serve` paints the status and alert widgets into the page it serves with the widgets' own
// paint code (server/page-paint.ts), so a served page and a live one show the same markup; these
// are the only files of src/ that code outside it imports.
const sharedPaint =
	'^src/components/(status/(live-feed|snapshot-phrase|status-view|widget-paint)|alerts/alert-paint|alert-context/context-paint)\\.ts$';

const site = [
	{
		name: 'site-apart',
		comment:
			"src/ is the site: no Node folder imports it (the widgets' paint code, which `waymark serve` runs too, aside). Move what both sides need to the folder of the layer that uses it.",
		severity: 'error',
		from: {
			path: '^(bin|cli|config|core|markdown|tools|tree|network|diagrams|alerts|checks|preview|server|export|setup|integration)/',
		},
		to: { path: '^src/', pathNot: sharedPaint },
	},
	{
		name: 'site-reads-contracts',
		comment: `src/ imports only from ${siteReads.join(', ')}: the modules written for the site. What else it needs arrives as the site's config and SiteData.`,
		severity: 'error',
		from: { path: '^src/' },
		to: { path: folder(layers.flat().filter((name) => !siteReads.includes(name))) },
	},
	{
		name: 'site-loads-no-node',
		comment:
			'src/ renders in Astro and in browsers: nothing it imports, however indirectly, loads a Node built-in.',
		severity: 'error',
		from: { path: '^src/' },
		// dependency-cruiser names a built-in without its `node:` prefix.
		to: { path: `^(node:)?(${builtinModules.join('|')})$`, reachable: true },
	},
];

export default {
	forbidden: [
		...uphill,
		...site,
		light,
		{
			name: 'no-cycles',
			comment: 'An import cycle (type-only ones included) means a missing lower module.',
			severity: 'error',
			from: {},
			to: { circular: true },
		},
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: '(^|/)(node_modules|dist|dist-cli|\\.astro)/|^test/fixtures/' },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.json' },
		enhancedResolveOptions: {
			extensions: ['.ts', '.mjs', '.js', '.astro'],
			conditionNames: ['import', 'node', 'default', 'types'],
		},
	},
};
