import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { markdownConfigDefaults } from '@astrojs/markdown-remark';
import { createShikiHighlighter } from '@astrojs/markdown-remark/shiki';
import * as linguist from 'linguist-languages';
import { bundledLanguagesInfo } from 'shiki';
import { afterEach, expect, test, vi } from 'vitest';
import { parseHTML } from 'linkedom';
import { fenceGrammar } from '../../markdown/fence-languages.ts';
import {
	siteMarkdownPlugins,
	siteShikiConfig,
	siteSyntaxHighlight,
} from '../../markdown/plugins.ts';
import { promqlGrammar } from '../../markdown/promql-grammar.ts';
import { siteProcessor } from '../../markdown/site-processor.ts';
import { fenceTablePath, renderFenceLanguageTable } from '../../markdown/write-fence-languages.ts';
import { collectGuidebookFiles } from '../../tree/walk-files.ts';
import { parsePage } from '../../tree/parse-page.ts';
import { repoRoot } from '../helpers/fixture.ts';

const renderer = await siteProcessor(
	siteMarkdownPlugins(
		{ root: '/tree', title: 'T', base: '/', editUrl: null },
		{ trust: 'trusted', allowRawHtml: false },
	),
).createRenderer({
	...markdownConfigDefaults,
	syntaxHighlight: siteSyntaxHighlight,
	shikiConfig: siteShikiConfig,
});

/** A fenced block as the site renders it: its language label and how many colours its tokens have. */
async function rendered(
	language: string,
	code: string,
): Promise<{ label: string | null; colours: number }> {
	const { code: html } = await renderer.render(`\`\`\`${language}\n${code}\n\`\`\`\n`, {
		frontmatter: {},
	});
	const { document } = parseHTML(`<main>${html}</main>`);
	const tokens = [...document.querySelectorAll('pre code span span')];
	const colours = new Set(
		tokens.map(
			(token) => `${token.getAttribute('class') ?? ''}|${token.getAttribute('style') ?? ''}`,
		),
	);
	return {
		label: document.querySelector('.code-block')?.getAttribute('data-language') ?? null,
		colours: colours.size,
	};
}

afterEach(() => vi.restoreAllMocks());

test('the fence language table is what the generator writes from linguist-languages and Shiki', async () => {
	expect(await readFile(fenceTablePath, 'utf8'), 'run `npm run generate:fence-languages`').toBe(
		await renderFenceLanguageTable(),
	);
});

// The languages the issue met, as runbooks write them: each coloured as GitHub colours it.
test.each([
	['golang', 'package main\n\nfunc main() { fmt.Println("up", 42) }'],
	['Go', 'func main() { return }'],
	['sh', 'systemctl restart nginx --now # restart it'],
	['console', '$ kubectl get pods -n erp\nNAME   READY'],
	['shell-session', '$ kubectl get pods -n erp\nNAME   READY'],
	['yml', 'replicas: 2 # two\nname: "erp"'],
	['tf', 'resource "aws_instance" "web" {\n  ami = "ami-123"\n}'],
	['hcl', 'job "erp" {\n  count = 2\n}'],
	['promql', 'sum by (job) (rate(http_requests_total{status=~"5.."}[5m])) > 0.1 # errors'],
	['dockerfile', 'FROM node:24\nRUN npm ci --omit=dev'],
	['Dockerfile', 'FROM node:24'],
	['ps1', 'Get-Service -Name "nginx" | Restart-Service -Force'],
	['containerfile', 'FROM node:24\nCOPY . /app'],
])('a `%s` block is coloured', async (language, code) => {
	const warn = vi.spyOn(console, 'warn');
	const { colours, label } = await rendered(language, code);
	expect(colours).toBeGreaterThan(1);
	expect(label).not.toBeNull();
	expect(warn).not.toHaveBeenCalled();
});

