import '../helpers/load-tools.ts';
import { toolNamed } from '../../tools/index.ts';
import { testReading } from '../helpers/tool-reading.ts';
import { describe, expect, test } from 'vitest';
import { rewriteHref } from '../../markdown/link-target.ts';

const files = {
	pages: new Set([
		'README.md',
		'erp/README.md',
		'erp/ops.md',
		'erp/db notes.md',
		'docs/index.mdx',
		'lang/c++.md',
	]),
	assets: new Set(['erp/restore-checklist.txt', 'erp/img/topology one.png']),
	folders: new Set(['', 'erp', 'erp/img', 'docs', 'empty']),
};

test.each([
	[
		'a sibling page with its anchor',
		'erp/README.md',
		'ops.md#restore-it',
		'/',
		'/erp/ops/#restore-it',
	],
	['a README to its folder route', 'erp/ops.md', '../README.md', '/', '/'],
	[
		'a percent-encoded path and anchor',
		'erp/ops.md',
		'db%20notes.md#caf%C3%A9',
		'/',
		'/erp/db%20notes/#caf%C3%A9',
	],
	[
		'a file of the tree to where it is served',
		'erp/ops.md',
		'restore-checklist.txt',
		'/',
		'/erp/restore-checklist.txt',
	],
	[
		'an image with spaces',
		'erp/ops.md',
		'img/topology%20one.png',
		'/',
		'/erp/img/topology%20one.png',
	],
	['a folder to its index page', 'README.md', 'docs/', '/', '/docs/'],
	['a folder link without a slash', 'README.md', 'erp', '/', '/erp/'],
	['under a base path', 'erp/README.md', 'ops.md', '/runbooks/', '/runbooks/erp/ops/'],
	[
		'an asset under a base path',
		'erp/README.md',
		'restore-checklist.txt',
		'/runbooks',
		'/runbooks/erp/restore-checklist.txt',
	],
	['a same-page anchor unchanged', 'erp/ops.md', '#health-checks', '/', '#health-checks'],
	[
		'an external link unchanged',
		'erp/ops.md',
		'https://example.com/x.md',
		'/',
		'https://example.com/x.md',
	],
	[
		'a mailto link unchanged',
		'erp/ops.md',
		'mailto:ops@example.com',
		'/',
		'mailto:ops@example.com',
	],
	[
		'a link above the root unchanged',
		'erp/ops.md',
		'../../vibe/README.md',
		'/',
		'../../vibe/README.md',
	],
	['a root-absolute page link from the root', 'erp/ops.md', '/README.md', '/', '/'],
	[
		'a root-absolute link under a base path',
		'docs/index.mdx',
		'/erp/ops.md#restore-it',
		'/runbooks/',
		'/runbooks/erp/ops/#restore-it',
	],
	[
		'a root-absolute file link',
		'README.md',
		'/erp/img/topology%20one.png',
		'/',
		'/erp/img/topology%20one.png',
	],
	["the site's status page", 'erp/ops.md', '/status/', '/runbooks/', '/runbooks/status/'],
	[
		'a page named with `+` to a route servers find',
		'README.md',
		'lang/c%2B%2B.md',
		'/',
		'/lang/c++/',
	],
])('rewrites %s', (_name, from, href, base, expected) => {
	expect(rewriteHref(from, href, base, files)).toBe(expected);
});

describe('links beyond the root, with the root at docs/ in its repository', () => {
	const place = { rootPath: 'docs', inRepository: true };
	const repo = { kind: 'gitlab', url: 'https://gitlab.com/acme/runbooks', branch: 'main' } as const;
	test.each([
		[
			'a path that leaves the root and comes back',
			'erp/ops.md',
			'../../docs/erp/README.md#health',
			{},
			'/erp/#health',
		],
		[
			'a root-absolute path from the repository top',
			'README.md',
			'/docs/erp/ops.md',
			{},
			'/erp/ops/',
		],
		['a root-absolute path from the root', 'README.md', '/erp/ops.md', {}, '/erp/ops/'],
		['a folder without a README to its route', 'README.md', 'empty/', {}, '/empty/'],
		[
			'a repository file to the forge',
			'erp/ops.md',
			'../../scripts/rotate.sh#L3',
			{ repo },
			'https://gitlab.com/acme/runbooks/-/blob/main/scripts/rotate.sh#L3',
		],
		[
			'a repository folder to the forge tree view',
			'erp/ops.md',
			'../../scripts/',
			{ repo },
			'https://gitlab.com/acme/runbooks/-/tree/main/scripts',
		],
		[
			'a repository file without a forge unchanged',
			'erp/ops.md',
			'../../scripts/rotate.sh',
			{},
			'../../scripts/rotate.sh',
		],
		[
			'a repository image as a relative path the bundler reads',
			'erp/ops.md',
			'../../img/map.png',
			{ repo, kind: 'image' },
			'../../img/map.png',
		],
		[
			'a root-absolute repository image as a relative path',
			'erp/ops.md',
			'/img/map.png',
			{ repo, kind: 'image' },
			'../../img/map.png',
		],
		[
			'an <img src> in the repository to the raw file',
			'erp/ops.md',
			'../../img/map.png',
			{ repo, kind: 'source' },
			'https://gitlab.com/acme/runbooks/-/raw/main/img/map.png',
		],
		['a root-absolute route of the site itself unchanged', 'README.md', '/status/', {}, '/status/'],
		[
			'a root-absolute page route (Hugo, Docusaurus) to its page',
			'README.md',
			'/erp/ops#verify',
			{},
			'/erp/ops/#verify',
		],
	] as const)('rewrites %s', (_name, from, href, options, expected) => {
		expect(rewriteHref(from, href, '/', files, { place, ...options })).toBe(expected);
	});
});

