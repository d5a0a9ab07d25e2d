import { expect, test } from 'vitest';
import codeFences from '../../checks/rules/code-fences.ts';
import { format, runExample } from './run-example.ts';
import { createRandom } from '../../bench/lib/prng.mjs';

// One case per shape seen in real runbook repositories (the study behind issue 11), in our own
// words; each message says where the site, parsing the same mdast, really ends the block.
test.each([
	[
		'a top-level fence never closed: the rest of the page is code (vault unseal)',
		'# Vault\n\n```shell\nvault status\n\n## After scaling\n\nCheck the account.\n',
		[
			'README.md:3:1: Unexpected unclosed code fence ```` ```shell ````, expected a closing ```` ``` ```` line; the remaining 5 lines of the page are shown as code (code-fences)',
		],
	],
	[
		'an opening fence where the closing one was meant, swallowing a heading (pg minor upgrade)',
		'# Upgrade\n\n```shell\nsudo gitlab-psql\n```sql\nselect 1;\n\n### Post checks\n\n1. Check replication.\n',
		[
			'README.md:3:1: Unexpected unclosed code fence ```` ```shell ````, expected a closing ```` ``` ```` line (line 5 ```` ```sql ```` cannot close it: a closing fence takes no info string); the remaining 7 lines of the page are shown as code (code-fences)',
		],
	],
	[
		'four backticks closed with three (pgbouncer connections)',
		'# Pool\n\n````\nSHOW CLIENTS;\n```\n\nMore text.\n',
		[
			'README.md:3:1: Unexpected unclosed code fence ```` ```` ````, expected a closing ```` ```` ```` line (line 5 ```` ``` ```` is too short to close it); the remaining 4 lines of the page are shown as code (code-fences)',
		],
	],
	[
		'fences in nested list items that the next item closes, as GitLab renders them (k8s workloads)',
		'# Workloads\n\n- Production:\n  - Regional\n    ```\n      gitlab-kas\n      gitlab-mailroom\n  - Zonal\n    ```\n       gitlab-registry\n\n- Staging\n',
		[
			'README.md:5:5: Unexpected unclosed code fence ```` ``` ````, expected a closing ```` ``` ```` line; the block ends with its list item, so lines 6–7 are shown as code (code-fences)',
			'README.md:9:5: Unexpected unclosed code fence ```` ``` ````, expected a closing ```` ``` ```` line; the block ends with its list item, so line 10 is shown as code (code-fences)',
		],
	],
	[
		'a fence "closed" with two backticks inside a list item: prose becomes code until the next item (guest vCPU queue)',
		'# Queue\n\n1. Confirm:\n   ```promql\n   queue_length\n   ``\n   The longer the queue, the worse.\n\n2. Check the host.\n',
		[
			'README.md:4:4: Unexpected unclosed code fence ```` ```promql ````, expected a closing ```` ``` ```` line (line 6 ```` `` ```` is too short to close it); the block ends with its list item, so lines 5–7 are shown as code (code-fences)',
		],
	],
	[
		'a list-item fence whose lines stay indented to the end of the page (pg HA)',
		'# HA\n\n* If replication is not working:\n\n    ```shell\n    select * from pg_replication_slots;\n   --------------------------\n    AD/5C000060\n   (1 row)\n',
		[
			'README.md:5:5: Unexpected unclosed code fence ```` ```shell ````, expected a closing ```` ``` ```` line; the remaining 4 lines of the page are shown as code (code-fences)',
		],
	],
	[
		'a fence indented into a list item with its lines at column 0 (Middleman upgrade guides)',
		'# Upgrade\n\n1. Add the release:\n\n    ```\n- name: bosh\n  version: 273.1.0\n\nThe commit is pinned.\n',
		[
			'README.md:5:5: Unexpected unclosed code fence ```` ``` ````, expected a closing ```` ``` ```` line; the block ends with its list item at once, so it is empty and line 6 onwards render as text, not code (code-fences)',
		],
	],
	[
		'a last block left open on the last line (data retention)',
		'# Cleanup\n\n```sql\nDELETE FROM users WHERE id = 1;\n',
		[
			'README.md:3:1: Unexpected unclosed code fence ```` ```sql ````, expected a closing ```` ``` ```` line; the remaining line of the page is shown as code (code-fences)',
		],
	],
])('%s', async (_name, page, expected) => {
	expect(format(await runExample(codeFences, { 'README.md': page }))).toEqual(expected);
});

