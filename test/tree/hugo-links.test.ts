import { execFileSync } from 'node:child_process';
import { posix } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { emptyAlertSet } from '../../alerts/types.ts';
import { runRule } from '../../checks/run-rule.ts';
import { formatFinding } from '../../checks/finding.ts';
import internalLinks from '../../checks/rules/internal-links.ts';
import { parseConfig } from '../../config/load-config.ts';
import { hrefForRoute } from '../../markdown/routes.ts';
import { rewriteHref } from '../../markdown/link-target.ts';
import { loadGuidebookTree, type GuidebookTree } from '../../tree/load-tree.ts';
import { siteFilesOf } from '../../tree/site-files.ts';
import { imageBoundsOf, inspectImage } from '../../tree/image-source.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

const made: string[] = [];
afterAll(async () => {
	for (const dir of made) await removeFixture(dir);
});

const pages = [
	'_index.md',
	'backup.md',
	'restore.md',
	'api/_index.md',
	'api/backup.md',
	'api/v1/spec.md',
];
const routeOf = (path: string) =>
	`/${path.replace(/(?:^|\/)_index\.md$/, '').replace(/\.md$/, '')}/`.replace('//', '/');

/** The href a Hugo page writes to reach `to`: a URL relative to its own pretty URL, or (with a `GetPage` hook) a path from its folder without `.md`. */
function hugoHref(from: string, to: string, style: 'url' | 'page-lookup'): string {
	if (style === 'url') return `${posix.relative(routeOf(from), routeOf(to)) || '.'}/#checks`;
	const target = to.endsWith('_index.md') ? posix.dirname(to) : to.replace(/\.md$/, '');
	return `${posix.relative(posix.dirname(from), target) || '.'}#checks`;
}

const hooks = {
	none: {},
	'a hook writing the href as given': {
		'layouts/_default/_markup/render-link.html':
			'<a href="{{ .Destination | safeURL }}">{{ .Text }}</a>\n',
	},
	'a GetPage hook': {
		'layouts/_default/_markup/render-link.html':
			'{{ $href := .Destination }}{{ with $.Page.GetPage .Destination }}{{ $href = .RelPermalink }}{{ end }}<a href="{{ $href }}">{{ .Text }}</a>\n',
	},
	"a theme's GetPage hook (Hugo 0.146 layout)": {
		'themes/docs/layouts/_markup/render-link.html':
			'{{ with .PageInner.GetPage .Destination }}<a href="{{ .RelPermalink }}">{{ end }}\n',
	},
	"Hugo's embedded hook": {},
};
const styleOf = (hook: keyof typeof hooks) =>
	hook === 'none' || hook === 'a hook writing the href as given' ? 'url' : 'page-lookup';

/** A Hugo site whose every page links every other as the site's links are written, plus `extra` lines by page. */
async function hugoTree(
	hook: keyof typeof hooks,
	extra: Record<string, string[]> = {},
): Promise<GuidebookTree> {
	const style = styleOf(hook);
	const config = `title = "Ops"\n${hook.includes('theme') ? 'theme = "docs"\n' : ''}${hook === "Hugo's embedded hook" ? '[markup.goldmark.renderHooks.link]\nenableDefault = true\n' : ''}`;
	const files: Record<string, string> = {
		'.git/HEAD': 'ref: refs/heads/main\n',
		'config.toml': config,
		'content/docs/img/flow.png': 'png',
		...hooks[hook],
	};
	for (const from of pages) {
		// Relative as the site writes them, and root-absolute by the page's URL on the site (`/docs/…/`).
		const links = pages
			.filter((to) => to !== from)
			.flatMap((to) => [
				`- [${to}](${hugoHref(from, to, style)})`,
				`- [${to} from the top](/docs${routeOf(to)}#checks)`,
			]);
		links.push('![diagram](/docs/img/flow.png)');
		files[`content/docs/${from}`] =
			`---\ntitle: ${from}\n---\n\n${[...links, ...(extra[from] ?? [])].join('\n')}\n\n## Checks\n\nThe end.\n`;
	}
	const dir = await writeFixture(files);
	made.push(dir);
	return loadGuidebookTree(`${dir}/content/docs`);
}

