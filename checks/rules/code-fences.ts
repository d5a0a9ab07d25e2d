import type { Parents } from 'mdast';
import { sourceLineOf } from '../../tools/syntax/line-origins.ts';
import { walkMdast } from '../../markdown/walk-mdast.ts';
import { pageFact, type PageModel } from '../../tree/parse-page.ts';
import { defineRule, type RuleReport } from './define-rule.ts';

export default defineRule({
	id: 'code-fences',
	description:
		'Every fenced code block is closed. A fence left open turns the rest of the page into code, as on every CommonMark tool: an error when a line inside tries to close it (too short, or with an info string) or when it swallows a section (a heading, then prose with a link or inline code), else a warning, since a last block left open is often meant; one its list item or quote closes renders as its author meant on every forge (a warning). The message says which lines the site shows as code, from the same parse the site renders.',
	defaultSeverity: 'error',
	examples: {
		ok: [
			{
				title: 'closed fences, longer closing fences and tildes',
				files: { 'README.md': '# Home\n\n```bash\nls\n```\n\n~~~~\ncode\n~~~~~\n' },
			},
		],
		notOk: [
			{
				title: 'an unclosed fence',
				files: {
					'README.md':
						'# Home\n\n```bash\nsystemctl restart nginx\n\n## Verify\n\nCheck the logs.\n',
				},
				output: [
					'README.md:3:1: Unexpected unclosed code fence ```` ```bash ````, expected a closing ```` ``` ```` line; the remaining 5 lines of the page are shown as code (code-fences)',
				],
			},
			{
				title: 'the last block left open, which every tool runs to the end of the page (a warning)',
				files: {
					'README.md':
						'# Home\n\nAdd the annotation:\n\n```yaml\nmetadata:\n  annotations:\n    example.org/excluded-labels: "team,version"\n',
				},
				output: [
					'README.md:5:1: Unexpected unclosed code fence ```` ```yaml ````, expected a closing ```` ``` ```` line; the remaining 3 lines of the page are shown as code (code-fences)',
				],
			},
			{
				title: 'a fence its list item closes, and one closed too short',
				files: {
					'README.md':
						'# Home\n\n1. Restart:\n   ```bash\n   systemctl restart nginx\n2. Check the logs.\n3. Check the queue:\n   ```promql\n   queue_length\n   ``\n   Above 20 is trouble.\n4. Done.\n',
				},
				output: [
					'README.md:4:4: Unexpected unclosed code fence ```` ```bash ````, expected a closing ```` ``` ```` line; the block ends with its list item, so line 5 is shown as code (code-fences)',
					'README.md:8:4: Unexpected unclosed code fence ```` ```promql ````, expected a closing ```` ``` ```` line (line 10 ```` `` ```` is too short to close it); the block ends with its list item, so lines 9–11 are shown as code (code-fences)',
				],
			},
			{
				title: 'a fence in a list item whose lines are not indented with it',
				files: {
					'README.md':
						'# Home\n\n1. Add the release:\n\n    ```\n- name: bosh\n  version: 273.1.0\n    ```\n',
				},
				output: [
					'README.md:5:5: Unexpected unclosed code fence ```` ``` ````, expected a closing ```` ``` ```` line; the block ends with its list item at once, so it is empty and line 6 onwards render as text, not code (code-fences)',
					'README.md:8:5: Unexpected unclosed code fence ```` ``` ````, expected a closing ```` ``` ```` line; it ends the page as an empty code block (code-fences)',
				],
			},
		],
	},
	check(ctx) {
		for (const path of ctx.targets) {
			const page = ctx.tree.pages.get(path);
			// A page's unclosed fences follow from its text alone: kept with the page between runs.
			if (page)
				for (const report of pageFact(page, 'code-fences', () => unclosedFences(page)))
					ctx.report(report);
		}
	},
});

