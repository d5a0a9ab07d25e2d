import { afterAll, beforeAll, expect, test } from 'vitest';
import { formatFinding } from '../../checks/finding.ts';
import { parseConfig } from '../../config/load-config.ts';
import { toolNamed, toolNames } from '../../tools/index.ts';
import { checkTree } from '../helpers/check-tree.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// A link to the root's own folder (`/`, or `../` from a folder) on a root without an index page:
// the tool decides. Hugo renders its theme's home layout with or without `_index.md`, an mdBook its
// first chapter, a forge the folder's listing; MkDocs and Docusaurus build no page there. Every
// registered tool is tried, so a tool added later is held to what it says.
const hrefs = ['/', '../', '../#top'];
let root: string;

beforeAll(async () => {
	root = await writeFixture({
		'ops/restore.md': `# Restore\n\n${hrefs.map((href, i) => `[home ${i}](${href})`).join(' · ')}\n`,
	});
});
afterAll(() => removeFixture(root));

test.each(toolNames)(
	'a link to the root without an index page, on %s, is broken only where the tool shows no page there',
	async (name) => {
		const report = await checkTree({
			root,
			config: parseConfig({ dialect: name }),
			only: ['internal-links'],
		});
		const errors = report.findings
			.filter((finding) => finding.message.includes('folder `./`'))
			.map(formatFinding);
		const shown = toolNamed(name).bind(undefined).links.rootFolderShown === true;
		// `/` is the repository's top on a forge, which this tree's root is not inside: only the relative links count there.
		expect(errors).toHaveLength(shown ? 0 : hrefs.length);
	},
);

test('the tools that show the root whatever it holds are the forges, Hugo and mdBook', () => {
	expect(
		toolNames.filter((name) => toolNamed(name).bind(undefined).links.rootFolderShown).sort(),
	).toEqual(['github', 'gitlab', 'hugo', 'mdbook']);
});
