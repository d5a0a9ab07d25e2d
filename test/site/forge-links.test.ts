import { describe, expect, test } from 'vitest';
import {
	forgeFileUrl,
	forgeRepoFrom,
	resolveForgeHref,
	type RootPlace,
} from '../../markdown/forge-links.ts';
import { pickItem, seededRandom } from '../helpers/seeded-random.ts';

const docs: RootPlace = { rootPath: 'docs', inRepository: true };

describe('resolveForgeHref', () => {
	test.each([
		[
			'a page of the tree',
			'dolibarr/README.md',
			'backup.md#restore',
			[{ where: 'tree', path: 'dolibarr/backup.md', hash: 'restore' }],
		],
		[
			'a path that leaves the root and comes back',
			'dolibarr/backup.md',
			'../../docs/odoo/README.md',
			[{ where: 'tree', path: 'odoo/README.md', hash: '' }],
		],
		[
			'a repository file outside the root',
			'dolibarr/README.md',
			'../../scripts/rotate.sh',
			[{ where: 'repository', path: 'scripts/rotate.sh', hash: '' }],
		],
		[
			'a path above the repository',
			'README.md',
			'../../etc/passwd',
			[{ where: 'outside', path: '', hash: '' }],
		],
		[
			'a root-absolute path, root first, then the repository top',
			'README.md',
			'/docs/odoo/README.md',
			[
				{ where: 'tree', path: 'docs/odoo/README.md', hash: '' },
				{ where: 'tree', path: 'odoo/README.md', hash: '' },
			],
		],
		[
			'a root-absolute repository file',
			'README.md',
			'/scripts/rotate.sh',
			[
				{ where: 'tree', path: 'scripts/rotate.sh', hash: '' },
				{ where: 'repository', path: 'scripts/rotate.sh', hash: '' },
			],
		],
		[
			'a bare anchor',
			'erp/ops.md',
			'#verify',
			[{ where: 'tree', path: 'erp/ops.md', hash: 'verify' }],
		],
		['an external URL', 'README.md', 'https://gitlab.com/acme/runbooks', []],
	])('resolves %s', (_name, from, href, expected) => {
		expect(resolveForgeHref(from, href, docs)).toEqual(expected);
	});

	test('keeps a tree at the repository top to one root-absolute candidate', () => {
		expect(resolveForgeHref('a/b.md', '/a/c.md', { rootPath: '', inRepository: true })).toEqual([
			{ where: 'tree', path: 'a/c.md', hash: '' },
		]);
	});

	test('normalises a leave-and-return path outside git, and reports anything else above the root as outside', () => {
		const place = { rootPath: 'home/ops/runbooks', inRepository: false };
		expect(resolveForgeHref('a/b.md', '../../runbooks/c.md', place)).toEqual([
			{ where: 'tree', path: 'c.md', hash: '' },
		]);
		expect(resolveForgeHref('a/b.md', '../../scripts/x.sh', place)).toEqual([
			{ where: 'outside', path: 'home/ops/scripts/x.sh', hash: '' },
		]);
	});

	// Generated: a target in the root through a name the site never publishes (a dot name,
	// `node_modules`, `dist`, at any depth) is, inside git, the repository file the forge shows;
	// outside git, and for every other name, a path of the tree. Written relative from any page or
	// root-absolute, with the root at the repository's top or below it.
	test('takes a path of the root through a skipped name for a repository file, inside git only', () => {
		const random = seededRandom(20261125);
		const names = [
			'ops',
			'db',
			'img',
			'.github',
			'.attachments',
			'.env',
			'node_modules',
			'dist',
			'distribution',
			'a.b',
			'_drafts',
			'.gitlab-ci.yml',
		];
		const skipped = (segment: string) =>
			segment.startsWith('.') || segment === 'node_modules' || segment === 'dist';
		for (let n = 0; n < 400; n++) {
			const target = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
				pickItem(random, names),
			);
			const from = [
				...Array.from({ length: Math.floor(random() * 3) }, () =>
					pickItem(random, ['ops', 'erp', 'deep']),
				),
				'page.md',
			];
			const place: RootPlace = {
				rootPath: pickItem(random, ['', 'docs', 'site/content']),
				inRepository: random() < 0.7,
			};
			const rootAbsolute = random() < 0.3;
			// Root-absolute: from the repository's top, where the forge reads it (and the root's own reading, for the site).
			const href = rootAbsolute
				? `/${[place.rootPath, ...target].filter(Boolean).join('/')}`
				: [...from.slice(0, -1).map(() => '..'), ...target].join('/');
			const path = target.join('/');
			const expected =
				place.inRepository && target.some(skipped)
					? [
							{
								where: 'repository',
								path: [place.rootPath, path].filter(Boolean).join('/'),
								hash: '',
							},
						]
					: [{ where: 'tree', path, hash: '' }];
			// The site's reading of a root-absolute path comes first, unless the site could not serve it.
			if (rootAbsolute && place.rootPath !== '' && !(place.inRepository && target.some(skipped)))
				expected.unshift({ where: 'tree', path: `${place.rootPath}/${path}`, hash: '' });
			if (rootAbsolute && place.rootPath !== '' && !place.inRepository) expected.pop();
			expect(
				resolveForgeHref(from.join('/'), href, place),
				`${href} from ${from.join('/')} in ${JSON.stringify(place)}`,
			).toEqual(expected);
		}
	});

	test('reports a path above the root as outside when nothing says where the root sits', () => {
		expect(resolveForgeHref('a.md', '../b.md')).toEqual([{ where: 'outside', path: '', hash: '' }]);
	});
});