test('reports nothing for a fence its list item closes after a real closing line', async () => {
	expect(
		format(
			await runExample(codeFences, {
				'README.md': '# Ok\n\n- Run:\n  ```shell\n  ls\n  ```\n- Done.\n',
			}),
		),
	).toEqual([]);
});

// Severity: a block left open to the end of the page renders the same on every CommonMark tool, so
// it is an error only where the page shows a mistake: a line trying to close it, a section swallowed.
test.each([
	[
		'a last block left open (annotations)',
		'# Labels\n\nAdd the annotation:\n\n```yaml\nmetadata:\n  annotations:\n    example.org/excluded-labels: "team,version"\n',
		'warning',
	],
	[
		'a last block left open on the last line',
		'# Cleanup\n\n```sql\nDELETE FROM users WHERE id = 1;\n',
		'warning',
	],
	[
		'a Markdown block showing headings and closed shell blocks, left open (a merge request test plan)',
		'# Plan\n\nCopy this:\n\n````markdown\n## Test plan\n\n- [ ] Run it:\n\n  ```shell\n  sudo gitlabsos\n  ```\n\n- [ ] Extract it:\n\n  ```shell\n  tar xzvf gitlabsos.tar.gz\n  ```\n',
		'warning',
	],
	[
		'a section swallowed: a heading, then prose with inline code (vault unseal)',
		'# Vault\n\n```shell\nvault status\n\n## After scaling\n\nRun `bin/whoami` and check the account.\n',
		'error',
	],
	[
		'a heading alone, as a shell comment is one',
		'# Vault\n\n```shell\nvault status\n\n## After scaling\nkubectl get pods\n',
		'warning',
	],
	[
		'an opening fence where the closing one was meant',
		'# Upgrade\n\n```shell\nsudo gitlab-psql\n```sql\nselect 1;\n',
		'error',
	],
	[
		'four backticks closed with three',
		'# Pool\n\n````\nSHOW CLIENTS;\n```\n\nMore text.\n',
		'error',
	],
	[
		'a bare shorter fence in a Markdown block, with no block of its own to close',
		'# Plan\n\n````markdown\n## Steps\n\n```\n',
		'error',
	],
] as const)('%s is a(n) %s', async (_name, page, severity) => {
	const findings = await runExample(codeFences, { 'README.md': page });
	expect(findings.map((f) => f.severity)).toEqual([severity]);
});

test('a generated last block left open is a warning, and an error once a line tries to close it', async () => {
	const random = createRandom(20261124);
	const languages = ['bash', 'yaml', 'sql', 'promql', 'json', ''];
	const codeLines = [
		'kubectl -n erp get pods',
		'select count(*) from llx_user;',
		'rate(http_requests_total[5m])',
		'  replicas: 3',
		'{ "ok": true }',
		'# a shell comment',
		'echo "## not a heading"',
		'',
	];
	for (let i = 0; i < 25; i++) {
		const fence = '`'.repeat(random.int(3, 5));
		const body = Array.from({ length: random.int(1, 6) }, () => random.pick(codeLines)).filter(
			(line, at, all) => !(line === '' && at === all.length - 1),
		);
		const page = `# Page ${i}\n\nRun:\n\n${fence}${random.pick(languages)}\n${body.join('\n')}\n`;
		const open = await runExample(codeFences, { 'README.md': page });
		expect(
			open.map((f) => f.severity),
			page,
		).toEqual(['warning']);
		const tried = await runExample(codeFences, {
			'README.md': `${page}${'`'.repeat(fence.length - 1)}\n\nAfter the block.\n`,
		});
		expect(
			tried.map((f) => f.severity),
			page,
		).toEqual(['error']);
		expect(await runExample(codeFences, { 'README.md': `${page}${fence}\n` }), page).toEqual([]);
	}
}, 120_000);
