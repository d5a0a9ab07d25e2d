import { access, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { packageVersion } from '../core/package.ts';
import { isInside } from '../core/path-inside.ts';
import type { CiWorkflow } from './ci-workflows.ts';

/**
 * Why the workflow `init` writes could not install Waymark in CI, each a sentence with its fix
 * (none when it can). Both workflows run `npm ci` in the project folder `dir` and then `npx
 * waymark`: `npm ci` needs a `package.json` that lists Waymark and the `package-lock.json` beside
 * it (GitHub's `setup-node` npm cache needs the lock file too), and finds a `file:` package only
 * where `package.json` says it is, inside the checkout. Waymark is not on the npm registry, so
 * `npx` cannot fetch it either. Run from an install elsewhere (an MkDocs or mdBook repository
 * with no `package.json`), `init` would otherwise say only "Wrote …", and CI's first run fail.
 */
export async function workflowInstallProblems(
	dir: string,
	top: string,
	forge: CiWorkflow['forge'],
): Promise<string[]> {
	const tgz = `waymark-${packageVersion}.tgz`;
	const addIt = `Add Waymark to the repository's devDependencies so \`npm ci\` installs it: put the .tgz in the repository (for example vendor/), run \`npm install --save-dev ./vendor/${tgz}\` here, and commit package.json and package-lock.json.`;
	const cache =
		forge === 'github'
			? " (and, before it, `setup-node`'s npm cache, which needs a lock file)"
			: '';
	const text = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined);
	if (text === undefined)
		return [
			`There is no package.json here, so the workflow's \`npm ci\` fails in CI${cache}: Waymark runs from an install outside this repository. ${addIt}`,
		];
	const manifest = parseManifest(text);
	if (!manifest)
		return [
			`package.json is not a JSON object, so the workflow's \`npm ci\` fails in CI. Fix it (\`npm install\` here says where it goes wrong).`,
		];
	const specs = ['dependencies', 'devDependencies'].map(
		(field) => (manifest?.[field] as Record<string, unknown> | undefined)?.['waymark'],
	);
	const spec = specs.find((value): value is string => typeof value === 'string');
	const problems: string[] = [];
	if (spec === undefined)
		problems.push(
			`package.json does not list Waymark, so the workflow's \`npm ci\` does not install it and its \`npx waymark\` finds none (Waymark is not on the npm registry). ${addIt}`,
		);
	else if (spec.startsWith('file:') && !isInside(resolve(dir, spec.slice('file:'.length)), top)) {
		problems.push(
			`package.json installs Waymark from \`${spec}\`, outside the repository, so the workflow's \`npm ci\` will not find it in CI. Put the .tgz in the repository (for example vendor/), then \`npm install --save-dev ./vendor/${basename(spec)}\`.`,
		);
	}
	if (!(await isLocked(dir)) && !(await workspaceLocked(dir, top)))
		problems.push(
			`There is no package-lock.json beside package.json, and the workflow's \`npm ci\` installs only from one${cache}. Run \`npm install\` here and commit package-lock.json.`,
		);
	return problems;
}

function parseManifest(text: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = JSON.parse(text);
		return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

async function isLocked(folder: string): Promise<boolean> {
	return (
		(await exists(join(folder, 'package-lock.json'))) ||
		(await exists(join(folder, 'npm-shrinkwrap.json')))
	);
}

/** Whether the nearest folder above `dir` (up to `top`) whose package.json has `workspaces` holds the lock: `npm ci` in a workspace uses its root's. */
async function workspaceLocked(dir: string, top: string): Promise<boolean> {
	for (
		let below = dir, folder = dirname(dir);
		folder !== below && isInside(folder, top);
		below = folder, folder = dirname(folder)
	) {
		const manifest = parseManifest(
			(await readFile(join(folder, 'package.json'), 'utf8').catch(() => undefined)) ?? '',
		);
		if (manifest && 'workspaces' in manifest) return isLocked(folder);
	}
	return false;
}

async function exists(path: string): Promise<boolean> {
	return access(path).then(
		() => true,
		() => false,
	);
}
