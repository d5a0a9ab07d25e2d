import { readFileSync } from 'node:fs';
import { runInThisContext } from 'node:vm';
import { expect, test } from 'vitest';
import { mermaidPackage } from '../../diagrams/mermaid-config.ts';
import { assignWithDepthDefinition, copyMermaidConfig, withFastConfigCopy } from '../../diagrams/mermaid-bundle.ts';

// Mermaid's own function, from the text the swap checks for, in this realm (prototypes compare equal).
type Assign = (target: unknown, source: unknown, options?: { depth?: number }) => unknown;
const assignWithDepth = runInThisContext(`(() => { "use strict"; const i = (f) => f; let sHe, Bh; ${assignWithDepthDefinition}; return Bh; })()`) as Assign;

test('the installed mermaid bundle gets the fast config copy (on a mermaid upgrade: check copyMermaidConfig against its new getConfig)', () => {
	const bundle = readFileSync(mermaidPackage.browserBundle, 'utf8');
	const { text, patched } = withFastConfigCopy(bundle);
	expect(patched, `mermaid ${mermaidPackage.version} no longer defines getConfig and assignWithDepth as diagrams/mermaid-bundle.ts expects`).toBe(true);
	expect(text).toContain('function copyMermaidConfig(');
	expect(text.length).toBeGreaterThan(bundle.length);
	// Anything else is served as published.
	expect(withFastConfigCopy(bundle.replace('"getConfig")', '"getConfig" )'))).toEqual({ text: bundle.replace('"getConfig")', '"getConfig" )'), patched: false });
});

/**
 * Every own key in order, with descriptors and prototypes; and where each side holds the very
 * object of the input (`origin`) rather than a copy, the other does too.
 */
function same(a: unknown, b: unknown, origin: unknown, path = '$'): string | undefined {
	if (typeof a !== typeof b) return `${path}: ${typeof a} against ${typeof b}`;
	if ((a === origin) !== (b === origin) && typeof origin === 'object' && origin !== null) return `${path}: one side copied, the other shares the input's object`;
	if (a === null || typeof a !== 'object' || b === null) return Object.is(a, b) ? undefined : `${path}: ${String(a)} against ${String(b)}`;
	if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: different kinds`;
	const keysA = Reflect.ownKeys(a), keysB = Reflect.ownKeys(b as object);
	if (keysA.map(String).join() !== keysB.map(String).join()) return `${path}: keys ${keysA.map(String).join()} against ${keysB.map(String).join()}`;
	for (const key of keysA) {
		const da = Object.getOwnPropertyDescriptor(a, key)!, db = Object.getOwnPropertyDescriptor(b, key)!;
		if (da.enumerable !== db.enumerable || da.writable !== db.writable) return `${path}.${String(key)}: descriptor`;
		const inner = same(da.value, db.value, origin !== null && typeof origin === 'object' ? (Object.getOwnPropertyDescriptor(origin, key)?.value as unknown) : undefined, `${path}.${String(key)}`);
		if (inner) return inner;
	}
	return undefined;
}

test('copyMermaidConfig returns what mermaid\'s assignWithDepth({}, config) returns, on 20,000 generated configs', () => {
	let seed = 20261123;
	const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
	const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
	// Shared leaves: below the copied levels the copy keeps references, as mermaid's does.
	const leaves: unknown[] = [{ deep: 1 }, [1, 2], () => 1];
	const value = (depth: number): unknown => {
		const roll = random();
		if (depth <= 0 || roll < 0.3) return pick([null, undefined, 0, 1, 'a', '', true, ...leaves]);
		if (roll < 0.5) return Array.from({ length: Math.floor(random() * 5) }, () => (random() < 0.5 ? pick([1, 2, 'x']) : value(depth - 1)));
		const object: Record<string, unknown> = {};
		for (let n = Math.floor(random() * 6); n > 0; n--) object[pick(['a', 'b', 'c', 'toString', 'constructor'])] = value(depth - 1);
		if (random() < 0.05) object[Symbol.for('symbol') as unknown as string] = value(depth - 1);
		// An own `__proto__` key, as JSON.parse makes one.
		if (random() < 0.1) Object.defineProperty(object, '__proto__', { value: value(depth - 1), writable: true, enumerable: true, configurable: true });
		return object;
	};
	let compared = 0;
	for (let n = 0; n < 20_000; n++) {
		const config = value(5);
		if (config === null || typeof config !== 'object' || Array.isArray(config)) continue;
		const problem = same(copyMermaidConfig(config as Record<string, unknown>), assignWithDepth({}, config), config);
		if (problem) expect.fail(`${problem} for ${JSON.stringify(config)}`);
		compared++;
	}
	expect(compared).toBeGreaterThan(10_000);
	// A config shaped like mermaid's: sections, theme variables, arrays with repeats.
	const config = { theme: 'base', secure: ['secure', 'securityLevel', 'secure'], flowchart: { curve: 'basis', padding: 8, nested: { a: 1 }, list: [1, 1, 2], off: null }, themeVariables: { primaryColor: '#e8f1fc' }, gone: null, fn: () => 1 };
	expect(same(copyMermaidConfig(config), assignWithDepth({}, config), config)).toBeUndefined();
	expect(copyMermaidConfig(config)).toEqual({ theme: 'base', secure: ['secure', 'securityLevel'], flowchart: { curve: 'basis', padding: 8, nested: { a: 1 }, list: [1, 2] }, themeVariables: { primaryColor: '#e8f1fc' }, fn: config.fn });
});
