import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { renderRulesPage, rulesPagePath } from '../../checks/rules/docs.ts';
import { rules } from '../../checks/rules/index.ts';

test('the committed rules page equals the generator output (run `npm run docs:rules` after changing a rule)', async () => {
	expect(await readFile(rulesPagePath, 'utf8')).toBe(renderRulesPage());
});

test('the rules page has a section per rule with every example finding', () => {
	const page = renderRulesPage();
	for (const rule of Object.values(rules)) {
		expect(page).toContain(`\n## ${rule.id}\n`);
		for (const example of rule.examples.notOk)
			for (const line of example.output) expect(page).toContain(line);
	}
});

test('the rules page gives default severities as the values `checks.rules` accepts', () => {
	const page = renderRulesPage();
	expect(page).toContain('| [`orphan-pages`](#orphan-pages) | `off` |');
	expect(page).toContain('Default severity: **`off`**.');
	expect(page).not.toContain('| `warn` |');
	expect(page).not.toMatch(/\| warning(, with [^|]*)? \|/);
	expect(page).not.toContain('Default severity: **warning**');
});
