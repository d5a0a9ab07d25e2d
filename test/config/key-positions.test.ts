import { expect, test } from 'vitest';
import { keyPositions } from '../../config/key-positions.ts';
import { pick, seededRandom } from '../helpers/seeded-random.ts';

// A config problem is reported at the key it is about, through mappings and lists alike, in YAML
// and in JSON. Generated: lists of locations of random length, each item's keys in random order,
// written in both forms; every key of every item is found on the line and column it was written at.
const keysOfItem = ['name', 'blackbox', 'labels'];

function written(random: () => number): {
	yaml: string;
	json: string;
	items: Array<Record<string, string>>;
} {
	const items = Array.from({ length: 1 + pick(random, 6) }, (_, i) =>
		Object.fromEntries(
			[...keysOfItem].sort(() => random() - 0.5).map((key) => [key, `${key}-${i}`]),
		),
	);
	const yaml = `status:\n  refresh: 30s\n  locations:\n${items
		.map((item) =>
			Object.entries(item)
				.map(([key, value], k) => `${k === 0 ? '    - ' : '      '}${key}: ${value}`)
				.join('\n'),
		)
		.join('\n')}\n`;
	return {
		yaml,
		json: JSON.stringify({ status: { refresh: '30s', locations: items } }, null, 2),
		items,
	};
}

/** Where `key` is written in the `index`-th item, found by reading the text, 1-based. */
function expectedAt(text: string, key: string, value: string): { line: number; column: number } {
	const lines = text.split('\n');
	const line = lines.findIndex((l) => l.includes(value));
	const column = lines[line]!.indexOf(text.startsWith('{') ? `"${key}"` : `${key}:`);
	return { line: line + 1, column: column + 1 };
}

test('finds each key of each list item where it is written, in YAML and in JSON', () => {
	const random = seededRandom(20261128);
	for (let round = 0; round < 40; round++) {
		const { yaml, json, items } = written(random);
		for (const text of [yaml, json]) {
			const locate = keyPositions(text);
			items.forEach((item, index) => {
				for (const [key, value] of Object.entries(item))
					expect(locate(['status', 'locations', index, key]), `${text}\n${index}.${key}`).toEqual(
						expectedAt(text, key, value),
					);
			});
			// Past the end of the list, or a key no item has: the deepest part that is written.
			const list = locate(['status', 'locations']);
			expect(locate(['status', 'locations', items.length, 'name'])).toEqual(list);
			expect(locate(['status', 'locations', 0, 'nowhere'])).toEqual(
				locate(['status', 'locations', 0]),
			);
		}
	}
});

test('without text, no position', () => {
	expect(keyPositions(undefined)(['status'])).toBeUndefined();
});
