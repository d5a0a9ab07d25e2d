import { describe, expect, test } from 'vitest';
import { parentsByTitle, type TitledPage } from '../../../tools/jekyll/parents.ts';

// just-the-docs' `_includes/components/nav/children.html`: which page lists which, by title.

const parents = (pages: TitledPage[]) => Object.fromEntries(parentsByTitle(pages));

describe("just-the-docs' parents, by title", () => {
	test('a page is listed under the page whose title is its parent, whatever their folders', () => {
		expect(
			parents([
				{ path: 'index.md', title: 'Home' },
				{ path: 'docs/ui/index.md', title: 'UI Components' },
				{ path: 'docs/ui/buttons.md', title: 'Buttons', parent: 'UI Components' },
				{ path: 'elsewhere/code.md', title: 'Code', parent: 'UI Components' },
				{
					path: 'deep/line-numbers.md',
					title: 'Line numbers',
					parent: 'Code',
					grandParent: 'UI Components',
				},
			]),
		).toEqual({
			'docs/ui/buttons.md': 'docs/ui/index.md',
			'elsewhere/code.md': 'docs/ui/index.md',
			'deep/line-numbers.md': 'elsewhere/code.md',
		});
	});

	test('a parent title no page has, or only the page itself has, lists it under none', () => {
		expect(
			parents([
				{ path: 'a.md', title: 'A', parent: 'Nowhere' },
				{ path: 'b.md', title: 'B', parent: 'B' },
				{ path: 'c.md', parent: 'A' },
			]),
		).toEqual({ 'c.md': 'a.md' });
	});

	// Two sections with a page titled "Setup" each: `grand_parent` says which.
	const twoSetups: TitledPage[] = [
		{ path: 'linux/index.md', title: 'Linux' },
		{ path: 'windows/index.md', title: 'Windows' },
		{ path: 'linux/setup.md', title: 'Setup', parent: 'Linux' },
		{ path: 'windows/setup.md', title: 'Setup', parent: 'Windows' },
	];

	test.each([
		['Linux', 'linux/setup.md'],
		['Windows', 'windows/setup.md'],
	])('grand_parent %s picks the Setup under it, wherever the page is', (grandParent, parent) => {
		const page = { path: 'shared/proxy.md', title: 'Proxy', parent: 'Setup', grandParent };
		expect(parents([...twoSetups, page])['shared/proxy.md']).toBe(parent);
	});

	test('a grand_parent no candidate has lists it under none', () => {
		const page = { path: 'proxy.md', title: 'Proxy', parent: 'Setup', grandParent: 'Mac' };
		expect(parents([...twoSetups, page])['proxy.md']).toBeUndefined();
	});

	test('without grand_parent, of candidates just-the-docs would both list it under, the one nearest its folder', () => {
		expect(parents([...twoSetups, { path: 'windows/x/proxy.md', parent: 'Setup' }])).toMatchObject({
			'windows/x/proxy.md': 'windows/setup.md',
		});
		expect(parents([...twoSetups, { path: 'proxy.md', parent: 'Setup' }])).toMatchObject({
			'proxy.md': 'linux/setup.md',
		});
	});

	test('ancestor picks the candidate with that title above it', () => {
		const page = { path: 'proxy.md', title: 'Proxy', parent: 'Setup', ancestor: 'Windows' };
		expect(parents([...twoSetups, page])['proxy.md']).toBe('windows/setup.md');
	});

	// just-the-docs' own example (docs/navigation/main/ancestry.md): X and Y each have S, T and U below.
	test('ancestor is read along the parents as nested, not every page of a title', () => {
		const page = (path: string, title: string, parent: string, more: Partial<TitledPage> = {}) => ({
			path,
			title,
			parent,
			...more,
		});
		expect(
			parents([
				{ path: 'ancestry.md', title: 'Ancestry' },
				page('x.md', 'X', 'Ancestry'),
				page('xs.md', 'S', 'X'),
				page('xt.md', 'T', 'S', { grandParent: 'X' }),
				page('xu.md', 'U', 'T', { ancestor: 'X' }),
				page('y.md', 'Y', 'Ancestry'),
				page('ys.md', 'S', 'Y'),
				page('yt.md', 'T', 'S', { ancestor: 'Y' }),
				page('yu.md', 'U', 'T', { ancestor: 'Y' }),
			]),
		).toEqual({
			'x.md': 'ancestry.md',
			'xs.md': 'x.md',
			'xt.md': 'xs.md',
			'xu.md': 'xt.md',
			'y.md': 'ancestry.md',
			'ys.md': 'y.md',
			'yt.md': 'ys.md',
			'yu.md': 'yt.md',
		});
	});

	test('a page with has_children: false takes none', () => {
		expect(
			parents([
				{ path: 'a.md', title: 'A', childless: true },
				{ path: 'b.md', title: 'B', parent: 'A' },
			]),
		).toEqual({});
	});

	test('a top-level title wins over a deeper page of the same title (three-level sites)', () => {
		expect(
			parents([
				{ path: 'top.md', title: 'Setup' },
				{ path: 'linux/index.md', title: 'Linux' },
				{ path: 'linux/setup.md', title: 'Setup', parent: 'Linux' },
				{ path: 'linux/proxy.md', title: 'Proxy', parent: 'Setup' },
			])['linux/proxy.md'],
		).toBe('top.md');
	});

	test('titles loop as written: each page names its parent, the site drops the loop', () => {
		expect(
			parents([
				{ path: 'a.md', title: 'A', parent: 'B' },
				{ path: 'b.md', title: 'B', parent: 'A' },
			]),
		).toEqual({ 'a.md': 'b.md', 'b.md': 'a.md' });
	});
});
