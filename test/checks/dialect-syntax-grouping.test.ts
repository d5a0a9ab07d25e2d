import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { checkTree } from '../helpers/check-tree.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// A page written for a tool Waymark does not read holds its syntax dozens of times: one warning per
// kind and page, at the first, with the count and the others' places, so the page's other
// findings stay in sight. Pages of 1 to 30 occurrences of two kinds, interleaved.
const counts = [1, 2, 8, 9, 30];
let root: string;

beforeAll(async () => {
	const page = (n: number) =>
		`# Page ${n}\n\n${Array.from({ length: n }, (_, i) => `Value {{ site.v${i} }} here.\n{: .note${i} }\n`).join('\n')}`;
	root = await writeFixture(Object.fromEntries(counts.map((n) => [`p${n}.md`, page(n)])));
});
afterAll(() => removeFixture(root));

test.each(counts)(
	'a page with %i of each kind gets one warning per kind, at the first, counting and placing the others',
	async (n) => {
		const report = await checkTree({ root, config: parseConfig({}), only: ['dialect-syntax'] });
		const findings = report.findings.filter((finding) => finding.file === `p${n}.md`);
		expect(findings.map((finding) => [finding.position?.line, finding.severity])).toEqual([
			[3, 'warning'],
			[4, 'warning'],
		]);
		for (const [finding, construct] of [
			[findings[0], 'site.v'],
			[findings[1], '.note'],
		] as const) {
			const others = [...finding!.message.matchAll(/`([^`]*)` at (\d+):(\d+)/g)];
			if (n === 1) {
				expect(finding!.message).not.toContain('of this kind');
				continue;
			}
			expect(finding!.message).toContain(`(${n} of this kind on this page; also `);
			expect(others).toHaveLength(Math.min(n - 1, 8));
			others.forEach((match, i) => {
				expect(match[1]).toContain(`${construct}${i + 1}`);
				expect(Number(match[2])).toBe(finding!.position!.line + 3 * (i + 1));
			});
			if (n > 9) expect(finding!.message).toContain(`, and ${n - 9} more)`);
			else expect(finding!.message).toMatch(/\d\)$/);
		}
	},
);