describe('Docusaurus links without a page extension', () => {
	const docusaurus = {
		pages: new Set([
			'intro.md',
			'erpnext/queue-backlog.md',
			'erpnext/docuseal.md',
			'crm/login-503.md',
		]),
		assets: new Set<string>(),
		folders: new Set(['', 'erpnext', 'crm']),
		tool: toolNamed('docusaurus').bind(undefined),
	};

	test.each([
		[
			'a sibling route, relative to the page URL',
			'erpnext/queue-backlog.md',
			'docuseal',
			'/erpnext/docuseal/',
		],
		[
			'a route in another folder, with its anchor',
			'erpnext/queue-backlog.md',
			'../crm/login-503#ready',
			'/crm/login-503/#ready',
		],
	])('rewrites %s', (_name, from, href, expected) => {
		expect(rewriteHref(from, href, '/', docusaurus)).toBe(expected);
	});

	test('leaves them as forge paths in other dialects', () => {
		expect(
			rewriteHref('erpnext/queue-backlog.md', '../crm/login-503#ready', '/', {
				...docusaurus,
				tool: toolNamed('github').bind(undefined),
			}),
		).toBe('/crm/login-503#ready');
	});
});

// A Hugo root that is one version of its site's content (crossplane's `content/v2.3`): a link or
// `ref` to a page elsewhere in the content names its URL on that site, which this site does not
// publish. With the forge known it goes to the file there, as any repository file outside the root.
describe('Hugo links to the content outside the root', () => {
	const place = { rootPath: 'content/v2.3', inRepository: true };
	const repo = { kind: 'github', url: 'https://github.com/acme/docs', branch: 'main' } as const;
	const hugo = {
		pages: new Set(['_index.md', 'guides/setup.md']),
		assets: new Set<string>(),
		folders: new Set(['', 'guides']),
		// A Hugo site serves `/x` from itself, never from the repository's top.
		staticFiles: new Map<string, string>(),
		tool: testReading({
			dialect: 'hugo',
			hugoContent: {
				rootUrl: '/v2.3/',
				pages: new Set(['cli/v2.3/_index.md', 'entities/Role.md', 'v1.20/concepts/x y.md']),
			},
		}),
	};
	test.each([
		[
			'a section by its URL',
			'guides/setup.md',
			'/cli/v2.3/',
			'https://github.com/acme/docs/blob/main/content/cli/v2.3/_index.md',
		],
		[
			'a page in another case, with its fragment',
			'guides/setup.md',
			'/entities/role/#fields',
			'https://github.com/acme/docs/blob/main/content/entities/Role.md#fields',
		],
		[
			'a relative URL out of the root, spaces encoded',
			'guides/setup.md',
			'../../../v1.20/concepts/x%20y/',
			'https://github.com/acme/docs/blob/main/content/v1.20/concepts/x%20y.md',
		],
	] as const)('rewrites %s', (_name, from, href, expected) => {
		expect(rewriteHref(from, href, '/', hugo, { place, repo })).toBe(expected);
	});
	test('leaves a URL no page of the content answers, or any without the forge, as written', () => {
		expect(rewriteHref('guides/setup.md', '/blog/', '/', hugo, { place, repo })).toBe('/blog/');
		expect(rewriteHref('guides/setup.md', '/cli/v2.3/', '/', hugo, { place })).toBe('/cli/v2.3/');
	});
});
