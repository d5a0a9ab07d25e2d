import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { hrefForRoute, routeForPath } from '../../markdown/routes.ts';
import {
	buildFixture,
	removeFixture,
	runCli,
	writeFixture,
	type CliResult,
} from '../helpers/fixture.ts';

// Every character a file name may hold that is not a letter or digit: ASCII punctuation (but `/`),
// the space, and Unicode that URLs carry encoded (accents, emoji, invisible and direction marks,
// wide spaces), each in a page name and `#` in a folder name too; plus `%` before two hex digits,
// which a server would decode. Each page is on the site where the link the site gives it leads
// (through the same static server `waymark serve` uses), `#`, `?` and `%` encoded as GitHub serves
// them (`a%23b.md`); only `\`, which browsers read as `/`, is a finding at its path, in `check`
// and in `build` alike: never built and unreachable, never a crash.
const punctuation = Array.from({ length: 0x7f - 0x21 }, (_, i) =>
	String.fromCharCode(0x21 + i),
).filter((c) => !/[\w/]/.test(c));
const characters = [
	...punctuation,
	' ',
	'é',
	'😀',
	'\u00a0',
	'\u200b',
	'\u0301',
	'\u202e',
	'\u3000',
];
const names = [
	...characters.map((c, i) => `p${i}${c}x.md`),
	'escape%41.md',
	'escape%zz.md',
	'fold#er/inner.md',
];
const unpublishable = /[\\]/;

let root: string;
let outDir: string;
let check: CliResult;
let build: CliResult;
let server: RunningServer;

beforeAll(async () => {
	root = await writeFixture({
		'README.md': `# Home\n\n${names.map((name) => `- [${name}](<.${hrefForRoute(`/${name}`)}>)\n`).join('')}`,
		...Object.fromEntries(names.map((name, i) => [name, `# Page ${i}\n\nText.\n`])),
	});
	check = await runCli(['check', '--root', root, '--format', 'json']);
	const built = await buildFixture(root);
	({ outDir } = built);
	build = built;
	server = await startServer({ dir: outDir, port: 0, host: '127.0.0.1' });
}, 240_000);

afterAll(async () => {
	await server?.close();
	await removeFixture(root);
	await removeFixture(outDir);
});

/** `file:line message` of each finding `check --format json` printed. */
function checkFindings(): string[] {
	const report = JSON.parse(check.stdout) as {
		findings: Array<{ file: string; line: number; message: string }>;
	};
	return report.findings.map((f) => `${f.file}:${f.line} ${f.message}`).sort();
}

test('reports each page whose name holds `\\` at its path, in check and build alike, and no other', () => {
	const expected = names.filter((name) => unpublishable.test(name));
	// The positive control: the set holds names of both kinds.
	expect(expected.length).toBe(1);
	expect(names.filter((name) => /[#?%]/.test(name)).length).toBeGreaterThan(4);
	const findings = checkFindings();
	expect(findings.filter((f) => f.startsWith('README.md'))).toEqual([]);
	expect(findings.map((f) => f.slice(0, f.indexOf(':')))).toEqual(expected.sort());
	for (const finding of findings)
		expect(finding).toMatch(
			/^[^:]+:1 Unexpected `\\` in the page's route `[^`]+`, which no URL of the site can lead to at /,
		);
	expect(build.code, build.stderr).toBe(0);
	// The same findings, printed by the build: each message once.
	for (const finding of findings)
		expect(build.stdout).toContain(
			finding.slice(finding.indexOf(' ') + 1, finding.indexOf(', expected')),
		);
	expect(build.stdout).toMatch(
		new RegExp(`^Built ${names.length - expected.length + 1} guidebook pages`, 'm'),
	);
});

test.each(names.map((name, i) => [name, i] as const))(
	'serves %s where its link leads, or leaves it out',
	async (name, i) => {
		const href = hrefForRoute(routeForPath(name));
		const response = await fetch(`${server.url.replace(/\/$/, '')}${href}`);
		const heading = parseHTML(await response.text()).document.querySelector('h1')?.textContent;
		if (unpublishable.test(name))
			expect([response.status, heading]).toEqual([404, 'Page not found']);
		else expect([response.status, heading]).toEqual([200, `Page ${i}`]);
	},
);
