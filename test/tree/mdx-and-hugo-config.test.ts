import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readHugoParams } from '../../tree/dialect/hugo-config.ts';
import { mdxProblem, parseMdx } from '../../tree/mdx-syntax.ts';
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

describe('MDX pages, read with MDX\'s own grammar and never evaluated', () => {
	test('parses a page with imports, exports and expressions', () => {
		const parsed = parseMdx('---\ntitle: Ops\n---\nimport Chart from "./chart.jsx"\n\n# Ops {1 + 1}\n');
		expect('tree' in parsed && parsed.tree.children.map((node) => node.type)).toEqual(['yaml', 'mdxjsEsm', 'heading']);
	});

	test('gives the line, column and one-line reason of a syntax error', () => {
		expect(parseMdx('# Ops\n\nA brace { never closed\n')).toEqual({ error: { line: 3, column: 23, message: 'Unexpected end of file in expression, expected a corresponding closing brace for `{`' } });
	});

	test('finds a relative import that names no file, and accepts one that does (extension left out) and package imports', async () => {
		expect(await mdxProblem(root, 'ops/page.mdx', 'import Chart from "./chart"\nimport x from "some-package"\n\n# Ops\n')).toBeUndefined();
		const problem = await mdxProblem(root, 'ops/page.mdx', 'import Gone from "./gone.jsx"\n\n# Ops\n');
		expect(problem?.line).toBe(1);
		expect(problem?.message).toContain('./gone.jsx');
	});
});

describe('Hugo site params', () => {
	test('reads params from TOML, and from YAML whatever the key\'s case', async () => {
		expect(await readHugoParams(`${root}/hugo.toml`)).toEqual({ team: 'SRE' });
		expect(await readHugoParams(`${root}/config.yaml`)).toEqual({ team: 'DBA' });
	});

	test('has none for a config without params, one that does not parse, or a missing file', async () => {
		expect(await readHugoParams(`${root}/hugo.json`)).toBeUndefined();
		expect(await readHugoParams(`${root}/broken.toml`)).toBeUndefined();
		expect(await readHugoParams(`${root}/missing.toml`)).toBeUndefined();
	});
});
