import { expect, test } from 'vitest';
import frontmatter from '../../checks/rules/frontmatter.ts';
import { createRandom } from '../../bench/lib/prng.mjs';
import { runExample } from './run-example.ts';

// `status` on a GitHub tree with no tool of its own: Waymark's field where the tree uses Waymark's
// fields, else possibly the project's own (a design process), where a value Waymark cannot read is
// a warning, never an error.

const statusFindings = async (files: Record<string, string>): Promise<string[]> =>
	(await runExample(frontmatter, files))
		.filter((f) => f.message.includes('for `status`'))
		.map((f) => `${f.file} ${f.severity}`);

test("a project vocabulary of statuses is warned about, and becomes errors once a page uses Waymark's", async () => {
	const random = createRandom(77);
	const vocabulary = [
		'accepted',
		'approved',
		'complete',
		'in-progress',
		'rejected',
		'Production',
		'done',
		'Active ',
	];
	for (let round = 0; round < 5; round++) {
		const proposals = Array.from(
			{ length: random.int(1, 5) },
			(_, i) =>
				[
					`proposal-${i}.md`,
					`---\ntitle: Proposal ${i}\nstatus: ${random.pick(vocabulary)}\nowner: team-${i}\n---\n\n# Proposal ${i}\n`,
				] as const,
		);
		const files = {
			'README.md': `# Proposals\n\n${proposals.map(([path]) => `- [${path}](${path})`).join('\n')}\n`,
			...Object.fromEntries(proposals),
		};
		expect(await statusFindings(files)).toEqual(proposals.map(([path]) => `${path} warning`));
		// One page with a status Waymark reads: the tree writes Waymark's field, and the rest are typos.
		expect(
			await statusFindings({ ...files, 'runbook.md': '---\nstatus: active\n---\n\n# Runbook\n' }),
		).toEqual(proposals.map(([path]) => `${path} error`));
		// So does a page with a key only Waymark defines.
		expect(
			await statusFindings({
				...files,
				'runbook.md': '---\nupstream: [README.md]\n---\n\n# Runbook\n',
			}),
		).toEqual(proposals.map(([path]) => `${path} error`));
	}
}, 120_000);
