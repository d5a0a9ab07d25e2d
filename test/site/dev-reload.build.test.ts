import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cliPath, removeFixture, writeFixture } from '../helpers/fixture.ts';

// `waymark dev` renders each page into a file beside Astro's cache (integration/page-html-files.ts);
// an edit must reach the next request, not the body rendered before it.
let dir: string;

beforeAll(async () => {
	dir = await writeFixture({
		'README.md': '# Home\n\nSee [ops](ops/README.md).\n',
		'ops/README.md': '# Ops\n\nThe replica drains first.\n',
		'ops/notes.txt': 'failover-notes\n',
		'ops/secrets.yml': 'db_password: hunter2-failover\n',
	});
});

afterAll(async () => {
	await removeFixture(dir);
});

/** The text of a page's first paragraph that starts with "The". */
const body = async (url: string) =>
	/<p>(The [^<]*)<\/p>/.exec(await (await fetch(url)).text())?.[1];

/** `waymark dev` on `root`, listening on a port of its own; its `ops/` page, and what it has logged. */
async function startDev(
	root: string,
	cwd?: string,
): Promise<{
	child: ChildProcessByStdio<null, Readable, Readable>;
	page: string;
	log: () => string;
}> {
	// Astro's dev server serves no route when it sees Vitest's variables: the child gets none.
	// Nor NODE_ENV=test, under which Astro turns Vite's HMR off: no page would ever be told to reload.
	const env = Object.fromEntries(
		Object.entries(process.env).filter(
			([name]) => !name.startsWith('VITEST') && name !== 'NODE_ENV',
		),
	);
	const child = spawn(
		process.execPath,
		[cliPath, 'dev', '--root', root, '--port', '0', '--host', '127.0.0.1'],
		{
			...(cwd && { cwd }),
			env: { ...env, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' },
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	let out = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
	await expect
		.poll(() => /Local\s+(http:\S+)/.exec(out)?.[1], { timeout: 60_000, interval: 200 })
		.toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
	return { child, page: new URL('ops/', /Local\s+(http:\S+)/.exec(out)?.[1]).href, log: () => out };
}

/** Vite's HMR socket of the dev server serving `page`, as a page's client connects to it; every message it hears. */
async function hmrMessages(page: string): Promise<{
	messages: Array<{ type: string; event?: string; data?: unknown }>;
	close: () => void;
}> {
	const client = await (await fetch(new URL('/@vite/client', page))).text();
	const token = /const wsToken = "([^"]*)"/.exec(client)?.[1] ?? '';
	const url = new URL(`/?token=${token}`, page);
	url.protocol = 'ws:';
	const socket = new WebSocket(url, 'vite-hmr');
	const messages: Array<{ type: string; event?: string; data?: unknown }> = [];
	socket.addEventListener('message', (event) =>
		messages.push(JSON.parse(String(event.data)) as { type: string }),
	);
	await new Promise((resolve, reject) => {
		socket.addEventListener('open', resolve);
		socket.addEventListener('error', reject);
	});
	return { messages, close: () => socket.close() };
}

test("serves a page as written and, after an edit, as edited (one reload, the page's findings sent to it, no service worker asked for), and no secret file through /@fs/", async () => {
	const { child, page } = await startDev(dir);
	try {
		// The server listens a moment before Astro's routes answer.
		await expect
			.poll(() => body(page), { timeout: 20_000, interval: 300 })
			.toBe('The replica drains first.');
		// Vite's `/@fs/` serves files of the allowed root; never one that holds a secret.
		const raw = (path: string) => fetch(new URL(`/@fs${join(dir, path)}`, page));
		const notes = await raw('ops/notes.txt');
		expect([notes.status, await notes.text()]).toEqual([200, 'failover-notes\n']);
		const secret = await raw('ops/secrets.yml');
		expect(secret.status).toBe(403);
		expect(await secret.text()).not.toContain('hunter2');
		// What the page's script hears over Vite's socket: one reload per save, and its findings.
		const html = await (await fetch(page)).text();
		expect(html).toContain('data-offline-banner');
		expect(html).not.toContain('sw.js');
		const heard = await hmrMessages(page);
		await writeFile(
			join(dir, 'ops/README.md'),
			'# Ops\n\nThe standby takes over.\n\nSee [the old notes](gone.md).\n',
		);
		await expect
			.poll(() => body(page), { timeout: 20_000, interval: 300 })
			.toBe('The standby takes over.');
		const findings = () =>
			heard.messages.filter((m) => m.type === 'custom' && m.event === 'waymark:findings').at(-1)
				?.data as { byPage: Record<string, Array<{ message: string; line: number }>> } | undefined;
		await expect
			.poll(() => findings()?.byPage['/ops/']?.map((f) => `${f.line}: ${f.message}`), {
				timeout: 20_000,
				interval: 300,
			})
			.toEqual(['5: Unexpected link to missing file `gone.md`, expected an existing file']);
		// Settled: every file the save touched (the page, the content store, the site data) is written.
		await new Promise((resolve) => setTimeout(resolve, 3000));
		expect(heard.messages.filter((m) => m.type === 'full-reload')).toHaveLength(1);
		expect(heard.messages.filter((m) => m.type === 'error')).toEqual([]);
		heard.close();
		// Ctrl-C stops it as it stops `serve` and `preview`: closed, exit 0.
		const exited = once(child, 'exit');
		child.kill('SIGINT');
		expect(await exited).toEqual([0, null]);
	} finally {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			await once(child, 'exit');
		}
	}
}, 90_000);

