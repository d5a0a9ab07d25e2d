import { defineConfig } from 'vitest/config';

// Two projects: unit tests run in parallel; tests that run an Astro build (`*.build.test.ts`) or a
// browser (`*.browser.test.ts`) run one file at a time, because every Astro build of this package
// shares its `.astro/` folder, and the machines have 2 cores.
export default defineConfig({
	test: {
		// Under CI, also a JSON report: .ci/run prints its plain "N passed, N failed" line from it.
		reporters: process.env.CI ? ['default', ['json', { outputFile: 'test/.tmp/results.json' }]] : ['default'],
		projects: [
			{
				test: {
					name: 'unit',
					include: ['test/**/*.test.ts'],
					exclude: ['test/**/*.build.test.ts', 'test/**/*.browser.test.ts', 'test/fixtures/**', '**/node_modules/**'],
					testTimeout: 20_000,
				},
			},
			{
				test: {
					name: 'build',
					include: ['test/**/*.build.test.ts', 'test/**/*.browser.test.ts'],
					exclude: ['test/fixtures/**', '**/node_modules/**'],
					fileParallelism: false,
					testTimeout: 120_000,
					hookTimeout: 240_000,
				},
			},
		],
	},
});
