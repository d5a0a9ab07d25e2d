import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import { seriousViolations, viewports } from '../helpers/site-audit.ts';

// What a reader meets where a page is broken, in Chromium: a broken link says so to a screen
// reader and shows why on hover and on focus; notices and placeholders pass axe in both themes.
let project: string;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
	project = await writeFixture({
		'docs/README.md': [
			'# Home',
			'',
			'Read [the restore runbook](restore.md) first, then [the missing page](missing.md) and [a heading](#nowhere).',
			'',
			'Raw: <a href="gone.md">raw link</a>. Outside: [the vendor docs](https://dead.example/docs) and [the status page](https://live.example/).',
			'',
			'![Topology](topology.png)',
			'',
			'## Links in [a heading](also-missing.md)',
			'',
			'[MDX page](page.mdx)',
			'',
		].join('\n'),
		'docs/restore.md': '# Restore\n\nSteps.\n',
		'docs/page.mdx':
			"import Tabs from '@theme/Tabs';\n\n# MDX page\n\n<Tabs>\nTab content.\n</Tabs>\n\nOwner: {owner}.\n\n<Unknown />\n",
		// What an earlier `waymark check --external` found, in its cache: the build reads it and never fetches.
		'.waymark/cache/links.json': JSON.stringify({
			version: 1,
			entries: {
				'https://dead.example/docs': {
					outcome: {
						kind: 'dead',
						observed: 'status 404 from GET https://dead.example/docs',
						expected: 'status 200-299',
					},
					fragments: {},
					checkedAt: Date.now(),
					judgedWith: '[]',
				},
				'https://live.example/': {
					outcome: { kind: 'ok', observed: 'status 200' },
					fragments: {},
					checkedAt: Date.now(),
					judgedWith: '[]',
				},
			},
		}),
	});
	const built = await runCli(['build', '--root', 'docs', '--out', 'dist'], {
		cwd: project,
		env: { WAYMARK_CHROMIUM: '/nonexistent' },
	});
	expect(built.code, built.stderr).toBe(0);
	server = await startServer({ dir: join(project, 'dist'), port: 0, host: '127.0.0.1' });
	browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
	await browser?.close();
	await server?.close();
	await removeFixture(project);
});

async function open(
	path: string,
	options: { theme?: 'light' | 'dark'; bypassCSP?: boolean } = {},
): Promise<Page> {
	const context = await browser.newContext({
		...viewports.desktop,
		colorScheme: options.theme ?? 'light',
		bypassCSP: options.bypassCSP ?? false,
	});
	const page = await context.newPage();
	await page.goto(new URL(path, server.url).href);
	return page;
}

describe('a broken link', () => {
	test('is named "(broken link)" for a screen reader, and described by why; a working link is not (an external one by what `check --external` last found)', async () => {
		const page = await open('');
		try {
			expect(await page.getByRole('link', { name: 'the missing page (broken link)' }).count()).toBe(
				1,
			);
			expect(await page.getByRole('link', { name: 'a heading (broken link)' }).count()).toBe(1);
			expect(await page.getByRole('link', { name: 'raw link (broken link)' }).count()).toBe(1);
			expect(await page.getByRole('link', { name: 'the vendor docs (broken link)' }).count()).toBe(
				1,
			);
			expect(await page.getByRole('link', { name: 'the status page', exact: true }).count()).toBe(
				1,
			);
			const describedBy = await page
				.getByRole('link', { name: 'the missing page (broken link)' })
				.getAttribute('aria-describedby');
			expect(await page.locator(`#${describedBy}`).textContent()).toBe(
				'Broken link: Unexpected link to missing file missing.md, expected an existing file',
			);
			// The positive control: the link that works.
			const working = page.getByRole('link', { name: 'the restore runbook', exact: true });
			expect(await working.count()).toBe(1);
			expect(await working.getAttribute('aria-describedby')).toBeNull();
		} finally {
			await page.context().close();
		}
	});

	test('shows why only on hover or focus', async () => {
		const page = await open('');
		try {
			const link = page.getByRole('link', { name: 'the missing page (broken link)' });
			const reason = page.locator(`#${await link.getAttribute('aria-describedby')}`);
			expect(await reason.isVisible()).toBe(false);
			await link.hover();
			expect(await reason.isVisible()).toBe(true);
			await page.mouse.move(0, 0);
			expect(await reason.isVisible()).toBe(false);
			await link.focus();
			// Keyboard focus shows it (`:focus-visible`), as a mouse hover does.
			await page.keyboard.press('Shift+Tab');
			await page.keyboard.press('Tab');
			expect(await reason.isVisible()).toBe(true);
		} finally {
			await page.context().close();
		}
	});

	test("in a heading keeps the heading's text, and its reason in view under it", async () => {
		const page = await open('');
		try {
			expect(await page.locator('.prose h2').first().textContent()).toBe('Links in a heading');
			expect(await page.locator('.prose h2 + p.wm-broken-reason').isVisible()).toBe(true);
		} finally {
			await page.context().close();
		}
	});
});

test.each(['light', 'dark'] as const)(
	'broken links, placeholders and MDX notices have no serious or critical axe violation (%s theme)',
	async (theme) => {
		const lines: string[] = [];
		for (const path of ['', 'page/']) {
			// axe-core goes in as an inline script, which the server's Content-Security-Policy refuses.
			const page = await open(path, { theme, bypassCSP: true });
			try {
				expect(
					await page.locator('.wm-broken-link, .wm-image-missing, .wm-mdx-notice').count(),
				).toBeGreaterThan(0);
				lines.push(...(await seriousViolations(page)).map((line) => `/${path} ${line}`));
			} finally {
				await page.context().close();
			}
		}
		expect(lines).toEqual([]);
	},
	120_000,
);