describe('forge links', () => {
	test.each([
		[
			'GitHub',
			{ repoUrl: 'https://github.com/acme/runbooks' },
			'https://github.com/acme/runbooks/blob/HEAD/scripts/rotate%20db.sh',
		],
		[
			'GitLab with a branch',
			{ repoUrl: 'https://gitlab.com/acme/runbooks/', repoBranch: 'production' },
			'https://gitlab.com/acme/runbooks/-/blob/production/scripts/rotate%20db.sh',
		],
		[
			'Gitea',
			{ repoUrl: 'https://codeberg.org/acme/runbooks.git' },
			'https://codeberg.org/acme/runbooks/src/branch/HEAD/scripts/rotate%20db.sh',
		],
		[
			'a self-hosted GitLab named by its edit URL',
			{ editUrl: 'https://git.example.com/ops/runbooks/-/edit/main/docs/{path}' },
			'https://git.example.com/ops/runbooks/-/blob/main/scripts/rotate%20db.sh',
		],
		[
			'Gitea named by its edit URL',
			{
				repoUrl: 'https://git.example.com/ops/runbooks',
				editUrl: 'https://git.example.com/ops/runbooks/_edit/trunk/{path}',
			},
			'https://git.example.com/ops/runbooks/src/branch/trunk/scripts/rotate%20db.sh',
		],
	])('links a repository file on %s', (_name, site, expected) => {
		const repo = forgeRepoFrom(site);
		expect(repo && forgeFileUrl(repo, 'scripts/rotate db.sh')).toBe(expected);
	});

	test('links folders to the tree view and images to the raw file', () => {
		const repo = forgeRepoFrom({ repoUrl: 'https://gitlab.com/acme/runbooks' });
		expect(repo && forgeFileUrl(repo, 'scripts', { folder: true })).toBe(
			'https://gitlab.com/acme/runbooks/-/tree/HEAD/scripts',
		);
		expect(repo && forgeFileUrl(repo, 'img/a.png', { raw: true })).toBe(
			'https://gitlab.com/acme/runbooks/-/raw/HEAD/img/a.png',
		);
	});

	test('knows no forge without repoUrl or editUrl', () => {
		expect(forgeRepoFrom({})).toBeUndefined();
	});
});