async function brokenLinks(tree: GuidebookTree): Promise<string[]> {
	const findings = await runRule(
		internalLinks,
		'error',
		tree,
		parseConfig({}),
		new Set(tree.files.pages),
		{ trust: 'trusted', setAside: [], alerts: emptyAlertSet },
	);
	return findings.map((f) => formatFinding(f).split(', expected')[0] ?? '');
}

describe.each(Object.keys(hooks) as Array<keyof typeof hooks>)('a Hugo site with %s', (hook) => {
	test('resolves every page-to-page link as that site does, in the checks and on the published page', async () => {
		const tree = await hugoTree(hook);
		expect(tree.dialect.name).toBe('hugo');
		expect(await brokenLinks(tree)).toEqual([]);
		const files = siteFilesOf(tree);
		for (const from of pages) {
			for (const to of pages.filter((p) => p !== from)) {
				expect(
					rewriteHref(from, hugoHref(from, to, styleOf(hook)), '/', files),
					`${from} → ${to}`,
				).toBe(`${hrefForRoute(routeOf(to), '/')}#checks`);
				expect(
					rewriteHref(from, `/docs${routeOf(to)}#checks`, '/', files),
					`${from} → /docs${routeOf(to)}`,
				).toBe(`${hrefForRoute(routeOf(to), '/')}#checks`);
			}
		}
		expect(rewriteHref('api/backup.md', '/docs/img/flow.png', '/', files)).toBe('/img/flow.png');
		// The page itself: `./#checks` is the page's own URL on Hugo, never its folder's page.
		expect(rewriteHref('backup.md', './#checks', '/', files)).toBe('/backup/#checks');
	});

	test('still reports a link that is broken on that site', async () => {
		const tree = await hugoTree(hook, {
			'backup.md': [
				'[gone](../restor/)',
				'[gone too](restor)',
				'[no heading](../restore/#nowhere)',
				'![gone image](/docs/img/gone.png)',
			],
		});
		expect(await brokenLinks(tree)).toEqual(
			expect.arrayContaining([
				expect.stringContaining('`../restor/`'),
				expect.stringContaining('`restor`'),
				expect.stringContaining('`#nowhere`'),
				expect.stringContaining('`/docs/img/gone.png`'),
			]),
		);
	});
});

test.each(Object.keys(hooks) as Array<keyof typeof hooks>)(
	'with %s, a link only GetPage resolves is broken exactly when the site has no GetPage hook',
	async (hook) => {
		// From `api/backup.md` (URL `/api/backup/`), `../restore` is `/api/restore/` as a URL, where no page is; GetPage finds `restore.md`.
		const tree = await hugoTree(hook, { 'api/backup.md': ['[restore](../restore)'] });
		const broken = (await brokenLinks(tree)).filter((finding) => finding.includes('`../restore`'));
		expect(broken).toHaveLength(styleOf(hook) === 'url' ? 1 : 0);
	},
);

