import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';

// MkDocs serves `about/case-studies/ibm.md` at `/about/case-studies/ibm/` and leaves a link to a
// file it cannot find from the page's file as written, for the browser to read from the page's
// address. knative's case studies show their logos by `../../../images/case-studies/ibm.png`,
// one `../` too many for the file and right for the address: the pictures show on the MkDocs
// site, and Waymark's site dropped them while `check` called them missing. Generated: pages at
// random depths, each picture and link written either way, and one that neither reading reaches.

const random = seededRandom(20261129);
const segments = ['about', 'case-studies', 'ops', 'deep'];
const pages = Array.from({ length: 8 }, (_, i) => [
	...Array.from(
		{ length: pick(random, 4) },
		() => segments[pick(random, segments.length)] as string,
	),
	`page-${i}`,
]);

/** `../` from a file at `parts` (its folder) or from its address (one level deeper) to the top. */
const upFromFile = (parts: string[]) => '../'.repeat(parts.length - 1);
const upFromAddress = (parts: string[]) => '../'.repeat(parts.length);

const files: Record<string, string> = {
	'mkdocs.yml': 'site_name: Ops\n',
	'docs/index.md': '# Ops\n',
	'docs/images/logo.png': 'png',
	'docs/files/runbook.pdf': 'pdf',
};
for (const parts of pages) {
	files[`docs/${parts.join('/')}.md`] = [
		`# ${parts.at(-1)}`,
		'',
		`![from the file](${upFromFile(parts)}images/logo.png)`,
		'',
		`![from the address](${upFromAddress(parts)}images/logo.png)`,
		'',
		`<img src="${upFromAddress(parts)}images/logo.png" alt="raw, from the address">`,
		'',
		`[The PDF](${upFromAddress(parts)}files/runbook.pdf) and [a missing one](${upFromAddress(parts)}files/gone.pdf).`,
		'',
	].join('\n');
}

let dir = '';
let findings: Array<{
	rule: string;
	file: string;
	line: number;
	severity: string;
	message: string;
}> = [];

beforeAll(async () => {
	dir = await writeFixture(files);
	const build = await runCli(['build', '--root', 'docs', '--out', 'site'], { cwd: dir });
	expect(build.code, build.stderr).toBe(0);
	const check = await runCli(['check', '--root', 'docs', '--format', 'json'], { cwd: dir });
	findings = (JSON.parse(check.stdout) as { findings: typeof findings }).findings;
}, 300_000);
afterAll(() => removeFixture(dir));

test("a picture or file reached from the page's address shows and links, and check warns with the path from the file", async () => {
	for (const parts of pages) {
		const html = await readFile(join(dir, 'site', ...parts, 'index.html'), 'utf8');
		const doc = parseHTML(html).document;
		const images = [...doc.querySelectorAll('.prose img')];
		expect(
			images.map((img) => img.getAttribute('alt')),
			parts.join('/'),
		).toEqual(['from the file', 'from the address', 'raw, from the address']);
		// Each loads the published picture, wherever it was bundled: read from the page's own address.
		const address = new URL(`http://site.test/${parts.join('/')}/`);
		for (const img of images.slice(1))
			expect(new URL(img.getAttribute('src') ?? '', address).pathname, parts.join('/')).toBe(
				'/images/logo.png',
			);
		const pdf = [...doc.querySelectorAll('.prose a')].find((a) => a.textContent === 'The PDF');
		expect(pdf?.getAttribute('class') ?? '', parts.join('/')).not.toContain('wm-broken-link');
		expect(new URL(pdf?.getAttribute('href') ?? '', address).pathname).toBe('/files/runbook.pdf');
		const page = `${parts.join('/')}.md`;
		const mine = findings.filter(
			(finding) => finding.file === page && finding.rule === 'internal-links',
		);
		expect(
			mine.map(
				(finding) =>
					`${finding.line} ${finding.severity} ${(finding.message.split(' from the page')[0] ?? '').split(', expected')[0]}`,
			),
			page,
		).toEqual([
			`5 warning Unexpected link to \`${upFromAddress(parts)}images/logo.png\``,
			`7 warning Unexpected link to \`${upFromAddress(parts)}images/logo.png\``,
			`9 warning Unexpected link to \`${upFromAddress(parts)}files/runbook.pdf\``,
			`9 error Unexpected link to missing file \`${upFromAddress(parts)}files/gone.pdf\``,
		]);
		expect(mine[0]?.message ?? '').toContain(
			`expected the path from its file, \`${upFromFile(parts)}images/logo.png\``,
		);
	}
	// Every picture the pages show is published where they load it.
	expect(await readFile(join(dir, 'site', 'images', 'logo.png'), 'utf8')).toBe('png');
});

// With `use_directory_urls: false` MkDocs serves `ops/page.md` as `ops/page.html`: a path right only
// from a folder address is broken there, and stays an error here.
test('with `use_directory_urls: false`, a path right only from a folder address is a missing file', async () => {
	const flat = await writeFixture({
		'mkdocs.yml': 'site_name: Ops\nuse_directory_urls: false\n',
		'docs/index.md': '# Ops\n',
		'docs/images/logo.png': 'png',
		'docs/ops/page.md': '# Page\n\n![logo](../../images/logo.png)\n',
	});
	try {
		const check = await runCli(['check', '--root', 'docs', '--format', 'json'], { cwd: flat });
		const found = (JSON.parse(check.stdout) as { findings: typeof findings }).findings.filter(
			(finding) => finding.rule === 'internal-links',
		);
		expect(found.map((finding) => `${finding.file}:${finding.line} ${finding.severity}`)).toEqual([
			'ops/page.md:3 error',
		]);
	} finally {
		await removeFixture(flat);
	}
}, 120_000);
