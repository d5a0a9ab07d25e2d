import '../helpers/load-tools.ts';
import { toolNamed } from '../../tools/index.ts';
import { describe, expect, test } from 'vitest';
import { parseNumberPrefix, stripNumberPrefixes } from '../../tools/docusaurus/number-prefix.ts';

// Docusaurus's rule (docs plugin `numberPrefix.ts`), written out as what generates the cases below:
// digits, then spaces and one or more of `-`, `_`, `.`, then the name; a date-like or version-like
// start (`2021-01`, `31.01.2021`, `8.0`, `1-2`) is no prefix.
const separators = ['-', '_', '.', '--', '---', '___', '-_', '. ', ' - ', '  _  ', ' .'];
const numbers = ['0', '1', '7', '01', '08', '10', '001', '042', '999', '2023', '0046036'];
const names = ['intro', 'Getting started', 'ztoperator', 'a-b_c.d', 'x', ''];

describe('Docusaurus number prefixes', () => {
	test('strips every digits-separator-name combination and gives the number as the position', () => {
		const cases = numbers.flatMap((digits) =>
			separators.flatMap((separator) =>
				names.map((name) => ({
					written: `${digits}${separator}${name}`,
					name,
					prefix: Number.parseInt(digits, 10),
				})),
			),
		);
		expect(cases.length).toBe(numbers.length * separators.length * names.length);
		const wrong = cases.filter(
			(c) =>
				JSON.stringify(parseNumberPrefix(c.written)) !==
				JSON.stringify({ name: c.name, prefix: c.prefix }),
		);
		expect(wrong).toEqual([]);
	});

	test('leaves date-like and version-like starts, and names without a separator after the digits, alone', () => {
		const dates = [
			'2021-01',
			'2021_01',
			'2021.01',
			'21-01',
			'01-2021',
			'31.01.2021',
			'2021-01-31',
			'21_01_31',
		];
		const versions = ['8.0', '8.0.0', '14.2.16', '1-2', '10_3'];
		const cases = [...dates, ...versions].flatMap((start) =>
			['', ' - notes', '-notes', '.md-ish', 'x'].map((rest) => `${start}${rest}`),
		);
		const others = [
			'intro',
			'v2-intro',
			'a1-intro',
			'intro-01',
			'My Doc - 02',
			'01',
			'2021',
			'00abc01-x',
		];
		const changed = [...cases, ...others].filter(
			(name) => JSON.stringify(parseNumberPrefix(name)) !== JSON.stringify({ name }),
		);
		expect(changed).toEqual([]);
		// Positive control: the same rests behind a plain prefix are stripped (a version right behind one is not: `3-2021` is one).
		expect(
			['', ' - notes', '-notes', 'x'].map((rest) => parseNumberPrefix(`03 - release${rest}`)),
		).toEqual(
			['', ' - notes', '-notes', 'x'].map((rest) => ({ name: `release${rest}`, prefix: 3 })),
		);
		expect(parseNumberPrefix('3-2021-01 - notes')).toEqual({ name: '3-2021-01 - notes' });
	});

	test('takes a year followed by a word for a prefix, as Docusaurus does (only a month after it makes a date)', () => {
		expect(parseNumberPrefix('2023-notes')).toEqual({ name: 'notes', prefix: 2023 });
		expect(parseNumberPrefix('2023-01-notes')).toEqual({ name: '2023-01-notes' });
	});

	test('strips every segment of a path', () => {
		expect(stripNumberPrefixes('01-intro/1 - setup/2.  deep/3 _doc')).toBe('intro/setup/deep/doc');
	});
});

describe('Docusaurus routes', () => {
	test.each([
		['01-intro/02-setup.md', '/intro/setup/'],
		['08-ztoperator/index.md', '/ztoperator/'],
		['08-ztoperator/README.md', '/ztoperator/'],
		['03-x/02-y.mdx', '/x/y/'],
		['guides/Guides.md', '/guides/'],
		['01-guides/01-guides.md', '/guides/'],
		['2021-01-31-incident.md', '/2021-01-31-incident/'],
		['v1.2/notes.md', '/v1.2/notes/'],
	])('routes %s to %s', (path, route) => {
		expect(toolNamed('docusaurus').bind(undefined).routeForPath(path)).toBe(route);
	});

	test('keeps prefixes on every other dialect', () => {
		for (const dialect of ['github', 'gitlab', 'hugo', 'mkdocs'] as const)
			expect(toolNamed(dialect).bind(undefined).routeForPath('01-intro/02-setup.md')).toBe(
				'/01-intro/02-setup/',
			);
	});
});
