import { expect, test } from 'vitest';

test('exposes the public API and nothing else', async () => {
	expect(Object.keys(await import('../../checks/index.ts')).sort()).toEqual([
		'defineRule',
		'formatFinding',
		'loadConfig',
		'parseConfig',
		'reporters',
		'rules',
		'runChecks',
	]);
});
