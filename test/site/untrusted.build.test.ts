import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { access, chmod, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture, type CliResult } from '../helpers/fixture.ts';

// One branch under review, built as `waymark preview` and `build --base` build it (untrusted),
// then the same tree built trusted (as after merging), which shows each test can fail.
const secret = 'hunter2-do-not-publish';
const outsideText = 'root:x:0:0:outside-the-tree';
let project: string;
let outside: string;
let untrusted: CliResult;
let trusted: CliResult;
let untrustedFiles: Map<string, string>;
let ranUntrusted: { mdx: boolean; tool: boolean };

const mdxMarker = () => join(project, 'mdx-ran');
const toolMarker = () => join(project, 'tool-ran');

beforeAll(async () => {
	outside = await writeFixture({
		'passwd.md': `# Passwd\n\n${outsideText}\n`,
		'docs/page.md': `# Shared\n\n${outsideText}\n`,
	});
	project = await writeFixture({
		'waymark.config.yaml':
			'diagrams:\n  chromium: ./tools/x.sh\n  cacheDir: ./diagram-cache\nchecks:\n  rules:\n    readable-files: warn\n    internal-links: warn\n',
		'guidebooks/README.md': `# Home\n\n[MDX](page.mdx) [HTML](xss.md) [Deep](nested.md) [Hash](a%23b.md) [Query](c%3Fd.md) [Leak](leak.md) ![Logo](logo.svg)\n\n\`\`\`mermaid\nflowchart LR\n  Build${Date.now()} --> Publish\n\`\`\`\n`,
		'guidebooks/xss.md': [
			'# HTML',
			'<img src=x onerror="alert(1)">',
			'<a href="jav&#x61;script:alert(2)">encoded</a>',
			'<details ontoggle="alert(3)" open><summary>More</summary>Body</details>',
			'<iframe srcdoc="<script>alert(4)</script>"></iframe>',
			'',
		].join('\n\n'),
		'guidebooks/nested.md': `# Deep\n\n${'- '.repeat(2000)}x\n`,
		'guidebooks/a#b.md': '# Hash page\n',
		'guidebooks/c?d.md': '# Query page\n',
		'guidebooks/logo.svg':
			'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(5)"><script>alert(6)</script><rect width="4" height="4"/></svg>',
		'guidebooks/report.html': '<script>alert(7)</script>',
	});
	// Both leave a marker file when they run: the page's module code, and the "browser" the config names.
	const page = [
		"import {writeFileSync} from 'node:fs';",
		`export const x = writeFileSync(${JSON.stringify(mdxMarker())}, 'x');`,
		'',
		'# MDX page',
		'',
		'Token: {process.env.SECRET_TOKEN}',
		'',
	];
	await writeFile(join(project, 'guidebooks/page.mdx'), page.join('\n'));
	await mkdir(join(project, 'tools'));
	await writeFile(
		join(project, 'tools/x.sh'),
		`#!/bin/sh\ntouch ${JSON.stringify(toolMarker())}\nexit 1\n`,
	);
	await chmod(join(project, 'tools/x.sh'), 0o755);
	// A branch holds its files: an untrusted build publishes none git does not track (`branch-files.ts`).
	await promisify(execFile)('git', ['init', '-q', project]);
	await promisify(execFile)('git', ['-C', project, 'add', '-A']);
	await symlink(join(outside, 'passwd.md'), join(project, 'guidebooks/leak.md'));
	await symlink(join(outside, 'docs'), join(project, 'guidebooks/shared'));
	const env = { SECRET_TOKEN: secret, WAYMARK_CHROMIUM: '/nonexistent' };
	// Processes of their own: a page's MDX reads the process's environment, which must hold the secret.
	untrusted = await runCli(['build', '--untrusted', '--out', 'dist'], {
		cwd: project,
		env,
		process: true,
	});
	untrustedFiles = await readTree(join(project, 'dist'));
	ranUntrusted = { mdx: await exists(mdxMarker()), tool: await exists(toolMarker()) };
	trusted = await runCli(['build', '--out', 'dist'], { cwd: project, env, process: true });
});

afterAll(async () => {
	await Promise.all([removeFixture(project), removeFixture(outside)]);
});

/** Every text file of a built site (relative path → content); compressed search fragments excepted. */
async function readTree(dir: string): Promise<Map<string, string>> {
	const files = new Map<string, string>();
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const full = join(entry.parentPath, entry.name);
		files.set(full.slice(dir.length + 1), await readFile(full, 'utf8'));
	}
	return files;
}

const pageWith = (title: string): Document | undefined => {
	for (const [path, html] of untrustedFiles)
		if (path.endsWith('index.html') && html.includes(`<title>${title}`))
			return parseHTML(html).document;
	return undefined;
};

const exists = (path: string) =>
	access(path).then(
		() => true,
		() => false,
	);

