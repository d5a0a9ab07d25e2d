import { expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

const messageOf = (input: unknown): string => {
	try {
		parseConfig(input, 'waymark.config.yaml');
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error('the config was accepted');
};

test('names every unknown key, at any depth, with a near miss, and says what each bad value should be', () => {
	expect(
		messageOf({
			roots: 'x',
			site: {
				titel: 'Ops',
				url: 'nope',
				base: 'runbooks',
				editUrl: 'https://git.example.com/edit',
			},
			checks: {
				rules: { 'orphan-page': 'off', 'internal-links': 'loud' },
				lint: { 'final-newlin': 'off' },
				ignored: [],
			},
			network: { timeoutMs: '5s', dnsServer: [] },
			links: {
				accept: ['2yy'],
				rules: [{ patern: 'https://x/**' }],
				severity: { deadd: 'off' },
				cache: { ttlSeconds: { okk: 1 } },
			},
			diagrams: { look: 'handdrawn' },
			status: { domains: 'example.com' },
		}),
	).toMatchInlineSnapshot(`
		"waymark.config.yaml has 18 invalid keys:
		  ! site.url: Unexpected \`"nope"\`, expected an http(s) URL such as \`https://runbooks.example.com\`
		  ! site.base: Unexpected \`"runbooks"\`, expected text starting with \`/\`
		  ! site.editUrl: Unexpected \`"https://git.example.com/edit"\`, expected text containing \`{path}\`
		  ! site.titel: Unexpected key \`titel\`, expected one of \`title\`, \`url\`, \`base\`, \`editUrl\`, \`repoUrl\`, \`repoBranch\`, \`allowRawHtml\`, \`offlineCache\`; did you mean \`title\`
		  ! checks.rules.internal-links: Unexpected \`"loud"\`, expected one of \`error\`, \`warning\`, \`off\`
		  ! checks.rules.orphan-page: Unexpected rule \`orphan-page\`, expected a known rule; did you mean \`orphan-pages\`
		  ! checks.lint.final-newlin: Unexpected remark-lint rule \`final-newlin\`, expected a known remark-lint rule; did you mean \`final-newline\`
		  ! checks.ignored: Unexpected key \`ignored\`, expected one of \`rules\`, \`lint\`, \`ignore\`, \`maxPageBytes\`, \`maxNestingDepth\`, \`reviewAfter\`; did you mean \`ignore\`
		  ! network.timeoutMs: Unexpected \`"5s"\`, expected a whole number. Use milliseconds, e.g. \`5000\`
		  ! network.dnsServer: Unexpected key \`dnsServer\`, expected one of \`timeoutMs\`, \`concurrency\`, \`dnsServers\`, \`allow\`, \`deny\`, \`env\`; did you mean \`dnsServers\`
		  ! diagrams.look: Unexpected \`"handdrawn"\`, expected one of \`classic\`, \`handDrawn\`; did you mean \`handDrawn\`
		  ! links.accept[0]: Unexpected \`"2yy"\`, expected a status code such as \`401\` or a class such as \`2xx\`
		  ! links.rules[0].pattern: Missing \`pattern\`, expected text
		  ! links.rules[0].patern: Unexpected key \`patern\`, expected one of \`pattern\`, \`skip\`, \`accept\`, \`headers\`; did you mean \`pattern\`
		  ! links.severity.deadd: Unexpected link outcome \`deadd\`, expected one of \`dead\`, \`unreachable\`, \`blocked\`, \`rate-limited\`, \`redirected\`, \`invalid\`; did you mean \`dead\`
		  ! links.cache.ttlSeconds.okk: Unexpected key \`okk\`, expected one of \`ok\`, \`redirected\`, \`dead\`, \`unreachable\`, \`blocked\`, \`rate-limited\`; did you mean \`ok\`
		  ! status.domains: Unexpected \`"example.com"\`, expected a list
		  ! roots: Unexpected key \`roots\`, expected a known key; did you mean \`root\`"
	`);
});

test('accepts only http(s) URLs for the links the site puts on every page, and says so for each', () => {
	const site = {
		url: 'javascript:alert(document.domain)',
		editUrl: 'javascript:alert(1)//{path}',
		repoUrl: 'file:///etc/passwd',
	};
	expect(messageOf({ site })).toMatchInlineSnapshot(`
		"waymark.config.yaml has 3 invalid keys:
		  ! site.url: Unexpected \`"javascript:alert(document.domain)"\`, expected an http(s) URL such as \`https://runbooks.example.com\`
		  ! site.editUrl: Unexpected \`"javascript:alert(1)//{path}"\`, expected an http(s) URL such as \`https://github.com/ORG/REPO/edit/main/guidebooks/{path}\`
		  ! site.repoUrl: Unexpected \`"file:///etc/passwd"\`, expected an http(s) URL such as \`https://runbooks.example.com\`"
	`);
	// The control: the same keys as http(s) URLs pass.
	const config = parseConfig({
		site: {
			url: 'https://runbooks.example.com',
			editUrl: 'http://git.example.com/ORG/REPO/edit/main/{path}',
			repoUrl: 'https://gitlab.com/acme/runbooks',
		},
	});
	expect(config.site.editUrl).toBe('http://git.example.com/ORG/REPO/edit/main/{path}');
});

test('lists the choices when no key is close', () => {
	expect(messageOf({ network: { proxy: 'http://proxy:3128' } })).toMatchInlineSnapshot(`
		"waymark.config.yaml has an invalid key:
		  ! network.proxy: Unexpected key \`proxy\`, expected one of \`timeoutMs\`, \`concurrency\`, \`dnsServers\`, \`allow\`, \`deny\`, \`env\`"
	`);
});

test('accepts `warn` for `warning` in rules, lint and link severities (the control for the messages above)', () => {
	const config = parseConfig({
		checks: { rules: { 'orphan-pages': 'warn' }, lint: { 'final-newline': 'warn' } },
		links: { severity: { redirected: 'warn', blocked: 'warning' } },
	});
	expect([
		config.checks.rules['orphan-pages'],
		config.checks.lint['final-newline'],
		config.links.severity.redirected,
		config.links.severity.blocked,
	]).toEqual(['warning', 'warning', 'warning', 'warning']);
});

test('rejects the link severity `info` and says what to use instead', () => {
	expect(messageOf({ links: { severity: { redirected: 'info' } } })).toMatchInlineSnapshot(`
		"waymark.config.yaml has an invalid key:
		  ! links.severity.redirected: Unexpected \`info\`, expected \`error\`, \`warning\` or \`off\`; \`info\` is no longer a severity: use \`warning\` (reported, fails only with \`--fail-on warning\`) or \`off\`"
	`);
});

async function checkWith(file: string, text: string): Promise<string> {
	const dir = await writeFixture({ [file]: text, 'guidebooks/README.md': '# Home\n' });
	try {
		const result = await runCli(['check'], { cwd: dir });
		return `exit ${result.code}\n${result.stderr.replaceAll(dir, '<dir>')}`;
	} finally {
		await removeFixture(dir);
	}
}

test('shows a YAML error whole, at file:line:col, with the line drawn', async () => {
	expect(
		await checkWith(
			'waymark.config.yaml',
			'root: guidebooks\nsite:\n  title: Ops\n  base: /runbooks/ url: https://x\n',
		),
	).toMatchInlineSnapshot(`
		"exit 2
		waymark.config.yaml:4:9: Nested mappings are not allowed in compact mappings.
		  3 |   title: Ops
		  4 |   base: /runbooks/ url: https://x
		    |         ^
		Hint: Fix the file at that line: indent nested keys with spaces under their parent, close every quote and bracket, and write one \`key: value\` per line. A JSON file needs double-quoted keys and no trailing commas.
		"
	`);
});

test('shows a bracket left open at the bracket, not where YAML gave up', async () => {
	expect(
		await checkWith(
			'waymark.config.yaml',
			'site:\n  title: Ops\nalerts:\n  rules: [alerts/*.yml\nnetwork:\n  env: [TOKEN]\n',
		),
	).toMatchInlineSnapshot(`
		"exit 2
		waymark.config.yaml:4:10: Flow sequence in block collection must be sufficiently indented and end with a ].
		  3 | alerts:
		  4 |   rules: [alerts/*.yml
		    |          ^
		Hint: Fix the file at that line: indent nested keys with spaces under their parent, close every quote and bracket, and write one \`key: value\` per line. A JSON file needs double-quoted keys and no trailing commas.
		"
	`);
});

test('shows a tab used as YAML indentation at its line', async () => {
	expect(await checkWith('waymark.config.yaml', 'site:\n\ttitle: Ops\n')).toMatchInlineSnapshot(`
		"exit 2
		waymark.config.yaml:2:1: Tabs are not allowed as indentation.
		  1 | site:
		  2 |  title: Ops
		    | ^
		Hint: Fix the file at that line: indent nested keys with spaces under their parent, close every quote and bracket, and write one \`key: value\` per line. A JSON file needs double-quoted keys and no trailing commas.
		"
	`);
});

test('shows a JSON error at file:line:col', async () => {
	expect(await checkWith('waymark.config.json', '{\n  "root": "guidebooks",\n}\n'))
		.toMatchInlineSnapshot(`
		"exit 2
		waymark.config.json:3:1: Expected double-quoted property name.
		  2 |   "root": "guidebooks",
		  3 | }
		    | ^
		Hint: Fix the file at that line: indent nested keys with spaces under their parent, close every quote and bracket, and write one \`key: value\` per line. A JSON file needs double-quoted keys and no trailing commas.
		"
	`);
});

test('refuses a page limit above 10 MB, says why and what to do, and accepts 10 MB itself', () => {
	expect(messageOf({ checks: { maxPageBytes: 50 * 1024 * 1024 } })).toBe(
		'waymark.config.yaml has an invalid key:\n  ! checks.maxPageBytes: Unexpected `52428800`, expected at most 10485760 (10 MB): a larger page runs the build out of memory; split the page instead',
	);
	expect(parseConfig({ checks: { maxPageBytes: 10 * 1024 * 1024 } }).checks.maxPageBytes).toBe(
		10485760,
	);
});

test('names each bad key of a config file at file:line:col, and the reference the user has', async () => {
	const project = await writeFixture({
		'waymark.config.yaml':
			'# Team runbooks\nsite:\n  title: Ops\n  titel: Typo\nlinks:\n  rules:\n    - match: "*"\n      timeoutMs: 5s\nstateDir: 3\n',
	});
	try {
		const { loadConfig } = await import('../../config/load-config.ts');
		const error = (await loadConfig({ cwd: project }).catch((e: unknown) => e)) as {
			message: string;
			hint: string;
		};
		// A missing key is reported where the object that lacks it starts.
		expect(error.message).toMatchInlineSnapshot(`
			"waymark.config.yaml has 5 invalid keys:
			  ! waymark.config.yaml:4:3: site.titel: Unexpected key \`titel\`, expected one of \`title\`, \`url\`, \`base\`, \`editUrl\`, \`repoUrl\`, \`repoBranch\`, \`allowRawHtml\`, \`offlineCache\`; did you mean \`title\`
			  ! waymark.config.yaml:7:7: links.rules[0].pattern: Missing \`pattern\`, expected text
			  ! waymark.config.yaml:7:7: links.rules[0].match: Unexpected key \`match\`, expected one of \`pattern\`, \`skip\`, \`accept\`, \`headers\`
			  ! waymark.config.yaml:8:7: links.rules[0].timeoutMs: Unexpected key \`timeoutMs\`, expected one of \`pattern\`, \`skip\`, \`accept\`, \`headers\`
			  ! waymark.config.yaml:9:1: stateDir: Unexpected \`3\`, expected text"
		`);
		// The reference ships in the package: a path the user can open, not this repository's file.
		expect(error.hint).toMatch(/configuration reference: (\S*\/)?guidebooks\/configuration\.md\.$/);
	} finally {
		await removeFixture(project);
	}
});

// zod reports in the schema's order (a top-level unknown key last), which read the file backwards.
test('lists the bad keys of --config FILE in the order the file has them, by line and then column', async () => {
	const project = await writeFixture({
		'bad.yaml':
			'rooot: guidebooks\nbuild: { stallTimeoutSeconds: -5, strict: maybe }\nnetwork:\n  concurency: 3\n',
		'guidebooks/README.md': '# Home\n',
	});
	try {
		const result = await runCli(['check', '--config', 'bad.yaml'], { cwd: project });
		expect(result.code).toBe(2);
		expect(
			result.stderr
				.split('\n')
				.filter((line) => line.startsWith('  ! '))
				.map((line) => line.replace(/: Unexpected.*/, '')),
		).toEqual([
			'  ! bad.yaml:1:1: rooot',
			'  ! bad.yaml:2:10: build.stallTimeoutSeconds',
			'  ! bad.yaml:2:35: build.strict',
			'  ! bad.yaml:4:3: network.concurency',
		]);
	} finally {
		await removeFixture(project);
	}
});
