// The regression corpus of issue 27.5: re-creates every tree of bench/corpus/repositories.json from a
// repository snapshot on this machine, builds and checks it with defaults, one tree at a time, and
// prints per tree whether it published on the first try, crashes, pages written against Markdown
// files, pages showing another tool's syntax as text, files published that no page uses, secrets
// published, and check's errors and warnings by rule.
//
//   npx node bench/corpus.mjs [--mirrors DIR] [--trees DIR] [--only a,b] [--timeout SECONDS] [--out DIR] [--waymark DIR]
//   npx node bench/corpus.mjs --fixtures        the smallest tree of each failure class, held to its fixture.json
//   npx node bench/corpus.mjs --sample 70       errors of the last run to judge by hand (corpus/verdicts.md)
//   npx node bench/corpus.mjs --detector-self-test
// (npx: the Node 24 of node_modules/.bin; `--waymark DIR` runs another checkout, a branch's worktree.)
//
// Fetching is not this script's job: a snapshot is a bare git directory at
// `<mirrors>/<owner>+<name>/repo` (what the workplace's fetch tool writes; default /work/.mirror).
// Missing snapshots are listed and their trees skipped. Each tree is a `git clone --shared` of the
// snapshot at the pinned commit under `--trees` (default /work/corpus-trees, outside this
// repository), so the tree sits in a repository as a user's checkout does. Findings and logs of the run go to bench/.tmp/corpus-run/.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gemoji } from 'gemoji';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { filesUsedByNothing } from './lib/unused-output.mjs';
import { mountFilesOf, mountFilter } from '../tools/hugo/mount-files.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..');

const { values: args } = parseArgs({
	options: {
		mirrors: { type: 'string', default: '/work/.mirror' },
		trees: { type: 'string', default: '/work/corpus-trees' },
		only: { type: 'string' },
		timeout: { type: 'string', default: '600' },
		out: { type: 'string', default: join(here, '.tmp/corpus-run') },
		waymark: { type: 'string', default: repoRoot },
		sample: { type: 'string' },
		fixtures: { type: 'boolean', default: false },
		'detector-self-test': { type: 'boolean', default: false },
	},
});

/** `--waymark DIR` runs another checkout (a branch's worktree) against the same trees. */
const waymark = join(resolve(args.waymark), 'bin/waymark.mjs');

// ---------------------------------------------------------------------------------------------
// Another tool's syntax left as text. Each entry names the tool documentation it comes from; the
// detector reads the text a reader sees (tags stripped, code blocks and inline code removed, since
// docs about these tools legitimately show the syntax as code) and the href/src attributes.

/** gemoji's names (GitHub's and Material's `:name:` shortcodes), so `10:30:00` or `a:b:` is not an emoji. */
const emojiNames = new Set(gemoji.flatMap((e) => e.names));

/** Go templates (`{{.Name}}`, `{{end}}`) are what Helm, external-dns or Prometheus docs show as text; no docs tool expands them in a page. */
const goTemplateWords =
	/^\{\{-?\s*(?:end|else|range|with|define|template|block|break|continue)\s*-?\}\}$/;

/**
 * `only`: the dialects whose tool expands the syntax (elsewhere, `{{ kube_config_dir }}` in a GitLab tree's prose is
 * text its tool shows as text too); fixtures and the self-test use every detector.
 * @type {{ id: string, only?: string[], tool: string, source: string, test: (text: string) => string[] }[]}
 */
