import { afterEach, beforeEach, expect, test } from 'vitest';
import { parseConfig } from '../../config/load-config.ts';
import { checkTree } from '../helpers/check-tree.ts';
import { defineRule } from '../../checks/rules/define-rule.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// `waymark build` releases the pages' syntax trees as soon as no rule will read one again, while
// a rule that reads only page facts (the mermaid rules, waiting for drawings) may still run.
let root: string;
beforeEach(async () => {
	root = await writeFixture({ 'README.md': '# Home\n\nText.\n' });
});
afterEach(async () => {
	await removeFixture(root);
});

const examples = { ok: [], notOk: [] };

test('says the syntax trees are free once every rule that reads them is done, before a facts-only rule ends', async () => {
	const events: string[] = [];
	let finishWaiting!: () => void;
	const waiting = new Promise<void>((resolve) => (finishWaiting = resolve));
	// The reading rule waits too, so a run that said "free" as the rules start would be caught.
	let letRead!: () => void;
	const reading = new Promise<void>((resolve) => (letRead = resolve));
	const rules = {
		'reads-trees': defineRule({
			id: 'reads-trees',
			description: 'Reads the trees.',
			defaultSeverity: 'error',
			examples,
			check: async (ctx) => {
				await reading;
				events.push(`read ${[...ctx.tree.pages.values()][0]?.tree.children.length}`);
			},
		}),
		'waits-on-facts': defineRule({
			id: 'waits-on-facts',
			description: 'Waits.',
			defaultSeverity: 'error',
			examples,
			readsSyntaxTrees: false,
			check: async () => {
				await waiting;
				events.push('facts done');
			},
		}),
	};
	const run = checkTree({
		root,
		config: parseConfig({}),
		rules,
		onSyntaxTreesRead: () => void events.push('trees free'),
	});
	await new Promise((resolve) => setTimeout(resolve, 50));
	expect(events).toEqual([]);
	letRead();
	await expect.poll(() => events).toEqual(['read 2', 'trees free']);
	finishWaiting();
	await run;
	expect(events).toEqual(['read 2', 'trees free', 'facts done']);
});
