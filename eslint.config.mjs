// Typed lint for TypeScript and the JavaScript scripts (house style rules 6 and 19). `.astro`
// files are not linted: no Astro parser is installed; `astro check` type-checks them instead.
import js from '@eslint/js';
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

export default defineConfig(
	globalIgnores([
		'**/dist/',
		'**/node_modules/',
		'**/.astro/',
		'dist-cli/',
		'coverage/',
		'test/.tmp/',
		'bench/.tmp/',
		'test/fixtures/**/dist/',
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
	{
		// Rule 6: src/ renders in Astro and the browser; checks/ is Node-only. Types may cross.
		files: ['src/**'],
		rules: {
			'no-restricted-imports': 'off',
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/checks/**'],
							allowTypeImports: true,
							message: 'checks/ is Node-only; import types or read probe JSON.',
						},
					],
				},
			],
		},
	},
	prettier,
);