describe('an untrusted build', () => {
	test('builds, and reports each MDX construct and config setting it did not use', () => {
		expect(untrusted.code).toBe(0);
		expect(untrusted.stdout).toContain('Unexpected `diagrams.chromium` in an untrusted tree');
		expect(untrusted.stdout).toMatch(
			/1:1 +warning +Unexpected MDX import `import \{writeFileSync\} from 'node:fs';`/,
		);
		expect(untrusted.stdout).toMatch(
			/6:8 +warning +Unexpected MDX expression `\{process\.env\.SECRET_TOKEN\}`/,
		);
	});

	test('runs no code from the tree: no MDX, no program its config names', () => {
		expect(ranUntrusted).toEqual({ mdx: false, tool: false });
	});

	test('publishes no environment variable, and shows the MDX expression as a notice and no import', () => {
		expect(`${untrusted.stdout}${untrusted.stderr}`).not.toContain(secret);
		expect(
			[...untrustedFiles].filter(([, text]) => text.includes(secret)).map(([path]) => path),
		).toEqual([]);
		const prose = pageWith('MDX page')?.querySelector('.prose');
		expect(prose?.querySelector('.wm-mdx-notice')?.textContent).toBe(
			'MDX expression {process.env.SECRET_TOKEN} not shown: it is not run in a build under review.',
		);
		expect(prose?.textContent).toContain('Token: ');
		expect(prose?.textContent).not.toContain('writeFileSync');
	});

	test('neutralises scripts in raw HTML', () => {
		const doc = pageWith('HTML');
		// `src=x` names no file: the image is a placeholder (at the path the site would serve it from), with nothing of the tag's handler.
		expect(doc?.querySelector('.prose .wm-image-missing')?.getAttribute('aria-label')).toBe(
			'Image not found: /x',
		);
		expect(doc?.querySelector('.prose [onerror]')).toBeNull();
		expect(doc?.querySelector('.prose details[open]')?.hasAttribute('ontoggle')).toBe(false);
		expect(doc?.querySelector('.prose iframe')).toBeNull();
		// The link is dropped or, taken for a relative path, a harmless path on the site.
		const href = doc?.querySelector('.prose a')?.getAttribute('href') ?? '/';
		expect(new URL(href, 'https://site.example/').protocol).toBe('https:');
	});

	test('publishes nothing from outside the tree, and reports each link that leads out', () => {
		expect(
			[...untrustedFiles].filter(([, text]) => text.includes(outsideText)).map(([path]) => path),
		).toEqual([]);
		expect([...untrustedFiles.keys()].filter((path) => /^(leak|shared)\//.test(path))).toEqual([]);
		expect(untrusted.stdout).toMatch(
			/leak\.md\n +1:1 +warning +Unexpected symbolic link to `.*passwd\.md`, outside the tree/,
		);
		expect(untrusted.stdout).toMatch(
			/shared\n +1:1 +warning +Unexpected symbolic link to `.*docs`, outside the tree/,
		);
	});

	test('publishes SVG files without their scripts, and no .html file from the tree', () => {
		expect(untrustedFiles.get('logo.svg')).toMatch(/<rect width="4" height="4" \/>/);
		expect(untrustedFiles.get('logo.svg')).not.toMatch(/script|onload|alert/);
		expect(untrustedFiles.has('report.html')).toBe(false);
	});

	test('shows a notice for a page nested too deeply to render, and builds the rest', () => {
		expect(pageWith('Deep')?.querySelector('.prose aside.callout-warning')?.textContent).toContain(
			'page nested 2000 levels deep',
		);
		expect(untrusted.stdout).toMatch(
			/nested\.md\n +1:1 +warning +Unexpected page nested 2000 levels deep/,
		);
	});

	// An untrusted tree's page names are data like its text: `#` and `?` are published where GitHub
	// shows them (/a%23b/), and the README's links to them are not dead.
	test('publishes pages whose names hold `#` and `?` at the URLs GitHub gives them', () => {
		expect(untrustedFiles.get('a#b/index.html')).toContain('<title>Hash page');
		expect(untrustedFiles.get('c?d/index.html')).toContain('<title>Query page');
		expect(untrusted.stdout).not.toMatch(/(a#b|c\?d)\.md\n/);
		expect(untrusted.stdout).not.toMatch(/missing file `(a%23b|c%3Fd)\.md`/);
		expect(pageWith('Deep')).toBeDefined();
	});

	test('marks its output folder as its own', () => {
		expect(untrustedFiles.has('.waymark-output')).toBe(true);
	});
});

describe('the same tree, trusted (positive controls)', () => {
	test('replaces the earlier build, runs the MDX and the configured program', async () => {
		expect(trusted.code).toBe(0);
		expect(await exists(mdxMarker())).toBe(true);
		expect(await exists(toolMarker())).toBe(true);
	});

	test('renders the MDX expression, secret included', async () => {
		const html = await readFile(join(project, 'dist/page/index.html'), 'utf8');
		expect(html).toContain(`Token: ${secret}`);
	});
});

test('refuses an output folder that holds the tree, or files Waymark did not write, and deletes nothing', async () => {
	const parent = await runCli(['build', '--untrusted', '--out', '.'], { cwd: project });
	expect(parent.code).toBe(2);
	expect(parent.stderr.replaceAll(project, '<project>')).toContain(
		'`--out <project>` is or contains the guidebook root `<project>/guidebooks`; building there would delete the sources.',
	);
	await mkdir(join(project, 'notes'));
	await writeFile(join(project, 'notes/todo.txt'), 'keep me');
	const foreign = await runCli(['build', '--out', 'notes'], { cwd: project });
	expect(foreign.code).toBe(2);
	expect(foreign.stderr).toContain('holds files Waymark did not write (`todo.txt`…)');
	expect(await readFile(join(project, 'notes/todo.txt'), 'utf8')).toBe('keep me');
	expect(await exists(join(project, 'guidebooks/README.md'))).toBe(true);
});
