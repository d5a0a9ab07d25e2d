import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { boundedRange, configPagePath, renderConfigPage } from '../../config/docs.ts';
import { ConfigSchema } from '../../config/load-config.ts';

test('the committed configuration reference equals the generator output (run `npm run docs:config` after changing a schema)', async () => {
	expect(await readFile(configPagePath, 'utf8')).toBe(renderConfigPage());
});

test('documents every key of every section, with its JSDoc', () => {
	const page = renderConfigPage();
	for (const [section, schema] of Object.entries(ConfigSchema.shape)) {
		const inner = (schema as unknown as { _zod: { def: { innerType?: { shape?: object } } } })._zod
			.def.innerType?.shape;
		for (const key of Object.keys(inner ?? { [section]: true }))
			expect(page).toContain(`| \`${inner ? `${section}.${key}` : section}`);
	}
	expect(page).toContain('| `links.rules[].pattern` | text | required | Glob over the whole URL');
	expect(page).toContain(
		'| `network.timeoutMs` | whole number > 0 | `10000` | Per-request timeout in milliseconds. |',
	);
	// Both bounds: an exclusive minimum is said as such (a whole number's starts at the next one).
	expect(page).toContain('| `checks.maxPageBytes` | whole number from 1 to 10485760 |');
	expect(page).toContain('| `build.stallTimeoutSeconds` | number > 0 and ≤ 3600 |');
});

test('says a range with both bounds as a reader would check it, an exclusive bound included', () => {
	const bound = (value: number, inclusive: boolean) => ({ value, inclusive });
	expect(boundedRange('whole number', bound(0, true), bound(10, true))).toBe(
		'whole number from 0 to 10',
	);
	expect(boundedRange('whole number', bound(0, false), bound(10, false))).toBe(
		'whole number from 1 to 9',
	);
	expect(boundedRange('number', bound(0, true), bound(1, true))).toBe('number from 0 to 1');
	expect(boundedRange('number', bound(0, false), bound(1, true))).toBe('number > 0 and ≤ 1');
	expect(boundedRange('number', bound(0, true), bound(1, false))).toBe('number ≥ 0 and < 1');
});
