/** A seeded pseudo-random source for generated tests: the same cases on every run and machine. */
export function seeded(seed: number) {
	let state = seed >>> 0;
	// mulberry32
	const random = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
	};
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
	return { random, pick, chance: (p: number) => random() < p };
}
