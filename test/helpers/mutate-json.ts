/**
 * Seeded mutations of a JSON document, for fuzz tests of parsers of answers from outside: a value
 * at a random path is replaced by a hostile one (a wrong type, a huge text, a huge list, nesting
 * 100,000 deep, a `__proto__` key), deleted, or joined by a hostile key.
 */
import type { Random } from './seeded-random.ts';

export const pick = <T>(random: Random, items: readonly T[]): T =>
	items[Math.floor(random() * items.length)]!;

type Json = unknown;
export type JsonPath = Array<string | number>;

/** Nested `depth` deep, built without recursion (as `JSON.parse` would build it). */
function nested(depth: number, kind: 'object' | 'array'): Json {
	let value: Json = 'bottom';
	for (let i = 0; i < depth; i++) value = kind === 'object' ? { a: value } : [value];
	return value;
}

// Built once and frozen (mutations never reach into them): building them per document costs seconds.
const deepObject = Object.freeze(nested(100_000, 'object'));
const deepArray = Object.freeze(nested(100_000, 'array'));
const hugeList = Object.freeze(new Array<number>(120_000).fill(0));

/** The hostile values a mutation puts somewhere: each kind of wrong type, and each kind of too large. */
const hostileValues: Array<[string, (random: Random) => Json]> = [
	['a number', (random) => pick(random, [0, -1, 42, 1e308, 0.5])],
	['a boolean', (random) => random() < 0.5],
	['null', () => null],
	['an empty list', () => []],
	['an empty object', () => ({})],
	['a list of texts', () => ['x', 'y']],
	['an object of numbers', () => ({ alertname: 1, severity: 2 })],
	['an empty text', () => ''],
	['a huge text', () => 'x'.repeat(70_000)],
	['control characters', () => 'a\u0000\n\u001b[31m\u2028b'],
	['nesting 100,000 deep', (random) => (random() < 0.5 ? deepObject : deepArray)],
	['a huge list', () => hugeList],
	[
		'an object with 200 keys',
		() => Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, 'v'])),
	],
	[
		'an own __proto__ key',
		() => JSON.parse('{"__proto__":{"polluted":"yes"},"alertname":"Evil"}') as Json,
	],
	['a date that is not one', () => '2026-13-45T99:99:99Z'],
];

/** Every path in a document, down to 10 levels: the valid document and what earlier mutations put in it, never into a frozen hostile value. */
export function pathsOf(document: Json): JsonPath[] {
	const paths: JsonPath[] = [[]];
	const stack: Array<[Json, JsonPath]> = [[document, []]];
	while (stack.length > 0) {
		const [value, path] = stack.pop()!;
		if (value === null || typeof value !== 'object' || Object.isFrozen(value) || path.length >= 10)
			continue;
		for (const [key, child] of Object.entries(value)) {
			const childPath = [...path, Array.isArray(value) ? Number(key) : key];
			paths.push(childPath);
			stack.push([child, childPath]);
		}
	}
	return paths;
}

/** One mutation: what it did (for a failure message) and where. */
export interface Mutation {
	path: JsonPath;
	what: string;
}

/** Mutates `document` in place (the root is replaced through the returned document) at one random path. */
export function mutate(document: Json, random: Random): { document: Json; mutation: Mutation } {
	const paths = pathsOf(document);
	const path = pick(random, paths);
	const [name, make] = pick(random, hostileValues);
	const roll = random();
	if (path.length === 0)
		return { document: make(random), mutation: { path, what: `the whole answer is ${name}` } };
	const parent = path
		.slice(0, -1)
		.reduce<Json>((at, key) => (at as Record<string | number, Json>)[key], document) as Record<
		string | number,
		Json
	>;
	const key = path.at(-1)!;
	if (roll < 0.15 && !Array.isArray(parent)) {
		delete parent[key];
		return { document, mutation: { path, what: 'deleted' } };
	}
	if (roll < 0.3 && !Array.isArray(parent)) {
		const extra = pick(random, ['__proto__', 'constructor', 'toString', 'zzz']);
		Object.defineProperty(parent, extra, {
			value: make(random),
			enumerable: true,
			writable: true,
			configurable: true,
		});
		return {
			document,
			mutation: { path: [...path.slice(0, -1), extra], what: `added as ${name}` },
		};
	}
	parent[key] = make(random);
	return { document, mutation: { path, what: `replaced by ${name}` } };
}