// A file a page pulls in is the page's text too: an edit to it must reach the next request, as an
// edit to the page does (MkDocs snippets, mdBook's included files).
test.each([
	{
		tool: 'mdBook',
		files: {
			'book.toml': '[book]\nsrc = "docs"\n',
			'docs/README.md': '# Home\n',
			'docs/ops/README.md':
				'# Ops\n\n{{#include ../shared/steps.txt}}\n\n{{#include ../shared/big.txt}}\n',
			'docs/shared/steps.txt': 'The replica drains first.\n',
			'docs/shared/big.txt': `${'x'.repeat(79)}\n`.repeat(14_000),
		},
	},
	{
		tool: 'MkDocs',
		files: {
			'mkdocs.yml':
				'site_name: Ops\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: docs\n',
			'docs/index.md': '# Home\n',
			'docs/ops/index.md': '# Ops\n\n--8<-- "shared/steps.txt"\n',
			'docs/shared/steps.txt': 'The replica drains first.\n',
		},
	},
])(
	'$tool: after an edit to a file a page pulls in, serves the page with the edit',
	async ({ tool, files }) => {
		const tree = await writeFixture(files);
		const { child, page, log } = await startDev(join(tree, 'docs'), tree);
		try {
			await expect
				.poll(() => body(page), { timeout: 20_000, interval: 300 })
				.toBe('The replica drains first.');
			await writeFile(join(tree, 'docs/shared/steps.txt'), 'The standby takes over.\n');
			await expect
				.poll(() => body(page), { timeout: 20_000, interval: 300 })
				.toBe('The standby takes over.');
			expect(log()).toMatch(/Reloaded ops\/(README|index)\.md \(it pulls in shared\/steps\.txt\)/);
			if (tool === 'mdBook') {
				const paragraphs = async () =>
					[...(await (await fetch(page)).text()).matchAll(/<p>([^<]*)<\/p>/g)].map(
						(match) => match[1],
					);
				// A file refused (over 1 MB) and then made small: the page takes it, with no edit of its own.
				await writeFile(join(tree, 'docs/shared/big.txt'), 'The big file is small now.\n');
				await expect
					.poll(paragraphs, { timeout: 20_000, interval: 300 })
					.toContain('The big file is small now.');
				// A link written with spaces, as mdBook reads it too, added to the page.
				await writeFile(join(tree, 'docs/shared/other.txt'), 'The other file is in.\n');
				await writeFile(
					join(tree, 'docs/ops/README.md'),
					'# Ops\n\n{{ #include ../shared/other.txt }}\n',
				);
				await expect
					.poll(() => body(page), { timeout: 20_000, interval: 300 })
					.toBe('The other file is in.');
			}
		} finally {
			child.kill('SIGTERM');
			if (child.exitCode === null) await once(child, 'exit');
			await removeFixture(tree);
		}
	},
	90_000,
);

test('logs a diagram finding once, named from the working directory as the build names it', async () => {
	const tree = await writeFixture({
		'docs/README.md': '# Home\n\nSee [ops](ops/README.md).\n',
		'docs/ops/README.md':
			'# Ops\n\nThe replica drains first.\n\n```mermaid\nflowchat LR\n  A --> B\n```\n',
	});
	const { child, log } = await startDev('docs', tree);
	try {
		const line =
			'docs/ops/README.md:6:1: Unexpected unknown diagram type `flowchat`, expected a Mermaid diagram type; did you mean `flowchart` (mermaid-syntax)';
		// The diagrams step logs before the server listens; the checks once it does.
		await expect.poll(() => log().includes(line), { timeout: 30_000, interval: 200 }).toBe(true);
		expect(
			log()
				.split('\n')
				.filter((l) => l.includes('`flowchat`')),
		).toEqual([
			expect.stringMatching(
				new RegExp(`\\[ERROR\\] \\[waymark\\] ${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
			),
		]);
		// SIGTERM stops it as Ctrl-C does: closed, exit 0, though Vite's own listener exits 143.
		const exited = once(child, 'exit');
		child.kill('SIGTERM');
		expect(await exited).toEqual([0, null]);
	} finally {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			await once(child, 'exit');
		}
		await removeFixture(tree);
	}
}, 90_000);

// mdBook builds the chapters its summary lists: a file written before it is listed has no page,
// and gets one once `SUMMARY.md` lists it, with no edit of its own.
test('mdBook: a chapter the summary comes to list is served without a restart', async () => {
	const tree = await writeFixture({
		'book.toml': '[book]\nsrc = "docs"\n',
		'docs/SUMMARY.md': '# Summary\n\n[Home](README.md)\n\n- [Ops](ops/README.md)\n',
		'docs/README.md': '# Home\n',
		'docs/ops/README.md': '# Ops\n\nThe replica drains first.\n',
	});
	const { child, page } = await startDev(join(tree, 'docs'), tree);
	try {
		await expect
			.poll(() => body(page), { timeout: 20_000, interval: 300 })
			.toBe('The replica drains first.');
		const chapter = new URL('new/', page).href;
		await writeFile(join(tree, 'docs/ops/new.md'), '# New\n\nThe new chapter.\n');
		// Written, not listed: mdBook has no page for it, nor does the site.
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await body(chapter)).toBeUndefined();
		await writeFile(
			join(tree, 'docs/SUMMARY.md'),
			'# Summary\n\n[Home](README.md)\n\n- [Ops](ops/README.md)\n  - [New](ops/new.md)\n',
		);
		await expect
			.poll(() => body(chapter), { timeout: 20_000, interval: 300 })
			.toBe('The new chapter.');
	} finally {
		child.kill('SIGTERM');
		if (child.exitCode === null) await once(child, 'exit');
		await removeFixture(tree);
	}
}, 90_000);