test('a language neither GitHub nor Shiki knows is plain text, unlabelled, and Shiki warns of no block (the rule says it once)', async () => {
	const warn = vi.spyOn(console, 'warn');
	for (let i = 0; i < 3; i++)
		expect(await rendered('frobscript', `frob --all ${i} "x" # y`)).toEqual({
			label: null,
			colours: 1,
		});
	expect(warn).not.toHaveBeenCalled();
	// The control: the same text as shell is coloured.
	expect((await rendered('sh', 'frob --all 1 "x" # y')).colours).toBeGreaterThan(1);
});

// Every name, alias and extension of every language GitHub's Linguist lists that has a Shiki
// grammar resolves to one Shiki can load: generated from the whole list, not a sample of it.
test('every Linguist name, alias and unambiguous extension of a language Shiki colours resolves to a grammar Shiki loads', async () => {
	const highlighter = await createShikiHighlighter({
		themes: siteShikiConfig.themes,
		langs: [promqlGrammar],
	});
	// Shiki's ids and aliases: Shiki resolves an alias itself.
	const loadable = new Set([
		...bundledLanguagesInfo.flatMap((info) => [info.id, ...(info.aliases ?? [])]),
		'promql',
		'plaintext',
		'plain',
		'text',
		'txt',
		'ansi',
	]);
	const languages = Object.values(
		linguist as Record<
			string,
			{ name: string; aliases?: readonly string[]; extensions?: readonly string[] }
		>,
	);
	const owners = new Map<string, number>();
	for (const language of languages)
		for (const extension of language.extensions ?? [])
			owners.set(extension.toLowerCase(), (owners.get(extension.toLowerCase()) ?? 0) + 1);
	let resolved = 0;
	const grammars = new Set<string>();
	for (const language of languages) {
		const grammar = fenceGrammar(language.name.replace(/\s+/g, '-'));
		if (grammar === undefined) continue;
		for (const name of [
			language.name.replace(/\s+/g, '-'),
			...(language.aliases ?? []).map((alias) => alias.replace(/\s+/g, '-')),
			...(language.extensions ?? [])
				.filter((extension) => owners.get(extension.toLowerCase()) === 1)
				.map((extension) => extension.slice(1)),
		]) {
			const found = fenceGrammar(name);
			expect(found, `${language.name}: \`${name}\``).toBeDefined();
			expect(loadable.has(found as string), `${language.name}: \`${name}\` → ${found}`).toBe(true);
			grammars.add(found as string);
			resolved++;
		}
	}
	// Linguist has far more languages than Shiki grammars: most of Shiki's are reached.
	expect(grammars.size).toBeGreaterThan(180);
	expect(resolved).toBeGreaterThan(900);
	for (const grammar of grammars)
		await highlighter.codeToHast('x', grammar, { defaultColor: false });
}, 120_000);

// Every fence language the corpus, the fixtures and the guidebooks use is one the site colours.
test('every fence language in bench/corpus, test/fixtures and guidebooks resolves to a grammar', async () => {
	const languages = new Map<string, string>();
	for (const folder of ['bench/corpus/fixtures', 'test/fixtures', 'guidebooks']) {
		const { pages } = await collectGuidebookFiles(join(repoRoot, folder));
		for (const path of pages) {
			const page = parsePage(path, await readFile(join(repoRoot, folder, path), 'utf8'));
			for (const block of page.codeBlocks)
				// Options a tool writes onto the language (VitePress' `js{2}`, `ts:line-numbers`) are
				// the tool's, which its rewrite takes off before the site colours the block.
				if (block.lang)
					languages.set(
						block.lang.replace(/(?:\{[^}]*\}|:line-numbers(?:=\d+)?)+$/, ''),
						`${folder}/${path}`,
					);
		}
	}
	expect(languages.size).toBeGreaterThan(10);
	for (const [language, where] of languages)
		expect(fenceGrammar(language), `\`${language}\` in ${where}`).toBeDefined();
});
