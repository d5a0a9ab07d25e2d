// Typed lint for TypeScript, the JavaScript scripts and `.astro` components (house style rules 6
// and 19). Import direction between the Node folders is dependency-cruiser's job
// (.dependency-cruiser.mjs); this file keeps the site (src/) free of them, `.astro` files included.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// The `globals` package is not installed; these are the Node globals our scripts use.
const nodeGlobals = Object.fromEntries(
	[
		...['console', 'process', 'Buffer', 'URL', 'URLSearchParams', 'AbortController', 'AbortSignal'],
		...[
			'setTimeout',
			'clearTimeout',
			'setInterval',
			'clearInterval',
			'setImmediate',
			'queueMicrotask',
		],
		...['performance', 'fetch', 'TextEncoder', 'TextDecoder', 'structuredClone', 'NodeJS'],
	].map((name) => [name, 'readonly']),
);

/** The Node side of Waymark (ARCHITECTURE.md). */
const nodeFolders = [
	'cli',
	'config',
	'core',
	'markdown',
	'tools',
	'tree',
	'network',
	'diagrams',
	'alerts',
	'checks',
	'preview',
	'server',
	'export',
	'setup',
	'integration',
];

/** The Node folders src/ may import from: each holds modules written for the site (plain data, pure functions). */
const siteReads = ['core', 'markdown', 'diagrams', 'alerts', 'integration'];

// Nothing below cli/ prints: a layer that has something to say takes a log function (or Astro's
// logger) from the command that called it, which decides where it goes.
const readingEnv = {
	object: 'process',
	property: 'env',
	message:
		'Only cli/ and astro.config.mjs read the environment; take what you need as an option (core/environment.ts).',
};
const printing = ['stdout', 'stderr'].map((property) => ({
	object: 'process',
	property,
	message: 'Only cli/ prints; take a log function from the caller.',
}));
// The working directory is the process's, and Waymark may run in someone else's process (a test, a
// program using its commands): nothing changes it (Astro's chunks: integration/store-output.ts).
const changingCwd = {
	object: 'process',
	property: 'chdir',
	message: 'Pass the folder down; the working directory belongs to the process that runs Waymark.',
};

export default defineConfig(
	globalIgnores([
		'**/dist/',
		'**/node_modules/',
		'**/.astro/',
		// The state folder (`.waymark/`): Astro's stores, the search index's kept shards.
		'**/.waymark/',
		'dist-cli/',
		'coverage/',
		'test/.tmp/',
		'bench/.tmp/',
		'test/fixtures/**/dist/',
		// Other tools' config files (Docusaurus), read only as signals of a tree's dialect.
		'test/fixtures/dialects/**/*.js',
	]),
	js.configs.recommended,
	tseslint.configs.recommendedTypeChecked,
	{
		languageOptions: {
			parserOptions: {
				// vitest.config.ts sits outside tsconfig's `include`; type-check it on its own.
				projectService: { allowDefaultProject: ['vitest.config.ts'] },
				tsconfigRootDir: import.meta.dirname,
			},
		},
		rules: {
			// Under verbatimModuleSyntax, `import { type X } from 'm'` compiles to `import {} from 'm'`
			// and still runs `m`; `import type { X }` is erased. Matters for the src/ → checks/ boundary.
			'@typescript-eslint/no-import-type-side-effects': 'error',
		},
	},
	{
		// Scripts and configs outside tsconfig's TypeScript program: lint them, without type information.
		files: ['**/*.{js,mjs,cjs}'],
		extends: [tseslint.configs.disableTypeChecked],
		languageOptions: { globals: nodeGlobals },
	},
	{
		files: ['**/*.cjs'],
		languageOptions: {
			sourceType: 'commonjs',
			globals: {
				module: 'writable',
				exports: 'writable',
				require: 'readonly',
				__dirname: 'readonly',
				__filename: 'readonly',
			},
		},
	},
	...astro.configs.recommended,
	{
		// `.astro` files are type-checked by `astro check`; typed lint rules need a TS program they are not in.
		files: ['**/*.astro'],
		extends: [tseslint.configs.disableTypeChecked],
	},
	{
		// Rule 6: src/ renders in Astro and in browsers. It imports the modules written for it (routes,
		// anchors, page views, the status snapshot: core/, markdown/, diagrams/, alerts/, integration/),
		// never the rest of the Node side; dependency-cruiser checks the same for `.ts` files and that
		// nothing it imports loads a Node built-in (.dependency-cruiser.mjs, `site-*`).
		files: ['src/**/*.{ts,astro}'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							// Relative paths climbing out of src/ into a Node folder the site does not read (src/components/diagrams is the site's own).
							regex: `^(\\.\\./)+(${nodeFolders.filter((folder) => !siteReads.includes(folder)).join('|')})/`,
							message:
								'src/ is the site; it reads Node-side data through virtual modules and the modules written for it (core/, markdown/, diagrams/, alerts/, integration/), never by importing the rest.',
						},
					],
				},
			],
		},
	},
	{
		files: ['cli/**/*.ts', 'bin/**/*.mjs'],
		rules: { 'no-restricted-properties': ['error', changingCwd] },
	},
	{
		// Item 2 of issue 10: the command layer (cli/, astro.config.mjs) reads the environment once
		// (core/environment.ts readEnvironment) and passes what it asks for down as options.
		files: [
			...nodeFolders.filter((folder) => folder !== 'cli').map((folder) => `${folder}/**/*.ts`),
			'src/**/*.{ts,astro}',
		],
		rules: {
			'no-restricted-properties': ['error', readingEnv, changingCwd],
		},
	},
	{
		files: nodeFolders.filter((folder) => folder !== 'cli').map((folder) => `${folder}/**/*.ts`),
		// The generators of guidebooks/rules.md, configuration.md and the fence-language table are scripts of their own (npm run docs:*, generate:*).
		ignores: ['config/docs.ts', 'checks/rules/docs.ts', 'markdown/write-fence-languages.ts'],
		rules: {
			'no-restricted-properties': ['error', readingEnv, changingCwd, ...printing],
			'no-console': 'error',
		},
	},
	{
		// A tree under review must not steer a program Waymark starts: git runs only through
		// core/git.ts (explicit repository, hardened config), ping only through network/observe-icmp.ts.
		files: nodeFolders.map((folder) => `${folder}/**/*.ts`),
		ignores: ['core/git.ts', 'network/observe-icmp.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					paths: [
						{
							name: 'node:child_process',
							message:
								'Start git through core/git.ts and ping through network/observe-icmp.ts; nothing else starts a program.',
						},
					],
				},
			],
		},
	},
	prettier,
);