describe('links reaching past the root, and pictures named by URL', () => {
	// The root is `content/docs`; Hugo serves all of `content/`: a `kb/` section and another version.
	async function siteTree(hook: 'none' | 'a GetPage hook'): Promise<GuidebookTree> {
		const files: Record<string, string> = {
			'config.toml': 'title = "Ops"\n',
			'content/kb/selinux.md': '# SELinux denials\n',
			'content/v1/deploy.md': '# Deploy (v1)\n',
			'content/docs/_index.md': '# Docs\n',
			'content/docs/install/_index.md':
				'# Install\n\n- [KB](../../kb/selinux)\n- [Old deploy](../../v1/deploy/)\n- [Gone](../../kb/no-such-article)\n',
			'content/docs/learning/design.md':
				'# Design\n\n![figure](../img/figure.png)\n\n![missing](../img/missing.png)\n\nSee [the snapshot](../rancher-snapshot/), served in lower case.\n',
			'content/docs/learning/Rancher-Snapshot.md': '# Rancher snapshot\n',
			'content/docs/learning/img/figure.png': 'png',
			...hooks[hook],
		};
		const dir = await writeFixture(files);
		made.push(dir);
		execFileSync('git', ['init', '-q'], { cwd: dir });
		return loadGuidebookTree(`${dir}/content/docs`);
	}

	test.each(['none', 'a GetPage hook'] as const)(
		'with %s: a page of the site outside the root is a file of the repository, a picture by URL is found, a page by its lower-cased URL, and what is missing is reported',
		async (hook) => {
			const tree = await siteTree(hook);
			const findings = await runRule(
				internalLinks,
				'error',
				tree,
				parseConfig({}),
				new Set(tree.files.pages),
				{ trust: 'trusted', setAside: [], alerts: emptyAlertSet },
			);
			// The pages outside the root are links to the repository's files: a warning while no forge is named.
			expect(
				findings
					.filter((f) => f.severity === 'warning')
					.map((f) => `${f.file}:${f.position?.line}`),
			).toEqual(['install/_index.md:3', 'install/_index.md:4']);
			expect(
				findings
					.filter((f) => f.severity === 'error')
					.map((f) => formatFinding(f).split(', expected')[0]),
			).toEqual([
				expect.stringContaining(
					'install/_index.md:5:3: Unexpected link to missing file `../../kb/no-such-article`',
				),
				expect.stringContaining(
					'learning/design.md:5:1: Unexpected link to missing image `../img/missing.png`',
				),
			]);
			// The site shows the picture where Hugo serves it, and publishes it; the missing one is a placeholder.
			expect(rewriteHref('learning/design.md', '../img/figure.png', '/', siteFilesOf(tree))).toBe(
				'/learning/img/figure.png',
			);
			expect(tree.published.has('learning/img/figure.png')).toBe(true);
			const bounds = imageBoundsOf(tree, 'trusted');
			expect(
				await inspectImage(
					tree.root,
					'learning/design.md',
					'../img/figure.png',
					new Set(tree.files.assets),
					bounds,
				),
			).toBeUndefined();
			expect(
				(
					await inspectImage(
						tree.root,
						'learning/design.md',
						'../img/missing.png',
						new Set(tree.files.assets),
						bounds,
					)
				)?.kind,
			).toBe('missing');
		},
	);
});

test("`GetPage` tries the content root after the page's folder, for a path not starting with `.`", async () => {
	const files: Record<string, string> = {
		'config.toml': 'title = "Ops"\n',
		'content/_index.md': '# Home of the site\n',
		'content/community/_index.md': '# Community\n',
		'content/docs/_index.md': '# Docs\n',
		'content/docs/maintainers.md':
			'# Maintainers\n\nSee [the community](community) and [nothing](no-such-section).\n\nAnd [above](#no-such-heading), a heading of this page that is not there.\n',
		...hooks['a GetPage hook'],
	};
	const dir = await writeFixture(files);
	made.push(dir);
	execFileSync('git', ['init', '-q'], { cwd: dir });
	const tree = await loadGuidebookTree(`${dir}/content/docs`);
	const findings = await runRule(
		internalLinks,
		'error',
		tree,
		parseConfig({}),
		new Set(tree.files.pages),
		{ trust: 'trusted', setAside: [], alerts: emptyAlertSet },
	);
	// `community` is the site's `content/community/`, outside the root: a warning while no forge is named.
	// A link to a heading of the page itself is never looked up as a page: its missing heading stays an error.
	expect(findings.map((f) => `${f.position?.line}:${f.position?.column} ${f.severity}`)).toEqual([
		'3:5 warning',
		'3:36 error',
		'5:5 error',
	]);
});