function unclosedFences(page: PageModel): RuleReport[] {
	const reports: RuleReport[] = [];
	const lines = page.text.split('\n');
	const lineCount = page.text.endsWith('\n') ? lines.length - 1 : lines.length;
	// Line numbers in a message are the file's, where the dialect's rewrite added lines.
	const fileLine = (line: number): number => sourceLineOf(line, page.sourceLines);
	walkMdast(page.tree, (node, parent) => {
		if (node.type !== 'code' || !node.position) return;
		const { start, end } = node.position;
		const opening = lines[start.line - 1] ?? '';
		const marker = /^[\s>]*(?:(?:[-*+]|\d+[.)])\s+)?\s*(`{3,}|~{3,})/.exec(opening)?.[1];
		if (!marker) return;
		const closing = (lines[end.line - 1] ?? '').replace(/^[\s>]*/, '').trimEnd();
		const closed =
			end.line > start.line &&
			closing.length >= marker.length &&
			[...closing].every((c) => c === marker[0]);
		if (closed) return;
		const info = opening.trim().replace(/^[>\s]*(?:(?:[-*+]|\d+[.)])\s+)?/, '');
		const content = node.value === '' ? [] : node.value.split('\n');
		const attempt = attemptedClose(content, marker, start.line, fileLine);
		const expected = `expected a closing \`\`\`\` ${marker} \`\`\`\` line${attempt ? ` (${attempt})` : ''}`;
		const last = start.line + content.length;
		const message = `Unexpected unclosed code fence \`\`\`\` ${info} \`\`\`\`, ${expected}`;
		if (lines.slice(last, lineCount).every((line) => line.trim() === '')) {
			const remaining = Math.max(0, fileLine(lineCount) - fileLine(start.line));
			const rest =
				remaining === 0
					? 'it ends the page as an empty code block'
					: remaining === 1
						? 'the remaining line of the page is shown as code'
						: `the remaining ${remaining} lines of the page are shown as code`;
			// Every CommonMark tool runs the block to the end of the page, as here, and a last block
			// left open is often meant: an error only where the page shows it was not.
			const mistaken = attempt !== undefined || swallowsProse(content, info);
			reports.push({
				file: page.path,
				position: start,
				...(!mistaken && { severity: 'warning' as const }),
				message: `${message}; ${rest}`,
			});
			return;
		}
		// The block ended before the page did: CommonMark closes a fence with its container.
		const container = containerName(parent);
		if (content.every((line) => line.trim() === '')) {
			// Nothing inside: the lines meant for the block are outside the container, and render as Markdown.
			reports.push({
				file: page.path,
				position: start,
				message: `${message}; the block ends with its ${container} at once, so it is empty and line ${fileLine(last + 1)} onwards render as text, not code`,
			});
			return;
		}
		let shownTo = last;
		while (shownTo > start.line + 1 && (lines[shownTo - 1] ?? '').trim() === '') shownTo--;
		const shown =
			shownTo === start.line + 1
				? `line ${fileLine(shownTo)} is`
				: `lines ${fileLine(start.line + 1)}–${fileLine(shownTo)} are`;
		reports.push({
			file: page.path,
			position: start,
			// Closed by its container without a try at closing it, the block renders as the author meant.
			...(!attempt && { severity: 'warning' as const }),
			message: `${message}; the block ends with its ${container}, so ${shown} shown as code`,
		});
	});
	return reports;
}

/**
 * Whether a block left open swallowed a section of the page: a heading after a blank line, then a
 * line of Markdown prose (a link or an inline code span). A heading alone is no sign (`## x` is a
 * comment in shell or YAML), and a block of Markdown shows both by design.
 */
function swallowsProse(content: string[], info: string): boolean {
	if (/^[`~]{3,}\s*(?:markdown|md|mdx|gfm|commonmark)\b/i.test(info)) return false;
	const heading = content.findIndex(
		(line, i) => /^#{1,6}\s+\S/.test(line) && (i === 0 || (content[i - 1] ?? '').trim() === ''),
	);
	return (
		heading !== -1 &&
		content.slice(heading + 1).some((line) => /\]\([^)\s]+\)|(^|[^`])`[^`\s][^`]*`(?!`)/.test(line))
	);
}

/**
 * A line inside the block that looks meant to close it but cannot, described for the message. A
 * shorter fence with an info string opens a block inside it (a ````` ````markdown ````` block
 * showing a ```` ```shell ```` one), and the next bare fence at least as long closes that one.
 */
function attemptedClose(
	content: string[],
	marker: string,
	openingLine: number,
	fileLine: (line: number) => number,
): string | undefined {
	const char = marker[0] ?? '`';
	let inner = 0;
	for (const [i, raw] of content.entries()) {
		const line = raw.trim();
		const run = /^(`+|~+)(.*)$/.exec(line);
		if (!run?.[1] || run[1][0] !== char || run[1].length < 2) continue;
		const bare = run[2]?.trim() === '';
		if (run[1].length < marker.length && run[1].length >= 3) {
			if (inner === 0 && !bare) {
				inner = run[1].length;
				continue;
			}
			if (inner > 0 && bare && run[1].length >= inner) {
				inner = 0;
				continue;
			}
		}
		const where = `line ${fileLine(openingLine + 1 + i)} \`\`\`\` ${line} \`\`\`\``;
		if (run[1].length < marker.length && bare) return `${where} is too short to close it`;
		if (run[1].length >= marker.length && run[2]?.trim() !== '')
			return `${where} cannot close it: a closing fence takes no info string`;
	}
	return undefined;
}

function containerName(parent: Parents | undefined): string {
	if (parent?.type === 'listItem') return 'list item';
	if (parent?.type === 'blockquote') return 'block quote';
	return 'container';
}
