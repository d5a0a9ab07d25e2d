import { expect, test } from 'vitest';
import { parseRuleFile } from '../../alerts/rule-files.ts';
import { growthRatio } from '../helpers/growth.ts';

// A rule file is read on every check and build, a branch under review's included. Placing each
// document's errors parsed the whole file again: 2,000 documents of `groups: [` took 30 s.
// At n and 8n documents: linear work grows about 8-fold, quadratic work 64-fold.
const unclosedDocuments = (n: number): string => 'groups: [\n---\n'.repeat(n);

test('places the errors of many broken documents in time linear in the file', () => {
	expect(
		growthRatio((n) => parseRuleFile('rules.yml', unclosedDocuments(n)), 100, 800),
	).toBeLessThan(20);
});

test('places each broken document’s error at its own unclosed `[`', () => {
	const { problems } = parseRuleFile('rules.yml', unclosedDocuments(3_000));
	expect(problems).toHaveLength(3_000);
	expect(problems.map(({ position }) => position?.line)).toEqual(
		Array.from({ length: 3_000 }, (_, i) => 2 * i + 1),
	);
	expect(problems[2_999]?.position).toEqual({ line: 5_999, column: 9 });
});