export const detectors = [
	{
		id: 'hugo-shortcode',
		tool: 'Hugo',
		source: 'gohugo.io/content-management/shortcodes: {{< name >}} and {{% name %}}',
		test: all(/\{\{[<%]-?\s*\/?\s*[\w./-]+[^\n]{0,80}?[>%]\}\}/g),
	},
	{
		id: 'template-tag',
		only: ['mkdocs'],
		tool: 'Jinja (mkdocs-macros) / Liquid',
		source: 'mkdocs-macros-plugin docs: {% if %}, {% include %}, {% raw %}; Jekyll Liquid tags',
		test: all(
			/\{%-?\s*(?:if|endif|else|elif|for|endfor|include|raw|endraw|set|macro|endmacro|import|from|block|endblock|with|endwith|filter|call|comment)\b[^\n]{0,80}?-?%\}/g,
		),
	},
	{
		id: 'template-variable',
		only: ['mkdocs'],
		tool: 'Jinja (mkdocs-macros) / Hugo / Liquid',
		source:
			'mkdocs-macros {{ variable }} and {{ macro() }}, Liquid {{ page.title }} (a leading dot is Go template text, shown as text by every tool)',
		test: (text) =>
			all(
				/\{\{-?\s*(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*|[A-Za-z_]\w*\([^)\n]{0,60}\))(?:\s*\|\s*\w+(?:\([^)\n]*\))?)*\s*-?\}\}/g,
			)(text).filter((m) => !goTemplateWords.test(m)),
	},
	{
		id: 'macros-alt-syntax',
		only: ['mkdocs'],
		tool: 'mkdocs-macros',
		source: 'mkdocs-macros "altering the syntax": <<variable>> and <<macro("x")>>',
		test: all(/<<\s*[A-Za-z_]\w*(?:\([^)\n]{0,60}\))?\s*>>/g),
	},
	{
		id: 'admonition-colons',
		tool: 'Docusaurus / VitePress / Hugo Docsy-style',
		source: 'docusaurus.io/docs/markdown-features/admonitions: :::note … :::',
		test: lines(/^\s*:::\s*\w*/),
	},
	{
		id: 'admonition-bangs',
		tool: 'MkDocs Material',
		source:
			'squidfunk.github.io/mkdocs-material/reference/admonitions: !!! type "title", ??? collapsible',
		test: lines(/^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+/),
	},
	{
		id: 'content-tab',
		tool: 'MkDocs Material (pymdownx.tabbed)',
		source: 'mkdocs-material reference/content-tabs: === "Tab"',
		test: lines(/^\s*===!?\+?\s*"[^"]*"/),
	},
	{
		id: 'gitlab-toc',
		tool: 'GitLab / Python-Markdown toc',
		source: 'docs.gitlab.com/user/markdown: [[_TOC_]], [TOC]',
		test: all(/\[\[_TOC_\]\]|^\s*\[TOC\]\s*$/gm),
	},
	{
		id: 'mdx-import-export',
		tool: 'MDX (Docusaurus)',
		source: 'mdxjs.com/docs/what-is-mdx: ESM import/export lines',
		test: lines(
			/^\s*(?:import\s+(?:[\w*{}\s,]+\s+from\s+)?['"][^'"]+['"];?|export\s+(?:const|default|function)\b)/,
		),
	},
	{
		id: 'jsx-tag',
		tool: 'MDX (Docusaurus components)',
		source: 'docusaurus.io/docs/markdown-features/tabs: <Tabs>, <TabItem>; unknown components',
		test: all(
			/<\/?(?:Tabs|TabItem|Admonition|Details|CodeBlock|DocCardList|PickVersion|PickHelmVersion|BrowserWindow|Columns|Column)\b[^>\n]{0,80}>/g,
		),
	},
	{
		id: 'icon-shortcode',
		tool: 'MkDocs Material (icons)',
		source:
			'mkdocs-material reference/icons-emojis: :material-x:, :fontawesome-brands-x:, :octicons-x-16:, :simple-x:',
		test: all(/:(?:material|fontawesome|octicons|simple)-[a-z0-9-]+:/g),
	},
	{
		id: 'emoji-shortcode',
		tool: 'MkDocs Material / GitLab / GitHub emoji',
		source: 'pymdownx.emoji and GitHub/GitLab gemoji names: :books:',
		// Docusaurus never turns `:books:` into an emoji, and Hugo only with `enableEmoji: true` (off
		// by default; no Hugo tree of the corpus sets it): there the text is what the tool shows.
		only: ['mkdocs', 'gitlab', 'github'],
		test: (text) =>
			[...text.matchAll(/(?<![\w:/])(:[a-z0-9_+-]+:)(?![\w/])/g)]
				.map((m) => m[1])
				.filter((m) => emojiNames.has(m.slice(1, -1))),
	},
	{
		id: 'kramdown-ial',
		tool: 'Jekyll kramdown',
		source: 'kramdown.gettalong.org/syntax.html#inline-attribute-lists: {: .class}',
		test: all(/\{:\s*[.#]?[\w-]+[^}\n]{0,60}\}/g),
	},
	{
		id: 'heading-id-attr',
		tool: 'Hugo (Goldmark attributes) / Python-Markdown attr_list',
		source:
			'gohugo.io markup attributes: ## Title {#id}; Python-Markdown attr_list: { #id }, {: #id .class }',
		test: lines(/\{:?[ ]*#[\w.-]+[^}\n]*\}\s*$/),
	},
	{
		id: 'definition-list',
		// Hugo's Goldmark reads them by default; MkDocs with `def_list`. A tree whose tool does not
		// read them shows the line as text there too.
		only: ['mkdocs', 'hugo'],
		tool: 'Python-Markdown def_list (MkDocs Material); Goldmark definitionList (Hugo)',
		source:
			'mkdocs-material reference/lists, definition lists; gohugo.io configuration/markup, goldmark extensions: a term, then ": its definition"',
		test: lines(/^:[ \t]+\S/),
	},
	{
		id: 'reference-definition',
		tool: 'CommonMark',
		source:
			'spec.commonmark.org, link reference definitions: `[label]: url` is never shown (a line whose "url" is words, a hand-written note, is text on every tool)',
		test: lines(/^\s*\[[^\]\n]+\]:\s+(?:<|[a-z][a-z\d+.-]*:\/\/|\/|\.{1,2}\/|#)\S/i),
	},
	{
		id: 'mdbook-include',
		only: ['mdbook'],
		tool: 'mdBook',
		source:
			'rust-lang.github.io/mdBook/format/mdbook.html: {{#include file}}, run in code blocks too',
		test: all(/\{\{#(?:include|rustdoc_include|playground|playpen|title)\b[^\n]{0,80}?\}\}/g),
	},
	{
		id: 'link-template',
		tool: 'Hugo / Jinja in a link',
		source: 'a shortcode or template inside href/src ({{< ref >}}, {{ url }})',
		test: () => [],
	},
];

function all(re) {
	return (text) => [...text.matchAll(re)].map((m) => m[0]);
}
function lines(re) {
	return (text) =>
		text
			.split('\n')
			.filter((l) => re.test(l))
			.map((l) => l.trim().slice(0, 80));
}

/** The text a reader sees in the page's main content: no scripts, styles, code, navigation or Waymark's own notices' code. */
export function visibleText(html) {
	const main = /<main\b[\s\S]*?<\/main>/i.exec(html)?.[0] ?? html;
	return decode(
		main
			.replace(/<(script|style|pre|code|kbd|samp|svg|template)\b[\s\S]*?<\/\1>/gi, ' ')
			.replace(
				/<\/(p|div|li|h[1-6]|tr|td|th|br|section|article|details|summary|blockquote)>/gi,
				'\n',
			)
			.replace(/<br\s*\/?>/gi, '\n')
			.replace(/<[^>]+>/g, ''),
	);
}
function decode(s) {
	return s.replace(
		/&(lt|gt|amp|quot|#39|#x27|nbsp|#(\d+)|#x([0-9a-f]+));/gi,
		(m, name, dec, hex) => {
			if (dec) return String.fromCodePoint(Number(dec));
			if (hex) return String.fromCodePoint(parseInt(hex, 16));
			return (
				{ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", '#x27': "'", nbsp: ' ' }[
					name.toLowerCase()
				] ?? m
			);
		},
	);
}
/** All the text of the main content, code included. */
function mainText(html) {
	const main = /<main\b[\s\S]*?<\/main>/i.exec(html)?.[0] ?? html;
	return decode(
		main.replace(/<(script|style|svg|template)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ''),
	);
}
/** `href`/`src` values in the main content holding a template or shortcode (`{{< ref "x" >}}` or its URL-encoded form). */
function templatedLinks(html) {
	const main = /<main\b[\s\S]*?<\/main>/i.exec(html)?.[0] ?? html;
	// Attributes of tags only: a tag shown in code is escaped (`&#x3C;a href="{{…}}"`), its text no link.
	return [...main.matchAll(/<[a-zA-Z][^<>]*?\s(?:href|src)="([^"]*)"/g)]
		.map((m) => decode(m[1]))
		.filter((u) => /\{\{|\{%|%7B%7B|%7B%25/i.test(u));
}

/** Every detector's hits on one built page of a tree of `dialect`: `{ id: [hits…] }`, empty when the page is clean. */
export function rawSyntax(html, dialect) {
	const text = visibleText(html);
	const hits = {};
	for (const d of detectors) {
		if (d.only && dialect && !d.only.includes(dialect)) continue;
		// It reads code too, where every other tree's docs may show the syntax: an mdBook's pages only.
		if (d.id === 'mdbook-include' && dialect !== 'mdbook') continue;
		// mdBook runs its links in code blocks as well: what a reader sees there counts too.
		const found =
			d.id === 'link-template'
				? templatedLinks(html)
				: d.id === 'mdbook-include'
					? d.test(mainText(html))
					: d.test(text);
		if (found.length) hits[d.id] = found;
	}
	return hits;
}

// ---------------------------------------------------------------------------------------------
// Running one tree.

/** Runs a command with a time bound; the whole process group is stopped when it runs over. */
function run(command, argv, { cwd, timeoutMs }) {
	return new Promise((done) => {
		const started = process.hrtime.bigint();
		const child = spawn(command, argv, {
			cwd,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' },
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
		}, timeoutMs);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			done({
				code,
				signal,
				timedOut,
				stdout,
				stderr,
				seconds: Number(process.hrtime.bigint() - started) / 1e9,
			});
		});
	});
}

async function walk(dir, { skip = () => false } = {}) {
	const out = [];
	const stack = [dir];
	while (stack.length) {
		const d = stack.pop();
		let entries;
		try {
			entries = await readdir(d, { withFileTypes: true });
		} catch {
			continue;
		}
		for (const e of entries) {
			const p = join(d, e.name);
			if (skip(p, e)) continue;
			if (e.isDirectory()) stack.push(p);
			else if (e.isFile()) out.push(p);
		}
	}
	return out;
}

const sha = (buf) => createHash('sha1').update(buf).digest('hex');

/** Files and folders by name or content that hold secrets (the issue's list). */
const secretName =
	/(^|\/)(id_(rsa|dsa|ecdsa|ed25519)|[^/]*\.(pem|p12|pfx|keystore|jks)|\.env(\.[^/]*)?|\.npmrc|\.pypirc|\.netrc|\.htpasswd|terraform\.tfstate(\.backup)?|vault(_[^/]*)?\.ya?ml|credentials(\.json)?|secrets?\.(ya?ml|json|env))$/i;
/** A key with a body (a docs example's `-----BEGIN PRIVATE KEY-----\nA key` is not one), ansible-vault, Terraform state, npm tokens. */
const secretContent =
	/-----BEGIN [A-Z ]*PRIVATE KEY-----(?:\r?\n|\\n)[A-Za-z0-9+/=\r\n]{64}|^\$ANSIBLE_VAULT;|"serial":\s*\d+,\s*"lineage"|\/\/registry\.npmjs\.org\/:_authToken=[^\s$]/m;

/** A Hugo theme's `static/` (`themes/coredns/static/logos/k8s.png`), which Hugo publishes at the site root too. */
const themeStatic = /(?:^|\/)themes\/[^/]+\/static\//;

/** The tool's own static folders, relative to the repository: what it publishes at the site root. */
function staticFolders(entry) {
	const rootParts = entry.root.split('/');
	// MkDocs publishes every file of its docs folder.
	const folders = entry.dialect === 'mkdocs' ? [entry.root, 'public'] : ['public'];
	for (let i = rootParts.length; i >= 0; i--) {
		const base = rootParts.slice(0, i).join('/');
		for (const name of ['static', 'website/static', 'site/static', 'assets', 'public'])
			folders.push(base ? `${base}/${name}` : name);
	}
	return [...new Set(folders)];
}

/**
 * A Hugo site's module mounts onto `static` (crossplane mounts `content` there for its
 * `manifests/**.yaml` files): each source, relative to the repository, with the files its filter
 * takes. Read from the site config beside the root's `content` (`hugo.*`, `config.*`).
 */
async function hugoStaticMounts(entry, treeDir) {
	const parts = entry.root.split('/');
	const contentAt = parts.lastIndexOf('content');
	const site = contentAt === -1 ? '' : parts.slice(0, contentAt).join('/');
	for (const name of [
		'hugo.toml',
		'hugo.yaml',
		'hugo.yml',
		'config.toml',
		'config.yaml',
		'config.yml',
	]) {
		const text = await readFile(join(treeDir, site, name), 'utf8').catch(() => undefined);
		if (text === undefined) continue;
		let config;
		try {
			config = name.endsWith('.toml') ? parseToml(text) : parseYaml(text);
		} catch {
			return [];
		}
		const mounts = Array.isArray(config?.module?.mounts) ? config.module.mounts : [];
		return mounts
			.filter(
				(mount) =>
					typeof mount?.source === 'string' &&
					typeof mount?.target === 'string' &&
					/^static(?:\/|$)/.test(mount.target),
			)
			.map((mount) => {
				const files = mountFilesOf(mount);
				return {
					source: site ? `${site}/${mount.source}` : mount.source,
					takes: files ? mountFilter(files) : () => true,
				};
			});
	}
	return [];
}

async function buildAndCheck(entry, treeDir, runDir, timeoutMs) {
	const root = join(treeDir, entry.root);
	const out = join(runDir, 'site', entry.name);
	await rm(out, { recursive: true, force: true });
	const markdown = (
		await walk(root, {
			skip: (p, e) => e.isDirectory() && (e.name === 'node_modules' || e.name === '.git'),
		})
	).filter((f) => /\.(md|mdx|markdown)$/i.test(f));

	const build = await run(process.execPath, [waymark, 'build', '--root', root, '--out', out], {
		cwd: treeDir,
		timeoutMs,
	});
	await writeFile(
		join(runDir, `${entry.name}.build.log`),
		`exit ${build.code} signal ${build.signal} timedOut ${build.timedOut} ${build.seconds.toFixed(1)} s\n--- stdout\n${build.stdout}\n--- stderr\n${build.stderr}`,
	);
	const check = await run(
		process.execPath,
		[waymark, 'check', '--root', root, '--format', 'json'],
		{ cwd: treeDir, timeoutMs },
	);
	await writeFile(join(runDir, `${entry.name}.check.json`), check.stdout);
	await writeFile(
		join(runDir, `${entry.name}.check.log`),
		`exit ${check.code} signal ${check.signal} timedOut ${check.timedOut} ${check.seconds.toFixed(1)} s\n--- stderr\n${check.stderr}`,
	);

	const stackTrace = /^\s+at .+(\(|\s)[^\s()]+:\d+:\d+\)?$/m;
	const crashText = /This is a bug in Waymark|Internal error|Unhandled|FATAL ERROR/;
	const crash = (r) =>
		r.timedOut ||
		r.signal !== null ||
		r.code === 2 ||
		stackTrace.test(r.stderr) ||
		stackTrace.test(r.stdout) ||
		crashText.test(r.stderr);

	// What was published.
	const files = existsSync(out) ? await walk(out) : [];
	const html = files.filter((f) => f.endsWith('.html'));
	const pages = [];
	const raw = {};
	let usedText = '';
	for (const f of html) {
		const text = await readFile(f, 'utf8');
		usedText += text;
		if (/<meta[^>]+http-equiv="refresh"/i.test(text) && text.length < 2000) continue;
		const rel = relative(out, f);
		if (rel === '404.html') continue;
		pages.push(rel);
		const hits = rawSyntax(text, entry.dialect === 'fixture' ? undefined : entry.dialect);
		if (Object.keys(hits).length) raw[rel] = hits;
	}
	for (const f of files.filter(
		(f) => f.endsWith('.css') || f.endsWith('.js') || f.endsWith('.json'),
	))
		usedText += await readFile(f, 'utf8').catch(() => '');

	// Published files that came from the repository (same content as one of its files). Not from
	// Waymark's state folder, which the run keeps in the tree: its caches hold the build's own files.
	const repoFiles = await walk(treeDir, {
		skip: (p, e) =>
			e.isDirectory() && (e.name === '.git' || e.name === 'node_modules' || e.name === '.waymark'),
	});
	const bySize = new Map();
	for (const f of repoFiles) {
		const s = (await stat(f)).size;
		if (!bySize.has(s)) bySize.set(s, []);
		bySize.get(s).push(f);
	}
	const statics = staticFolders(entry);
	const mounts = entry.dialect === 'hugo' ? await hugoStaticMounts(entry, treeDir) : [];
	const mounted = (origin) =>
		mounts.some(
			(mount) =>
				origin.startsWith(`${mount.source}/`) && mount.takes(origin.slice(mount.source.length + 1)),
		);
	const unused = [];
	const secrets = [];
	let fromTree = 0;
	/** Published files with the bytes of a repository file: the tree's own, judged above. */
	const treeCopies = new Set();
	for (const f of files) {
		if (f.endsWith('.html')) continue;
		const rel = relative(out, f);
		const s = (await stat(f)).size;
		const buf = await readFile(f);
		const content = buf.toString('latin1');
		if (secretName.test(rel) || secretContent.test(content)) secrets.push(rel);
		const candidates = s === 0 ? [] : (bySize.get(s) ?? []);
		if (!candidates.length) continue;
		const h = sha(buf);
		const origins = [];
		for (const c of candidates)
			if (sha(await readFile(c)) === h) origins.push(relative(treeDir, c).split(sep).join('/'));
		if (!origins.length) continue;
		fromTree++;
		treeCopies.add(rel.split(sep).join('/'));
		if (
			origins.some(
				(o) =>
					statics.some((d) => o.startsWith(`${d}/`)) ||
					(entry.dialect === 'hugo' && (themeStatic.test(o) || mounted(o))),
			)
		)
			continue;
		const name = basename(rel);
		const used = usedText.includes(name) || usedText.includes(encodeURIComponent(name));
		if (!used) unused.push(`${rel} (from ${origins[0]})`);
	}

	// Files of the site that nothing in it loads and that the build wrote itself (Waymark, Astro,
	// Pagefind); the tree's files are judged above, by its tool's static folders: a copy of one, or
	// one at the same path (an SVG the build cleaned has other bytes).
	const repoPaths = repoFiles.map((f) => relative(treeDir, f).split(sep).join('/'));
	const fromRepository = (file) =>
		treeCopies.has(file) || repoPaths.some((path) => path === file || path.endsWith(`/${file}`));
	const usedByNothing = existsSync(out)
		? (await filesUsedByNothing(out)).filter((file) => !fromRepository(file))
		: [];

	// check's findings.
	let findings = [];
	let checkParse;
	try {
		findings = JSON.parse(check.stdout).findings;
	} catch (error) {
		checkParse = String(error).slice(0, 200);
	}
	const byRule = {};
	for (const f of findings) {
		byRule[f.rule] ??= { error: 0, warning: 0, info: 0 };
		byRule[f.rule][f.severity] = (byRule[f.rule][f.severity] ?? 0) + 1;
	}
	const dialectLine = /Reading .*$/m.exec(build.stdout + build.stderr)?.[0] ?? '';
	return {
		name: entry.name,
		dialect: entry.dialect,
		detected: dialectLine,
		build: {
			exit: build.code,
			seconds: Number(build.seconds.toFixed(1)),
			timedOut: build.timedOut,
			crash: crash(build),
		},
		check: {
			exit: check.code,
			seconds: Number(check.seconds.toFixed(1)),
			timedOut: check.timedOut,
			crash: crash(check),
			parseError: checkParse,
		},
		published: build.code === 0 && pages.length > 0 && !crash(build),
		markdownFiles: markdown.length,
		pages: pages.length,
		rawPages: Object.keys(raw).length,
		raw,
		filesFromTree: fromTree,
		unusedPublished: unused,
		usedByNothing,
		secretsPublished: secrets,
		errors: findings.filter((f) => f.severity === 'error').length,
		warnings: findings.filter((f) => f.severity === 'warning').length,
		byRule,
	};
}

// ---------------------------------------------------------------------------------------------

async function prepareTree(entry, treesDir) {
	const [owner, name] = entry.repo.split('/');
	const mirror = join(args.mirrors, `${owner}+${name}`, 'repo');
	if (!existsSync(mirror)) return { missing: mirror };
	const dir = join(treesDir, entry.name);
	const head = spawnSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' });
	if (
		head.status === 0 &&
		head.stdout.trim() === entry.commit &&
		spawnSync('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=no'], {
			encoding: 'utf8',
		}).stdout === ''
	)
		return { dir };
	await rm(dir, { recursive: true, force: true });
	await mkdir(treesDir, { recursive: true });
	const git = (...a) => {
		const r = spawnSync('git', a, { encoding: 'utf8', maxBuffer: 1 << 26 });
		if (r.status !== 0) throw new Error(`git ${a.join(' ')}: ${r.stderr}`);
	};
	git('clone', '-q', '--shared', '--no-checkout', mirror, dir);
	git('-C', dir, '-c', 'advice.detachedHead=false', 'checkout', '-q', '--detach', entry.commit);
	return { dir };
}

/** As a page's text is in its HTML: `<`, `>` and `&` escaped. */
function escapeHtml(text) {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

async function selfTest() {
	// A known-good page: the project's own guidebooks, which show every tool's syntax inside code.
	const out = join(args.out, 'self-test');
	await rm(out, { recursive: true, force: true });
	const r = await run(
		process.execPath,
		[waymark, 'build', '--root', join(repoRoot, 'guidebooks'), '--out', out],
		{ cwd: repoRoot, timeoutMs: 600_000 },
	);
	const html = (await walk(out)).filter((f) => f.endsWith('.html'));
	let dirty = 0;
	for (const f of html) {
		const hits = rawSyntax(await readFile(f, 'utf8'));
		if (Object.keys(hits).length) {
			dirty++;
			console.log(`  ${relative(out, f)}: ${JSON.stringify(hits).slice(0, 300)}`);
		}
	}
	// Positive controls: each detector must fire on raw text of its syntax.
	const raw = {
		'hugo-shortcode': '{{< ref "x.md" >}}',
		'template-tag': '{% include "partials/x.md" %}',
		'template-variable': '{{ config.site_name }}',
		'macros-alt-syntax': '<<tenant_url("x")>>',
		'admonition-colons': ':::note',
		'admonition-bangs': '!!! warning "Careful"',
		'content-tab': '=== "Helm"',
		'gitlab-toc': '[[_TOC_]]',
		'mdx-import-export': "import Tabs from '@theme/Tabs';",
		'jsx-tag': '<TabItem value="a">',
		'icon-shortcode': ':octicons-link-external-16:',
		'emoji-shortcode': 'Read this :books: first',
		'kramdown-ial': '{: .note}',
		'heading-id-attr': 'Main Module { #gomod-main }',
		'definition-list': ':   Definition of the term.',
		'reference-definition': '[g]: https://example.com/guide',
		'mdbook-include': '{{#include ../examples/server.toml}}',
		'link-template': '<a href="%7B%7B%3C%20ref%20x%20%3E%7D%7D">x</a>',
	};
	const misses = Object.entries(raw).filter(
		([id, text]) =>
			!rawSyntax(
				`<main>${id === 'link-template' ? text : `<p>${escapeHtml(text)}</p>`}</main>`,
				id === 'mdbook-include' ? 'mdbook' : undefined,
			)[id],
	);
	// Negative controls: the same text inside code is not raw, and look-alikes are not syntax.
	const clean = [
		'<main><pre><code>=== "Helm"\n!!! note\n:::tip\n{{< ref x >}}</code></pre><p>Run <code>{{ .Values.x }}</code> at 10:30:00, see a:b:c and C:\\ and std::vector.</p></main>',
		// A template's link in a YAML block (Argo CD's notification templates): escaped text, no tag.
		'<main><pre><code><span>application: \'&#x3C;a href="{{.context.argocdUrl}}/applications">x&#x3C;/a></span></code></pre></main>',
	];
	const falseHits = clean.map((h) => rawSyntax(h)).filter((h) => Object.keys(h).length);
	// A tool that shows the syntax as text itself: `:books:` on Hugo (no enableEmoji) and Docusaurus.
	for (const dialect of ['hugo', 'docusaurus']) {
		const hits = rawSyntax(`<main><p>${escapeHtml(raw['emoji-shortcode'])}</p></main>`, dialect);
		if (Object.keys(hits).length) falseHits.push({ dialect, ...hits });
	}
	console.log(
		`detector self-test: build exit ${r.code}; ${html.length} known-good pages, ${dirty} with hits; ${Object.keys(raw).length - misses.length}/${Object.keys(raw).length} detectors fire on raw text${misses.length ? ` (missed: ${misses.map(([id]) => id).join(', ')})` : ''}; ${falseHits.length} false hits on code and look-alikes${falseHits.length ? ` ${JSON.stringify(falseHits)}` : ''}`,
	);
	return dirty === 0 && misses.length === 0 && falseHits.length === 0 && r.code === 0;
}

async function main() {
	await mkdir(args.out, { recursive: true });
	if (args['detector-self-test']) process.exit((await selfTest()) ? 0 : 1);
	if (args.sample) return printSample(Number(args.sample));
	if (args.fixtures) process.exit((await runFixtures()) ? 0 : 1);
	const list = JSON.parse(
		await readFile(join(here, 'corpus/repositories.json'), 'utf8'),
	).repositories;
	const only = args.only ? new Set(args.only.split(',')) : undefined;
	const timeoutMs = Number(args.timeout) * 1000;
	const results = [];
	const missing = [];
	for (const entry of list) {
		if (only && !only.has(entry.name)) continue;
		const prepared = await prepareTree(entry, args.trees);
		if (prepared.missing) {
			missing.push(`${entry.repo} (no snapshot at ${prepared.missing})`);
			continue;
		}
		process.stderr.write(`${entry.name}: building ${entry.root}…\n`);
		const result = await buildAndCheck(entry, prepared.dir, args.out, timeoutMs);
		results.push(result);
		const prior = existsSync(join(args.out, 'results.json'))
			? JSON.parse(await readFile(join(args.out, 'results.json'), 'utf8'))
			: {};
		prior[entry.name] = {
			...result,
			commit: entry.commit,
			waymark: spawnSync('git', ['-C', repoRoot, 'rev-parse', '--short', 'HEAD'], {
				encoding: 'utf8',
			}).stdout.trim(),
			at: new Date().toISOString(),
		};
		await writeFile(join(args.out, 'results.json'), `${JSON.stringify(prior, null, '\t')}\n`);
		console.log(line(result));
	}
	if (missing.length)
		console.log(`\nmissing snapshots (fetch them first):\n  ${missing.join('\n  ')}`);
	console.log(`\n${summary(results)}`);
}

/**
 * The smallest trees that show each failure class the corpus found (bench/corpus/fixtures/*): each
 * is copied into a fresh git repository, built and checked like a corpus tree, and held to its
 * fixture.json: build exit code, errors, raw-syntax pages, files that must not be published, rules
 * that must report nothing at any severity (`silentRules`).
 */
async function runFixtures() {
	const dir = join(here, 'corpus/fixtures');
	let failed = 0;
	for (const name of (await readdir(dir)).sort()) {
		if (args.only && !args.only.split(',').includes(name)) continue;
		const spec = JSON.parse(await readFile(join(dir, name, 'fixture.json'), 'utf8'));
		const tree = join(args.out, 'fixtures', name);
		await rm(tree, { recursive: true, force: true });
		await mkdir(dirname(tree), { recursive: true });
		spawnSync('cp', ['-R', join(dir, name), tree]);
		await rm(join(tree, 'fixture.json'));
		spawnSync('git', ['init', '-q', tree]);
		const r = await buildAndCheck(
			{ name: `fixture-${name}`, root: spec.root, dialect: 'fixture' },
			tree,
			args.out,
			Number(args.timeout) * 1000,
		);
		const published = new Set(
			(await walk(join(args.out, 'site', `fixture-${name}`))).map((f) => basename(f)),
		);
		const { expect } = spec;
		const wrong = [];
		if (expect.build !== undefined && (r.build.exit !== expect.build || r.build.crash))
			wrong.push(
				`build exit ${r.build.exit}${r.build.crash ? ' (crash)' : ''}, expected ${expect.build}`,
			);
		if (expect.errors !== undefined && r.errors !== expect.errors)
			wrong.push(
				`${r.errors} errors (${Object.keys(r.byRule).join(', ')}), expected ${expect.errors}`,
			);
		if (expect.raw !== undefined && r.rawPages !== expect.raw)
			wrong.push(
				`${r.rawPages} raw-syntax pages ${JSON.stringify(r.raw).slice(0, 160)}, expected ${expect.raw}`,
			);
		for (const f of expect.unpublished ?? []) if (published.has(f)) wrong.push(`${f} published`);
		// A check that crashed or printed no report has no findings: that is no silence.
		if (
			(expect.silentRules || expect.errors !== undefined) &&
			(r.check.crash || r.check.parseError)
		)
			wrong.push(`check gave no report (${r.check.parseError ?? `exit ${r.check.exit}`})`);
		for (const rule of expect.silentRules ?? [])
			if (r.byRule[rule])
				wrong.push(`${rule} reported ${JSON.stringify(r.byRule[rule])}, expected nothing`);
		if (wrong.length) failed++;
		console.log(
			`${wrong.length ? 'FAIL' : 'ok  '} ${name}: ${wrong.join('; ') || 'as its tool shows it'}`,
		);
	}
	return failed === 0;
}

/**
 * A sample of the last run's errors to judge by hand (bench/corpus/verdicts.md): taken in turn from each
 * tree and, within a tree, from each rule and each distinct message shape, so no tree or rule fills it.
 */
async function printSample(n) {
	const queues = [];
	for (const file of (await readdir(args.out)).filter((f) => f.endsWith('.check.json')).sort()) {
		let findings;
		try {
			findings = JSON.parse(await readFile(join(args.out, file), 'utf8')).findings.filter(
				(f) => f.severity === 'error',
			);
		} catch {
			continue;
		}
		const byRule = new Map();
		for (const f of findings) {
			if (!byRule.has(f.rule)) byRule.set(f.rule, []);
			byRule.get(f.rule).push(f);
		}
		// Within a rule, one of each message shape (the message with its quoted parts blanked) first.
		const order = [];
		const rules = [...byRule.values()].map((list) => {
			const seen = new Set();
			const first = [];
			const rest = [];
			for (const f of list) {
				const shape = f.message.replace(/`[^`]*`/g, '``');
				(seen.has(shape) ? rest : first).push(f);
				seen.add(shape);
			}
			return [...first, ...rest];
		});
		for (let i = 0; rules.some((r) => r.length > i); i++)
			for (const r of rules) if (r[i]) order.push(r[i]);
		queues.push(order.map((f) => ({ tree: file.replace('.check.json', ''), ...f })));
	}
	const picked = [];
	for (let i = 0; picked.length < n && queues.some((q) => q.length > i); i++)
		for (const q of queues) if (q[i] && picked.length < n) picked.push(q[i]);
	for (const f of picked)
		console.log(`${f.tree}\t${f.rule}\t${f.file}:${f.line}:${f.column}\t${f.message}`);
}

function line(r) {
	const rules = Object.entries(r.byRule)
		.map(([rule, n]) => `${rule} ${n.error ?? 0}/${n.warning ?? 0}`)
		.join(', ');
	return [
		`${r.name} [${r.dialect}] ${r.published ? 'published' : 'NOT PUBLISHED'} (build exit ${r.build.exit}, ${r.build.seconds} s${r.build.crash ? ', CRASH' : ''}; check exit ${r.check.exit}, ${r.check.seconds} s${r.check.crash ? ', CRASH' : ''})`,
		`  ${r.detected}`,
		`  pages ${r.pages} / Markdown files ${r.markdownFiles}; raw-syntax pages ${r.rawPages}${r.rawPages ? ` (${rawSummary(r.raw)})` : ''}`,
		`  files from the tree ${r.filesFromTree}, used by no page outside static folders ${r.unusedPublished.length}${r.unusedPublished.length ? ` (${r.unusedPublished.slice(0, 3).join('; ')}${r.unusedPublished.length > 3 ? '; …' : ''})` : ''}; secrets ${r.secretsPublished.length}${r.secretsPublished.length ? ` (${r.secretsPublished.join(', ')})` : ''}; files the build wrote that nothing loads ${r.usedByNothing?.length ?? 0}${r.usedByNothing?.length ? ` (${r.usedByNothing.slice(0, 3).join('; ')}${r.usedByNothing.length > 3 ? '; …' : ''})` : ''}`,
		`  errors ${r.errors}, warnings ${r.warnings}${rules ? ` — by rule (errors/warnings): ${rules}` : ''}`,
	].join('\n');
}
function rawSummary(raw) {
	const n = {};
	for (const hits of Object.values(raw))
		for (const id of Object.keys(hits)) n[id] = (n[id] ?? 0) + 1;
	return Object.entries(n)
		.map(([id, c]) => `${id} ${c}`)
		.join(', ');
}
function summary(results) {
	const n = results.length;
	const sum = (f) => results.reduce((a, r) => a + f(r), 0);
	return [
		`trees ${n}: published on the first try ${sum((r) => +r.published)}/${n}; crashes ${sum((r) => +(r.build.crash || r.check.crash))}; raw-syntax pages ${sum((r) => r.rawPages)} in ${sum((r) => +(r.rawPages > 0))} trees;`,
		`unused files published ${sum((r) => r.unusedPublished.length)}; files the build wrote that nothing loads ${sum((r) => r.usedByNothing?.length ?? 0)}; secrets published ${sum((r) => r.secretsPublished.length)}; errors ${sum((r) => r.errors)}, warnings ${sum((r) => r.warnings)}`,
	].join('\n');
}

await main();
