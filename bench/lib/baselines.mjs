// The tools the benchmarks compare Waymark with (Starlight, mermaid-cli, rehype-mermaid, remark-cli,
// …) are listed in bench/package.json, not in the repository's own package.json, so they weigh on
// no user's and no CI's install. A benchmark calls `ensureBaselines()` before it touches one; the
// first call installs them into bench/node_modules from bench/package-lock.json.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('../', import.meta.url));

/** Where a baseline installed by `ensureBaselines` lives, e.g. `baselinePath('.bin/mmdc')`. */
export function baselinePath(/** @type {string} */ relative) {
	return join(benchDir, 'node_modules', relative);
}

/**
 * Installs bench/package.json's dependencies (`npm install --prefix bench`) when any of them is
 * missing from bench/node_modules; does nothing when all are there. Exits the process with a clear
 * message when the install fails.
 */
export function ensureBaselines() {
	const manifest = JSON.parse(readFileSync(join(benchDir, 'package.json'), 'utf8'));
	const wanted = Object.keys(manifest.dependencies ?? {});
	const missing = wanted.filter((name) => !existsSync(baselinePath(join(name, 'package.json'))));
	if (missing.length === 0) return;
	console.log(
		`Installing the benchmark baselines into bench/node_modules (missing: ${missing.join(', ')}), once: npm install --prefix bench`,
	);
	const result = spawnSync('npm', ['install', '--prefix', benchDir, '--no-audit', '--no-fund'], {
		stdio: 'inherit',
		env: {
			...process.env,
			// npm and the install scripts run on this Node (24), not whichever `node` is first on PATH.
			PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
			// mermaid-cli's puppeteer drives Debian's Chromium; it must never download its own.
			PUPPETEER_SKIP_DOWNLOAD: 'true',
		},
	});
	if (result.status !== 0) {
		const reason = result.error ? result.error.message : `exit code ${result.status}`;
		console.error(
			`Could not install the benchmark baselines (npm install --prefix bench: ${reason}). The benchmark needs them to compare Waymark with; run \`npm install --prefix bench\` from the repository root (it needs the npm registry) and try again.`,
		);
		process.exit(1);
	}
}
