/** A number in [0, 1), like `Math.random`, but the same sequence for the same seed on every machine. */
export type Random = () => number;

/** mulberry32: a small seeded generator, so a generated case is the same on every run. */
export function seededRandom(seed: number): Random {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

/** A whole number in `[0, n)` from `random`. */
export const pick = (random: Random, n: number): number => Math.floor(random() * n);

/** One of `items`, chosen by `random`. */
export const pickItem = <T>(random: Random, items: readonly T[]): T =>
	items[pick(random, items.length)] as T;
