import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readHugoParams } from '../../tools/hugo/config.ts';
import { mdxImportProblems, mdxProblem, parseMdx } from '../../tree/mdx-syntax.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

let root: string;
beforeAll(async () => {
	root = await writeFixture({
		'ops/chart.jsx': 'export default () => null;\n',
		'ops/page.mdx': '',
		'hugo.toml': 'title = "Ops"\n[params]\nteam = "SRE"\n',
		'config.yaml': 'Params:\n  team: DBA\n',
		'hugo.json': '{ "title": "no params" }',
		'broken.toml': 'title = \n',
	});
});
afterAll(() => removeFixture(root));

describe("MDX pages, read with MDX's own grammar and never evaluated", () => {
	test('parses a page with imports, exports and expressions', () => {
		const parsed = parseMdx(
			'---\ntitle: Ops\n---\nimport Chart from "./chart.jsx"\n\n# Ops {1 + 1}\n',
		);
		expect('tree' in parsed && parsed.tree.children.map((node) => node.type)).toEqual([
			'yaml',
			'mdxjsEsm',
			'heading',
		]);
	});

	test('gives the line, column and one-line reason of a syntax error', () => {
		expect(parseMdx('# Ops\n\nA brace { never closed\n')).toEqual({
			error: {
				line: 3,
				column: 23,
				message:
					'Unexpected end of file in expression, expected a corresponding closing brace for `{`',
			},
		});
	});

	test('gives no problem for a page that parses, whatever it imports', () => {
		expect(mdxProblem('import Gone from "./gone.jsx"\n\n# Ops\n')).toBeUndefined();
		expect(mdxProblem('# Ops\n\nA brace { never closed\n')?.line).toBe(3);
	});

	test("blocks imports of packages, other tools' modules, paths out of the root and missing files; lets the tree's files (components of its JavaScript aside), Astro and Node through", async () => {
		const text = [
			'import Chart from "./chart"',
			'import x from "some-package"',
			'import Tabs from "@theme/Tabs"',
			'import Gone from "./gone.jsx"',
			'import Up from "../../up.jsx"',
			'import Abs from "/etc/x.js"',
			'import { Image } from "astro:assets"',
			'import { join } from "node:path"',
			'import fs from "fs"',
			'',
			'# Ops',
			'',
		].join('\n');
		const parsed = parseMdx(text);
		if ('error' in parsed) throw new Error(parsed.error.message);
		const problems = await mdxImportProblems(root, 'ops/page.mdx', parsed.tree);
		expect(Object.fromEntries(problems.blocked)).toEqual({
			'some-package': 'a module of another tool or a package, which the site does not have',
			'@theme/Tabs': 'a module of another tool or a package, which the site does not have',
			'./gone.jsx': 'a file that does not exist',
			'../../up.jsx': 'outside the guidebook root',
			'/etc/x.js': 'an absolute path, which the site does not resolve',
		});
		// The tree's own JavaScript: its values, never its components.
		expect(Object.fromEntries(problems.unrenderable)).toEqual({
			'./chart':
				'a `.jsx` module, whose components the site does not render (it renders Astro, MDX and Markdown ones)',
		});
	});
});

describe('Hugo site params', () => {
	test("reads params from TOML, and from YAML whatever the key's case", async () => {
		expect(await readHugoParams(`${root}/hugo.toml`)).toEqual({ team: 'SRE' });
		expect(await readHugoParams(`${root}/config.yaml`)).toEqual({ team: 'DBA' });
	});

	test('has none for a config without params, one that does not parse, or a missing file', async () => {
		expect(await readHugoParams(`${root}/hugo.json`)).toBeUndefined();
		expect(await readHugoParams(`${root}/broken.toml`)).toBeUndefined();
		expect(await readHugoParams(`${root}/missing.toml`)).toBeUndefined();
	});
});
