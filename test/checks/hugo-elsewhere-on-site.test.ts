import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

// A Hugo root below the site's top (fluxcd's docs at `content/en/flux`, which its site serves at
// `/flux/` through a mount of `content/en`): a root-absolute URL outside `/flux/` is another part
// of the site, its home page or its blog, never the root's own page. `/#calendar` was checked
// against the root's `_index.md` and reported as a missing heading. Generated: links to the site's
// other parts with and without fragments, which say nothing; links into the root, to a heading it
// lacks, and to a picture the static folder lacks, which stay errors.

const elsewhere = [
	'/',
	'/#calendar',
	'/blog/',
	'/blog/2026/#release',
	'/community/#meetings',
	'/en/',
	'/?q=flux',
];
const broken = [
	{ href: '/flux/#no-such-heading', message: /missing heading `#no-such-heading`/ },
	{ href: '#also-missing', message: /missing heading `#also-missing`/ },
	{ href: '/img/gone.png', message: /missing (?:image|file) `\/img\/gone\.png`/, image: true },
];

let repo: string;
beforeAll(async () => {
	const links = [
		...elsewhere.map((href) => `[elsewhere](${href})`),
		...broken.map(({ href, image }) => `${image ? '!' : ''}[broken](${href})`),
	];
	repo = await writeFixture({
		'hugo.yaml':
			'title: Flux\nmodule:\n  mounts:\n    - source: content/en\n      target: content\n',
		'content/en/_index.html': '<h1 id="calendar">Flux</h1>\n',
		'content/en/flux/_index.md': `---\ntitle: Flux docs\n---\n\n# Flux docs\n\n${links.map((link) => `- ${link}`).join('\n')}\n`,
		'static/img/logo.png': 'png',
	});
	await promisify(execFile)('git', ['init', '--quiet', repo]);
});
afterAll(() => removeFixture(repo));

test('links to the site outside the root say nothing; links into it and to missing pictures are still checked', async () => {
	const result = await runCli(['check', '--root', 'content/en/flux', '--format', 'json'], {
		cwd: repo,
		timeoutMs: 60_000,
	});
	const findings = (
		JSON.parse(result.stdout) as {
			findings: Array<{ rule: string; line: number; message: string }>;
		}
	).findings.filter((f) => f.rule === 'internal-links');
	const firstLinkLine = 7;
	for (const [i] of elsewhere.entries())
		expect(
			findings.filter((f) => f.line === firstLinkLine + i),
			elsewhere[i],
		).toEqual([]);
	broken.forEach(({ message }, i) =>
		expect(
			findings.filter((f) => f.line === firstLinkLine + elsewhere.length + i).map((f) => f.message),
			broken[i]?.href,
		).toEqual([expect.stringMatching(message)]),
	);
}, 120_000);
