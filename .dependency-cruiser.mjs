// Imports run one way (ARCHITECTURE.md): each Node folder may import only from the folders below
// it, and src/ (the site, which also runs in browsers) imports nothing of the Node side, not even
// types. markdown/ (the site's Markdown processor) is handed the tree's tool (`site-tool.ts`) and
// never imports tools/, whose modules add to it. `npm run lint` runs this; `.ci/run` fails on any violation or cycle.
const layers = [
	['src'],
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
	comment: 'cli/run.ts, cli/options.ts and cli/verbs/ may import at run time only each other, commander, Node, and the constants they show in --help: a command loads in its action (`await import(...)`).',
	severity: 'error',
	from: { path: '^cli/(run\\.ts|options\\.ts|terminal\\.ts|verbs/)' },
	to: {
		pathNot: '^(cli/(options|terminal)\\.ts|cli/verbs/|config/root-candidates\\.ts|preview/base-candidates\\.ts|checks/baseline/baseline-name\\.ts|checks/report/names\\.ts|core/package\\.ts|core/environment\\.ts|node_modules/commander/)',
		dependencyTypesNot: ['type-only', 'core', 'dynamic-import'],
	},
};

export default {
	forbidden: [
		...uphill,
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
		enhancedResolveOptions: { extensions: ['.ts', '.mjs', '.js', '.astro'], conditionNames: ['import', 'node', 'default', 'types'] },
	},
};
