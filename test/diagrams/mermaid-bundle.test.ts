import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { Script, runInThisContext } from 'node:vm';
import { expect, test } from 'vitest';
import { mermaidPackage } from '../../diagrams/mermaid-config.ts';
import {
	actorCounterDefinition,
	actorCounterResetName,
	assignWithDepthDefinition,
	copyMermaidConfig,
	decodeReferences,
	getConfigDefinition,
	labelLines,
	labelLinesDefinition,
	markdownHtmlDefinition,
	patchMermaidBundle,
	updateCurrentConfigDefinition,
	withActorCounterReset,
	withCopyIntoEmpty,
	withFastConfigCopy,
	withLabelText,
	wordDecoderDefinition,
} from '../../diagrams/mermaid-bundle.ts';

// Mermaid's own function, from the text the swap checks for, in this realm (prototypes compare equal).
type Assign = (target: unknown, source: unknown, options?: { depth?: number }) => unknown;
const assignWithDepth = runInThisContext(
	`(() => { "use strict"; const i = (f) => f; let sHe, Bh; ${assignWithDepthDefinition}; return Bh; })()`,
) as Assign;
// The patched definitions as the bundle gets them: `Bh` is the fast path wrapped around mermaid's.
const definitions = [
	assignWithDepthDefinition,
	getConfigDefinition,
	updateCurrentConfigDefinition,
].join(';');
const patchedDefinitions = withFastConfigCopy(definitions);
const fastAssign = runInThisContext(
	`(() => { "use strict"; const i = (f) => f; let sHe, Bh, ri, gz, Uee; ${patchedDefinitions.text}; return Bh; })()`,
) as Assign;

test('the fuzzed fast path is the patched one', () => {
	expect(patchedDefinitions.patched).toBe(true);
	expect(fastAssign).not.toBe(assignWithDepth);
	expect(String(fastAssign)).toContain('intoEmpty');
});

test('the installed mermaid bundle gets the fast config copy (on a mermaid upgrade: check copyMermaidConfig against its new assignWithDepth)', () => {
	const bundle = readFileSync(mermaidPackage.browserBundle, 'utf8');
	const { text, patched } = withFastConfigCopy(bundle);
	expect(
		patched,
		`mermaid ${mermaidPackage.version} no longer defines getConfig, assignWithDepth and updateCurrentConfig as diagrams/mermaid-bundle.ts expects`,
	).toBe(true);
	// The lazy copy relies on the current config (`Uee`) being set only as a fresh copy: once at
	// start and in updateCurrentConfig.
	expect(bundle.match(/(?<![\w$.])Uee=/g)).toEqual(['Uee=', 'Uee=']);
	expect(bundle).toContain('Uee=Bh({},zE)');
	expect(text).toContain('function copyMermaidConfig(');
	expect(text).toContain('Bh=(function withCopyIntoEmpty(');
	expect(text).toContain('=>copy(Uee,true))(function copyMermaidConfig(');
	expect(text.length).toBeGreaterThan(bundle.length);
	// Anything else is served as published.
	for (const changed of [
		bundle.replace('"assignWithDepth"),Bh=sHe', '"assignWithDepth"), Bh=sHe'),
		bundle.replace('"getConfig")', '"getConfig" )'),
		bundle.replace('return Uee=a,', 'return Uee=a , '),
	])
		expect(withFastConfigCopy(changed)).toEqual({ text: changed, patched: false });
	// The bundle the tabs load, with every change, is still a script that parses.
	expect(() => new Script(withActorCounterReset(text).text)).not.toThrow();
});

/**
 * Every own key in order, with descriptors and prototypes; and where each side holds the very
 * object of the input (`origin`) rather than a copy, the other does too.
 */
function same(a: unknown, b: unknown, origin: unknown, path = '$'): string | undefined {
	if (typeof a !== typeof b) return `${path}: ${typeof a} against ${typeof b}`;
	if ((a === origin) !== (b === origin) && typeof origin === 'object' && origin !== null)
		return `${path}: one side copied, the other shares the input's object`;
	if (a === null || typeof a !== 'object' || b === null)
		return Object.is(a, b) ? undefined : `${path}: ${String(a)} against ${String(b)}`;
	if (
		Array.isArray(a) !== Array.isArray(b) ||
		Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)
	)
		return `${path}: different kinds`;
	const keysA = Reflect.ownKeys(a),
		keysB = Reflect.ownKeys(b as object);
	if (keysA.map(String).join() !== keysB.map(String).join())
		return `${path}: keys ${keysA.map(String).join()} against ${keysB.map(String).join()}`;
	for (const key of keysA) {
		const da = Object.getOwnPropertyDescriptor(a, key)!,
			db = Object.getOwnPropertyDescriptor(b, key)!;
		if (
			da.enumerable !== db.enumerable ||
			da.writable !== db.writable ||
			da.configurable !== db.configurable
		)
			return `${path}.${String(key)}: descriptor`;
		const inner = same(
			da.value,
			db.value,
			origin !== null && typeof origin === 'object'
				? (Object.getOwnPropertyDescriptor(origin, key)?.value as unknown)
				: undefined,
			`${path}.${String(key)}`,
		);
		if (inner) return inner;
	}
	return undefined;
}

/** `copy` with every lazily copied section read once, so that its descriptors are plain values. */
function settled<T extends object>(copy: T): T {
	for (const key of Object.keys(copy)) void (copy as Record<string, unknown>)[key];
	return copy;
}

test("copyMermaidConfig returns what mermaid's assignWithDepth({}, config) returns, on 20,000 generated configs", () => {
	let seed = 20261123;
	const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
	const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
	// Shared leaves: below the copied levels the copy keeps references, as mermaid's does.
	const leaves: unknown[] = [{ deep: 1 }, [1, 2], () => 1];
	const value = (depth: number): unknown => {
		const roll = random();
		if (depth <= 0 || roll < 0.3) return pick([null, undefined, 0, 1, 'a', '', true, ...leaves]);
		if (roll < 0.5)
			return Array.from({ length: Math.floor(random() * 5) }, () =>
				random() < 0.5 ? pick([1, 2, 'x']) : value(depth - 1),
			);
		const object: Record<string, unknown> = {};
		for (let n = Math.floor(random() * 6); n > 0; n--)
			object[pick(['a', 'b', 'c', 'toString', 'constructor'])] = value(depth - 1);
		if (random() < 0.05) object[Symbol.for('symbol') as unknown as string] = value(depth - 1);
		// An own `__proto__` key, as JSON.parse makes one.
		if (random() < 0.1)
			Object.defineProperty(object, '__proto__', {
				value: value(depth - 1),
				writable: true,
				enumerable: true,
				configurable: true,
			});
		return object;
	};
	let compared = 0;
	for (let n = 0; n < 20_000; n++) {
		const config = value(5);
		if (config === null || typeof config !== 'object' || Array.isArray(config)) continue;
		const expected = assignWithDepth({}, config);
		const problem =
			same(copyMermaidConfig(config as Record<string, unknown>), expected, config) ??
			same(fastAssign({}, config), expected, config) ??
			same(settled(copyMermaidConfig(config as Record<string, unknown>, true)), expected, config);
		if (problem) expect.fail(`${problem} for ${JSON.stringify(config)}`);
		compared++;
	}
	expect(compared).toBeGreaterThan(10_000);
	// A config shaped like mermaid's: sections, theme variables, arrays with repeats.
	const config = {
		theme: 'base',
		secure: ['secure', 'securityLevel', 'secure'],
		flowchart: { curve: 'basis', padding: 8, nested: { a: 1 }, list: [1, 1, 2], off: null },
		themeVariables: { primaryColor: '#e8f1fc' },
		gone: null,
		fn: () => 1,
	};
	expect(same(copyMermaidConfig(config), assignWithDepth({}, config), config)).toBeUndefined();
	expect(copyMermaidConfig(config)).toEqual({
		theme: 'base',
		secure: ['secure', 'securityLevel'],
		flowchart: { curve: 'basis', padding: 8, nested: { a: 1 }, list: [1, 2] },
		themeVariables: { primaryColor: '#e8f1fc' },
		fn: config.fn,
	});
});

test("the fast path takes only copies into a new empty object; every other call is mermaid's own", () => {
	const calls: unknown[][] = [];
	const slow: Assign = (...args) => (calls.push(args), 'slow');
	const fast = withCopyIntoEmpty(slow, copyMermaidConfig);
	const source = { flowchart: { padding: 8 } };
	// A merge into an object with keys, an explicit depth, an array or a non-object on either side.
	const others: [unknown, unknown, { depth?: number }?][] = [
		[{ theme: 'dark' }, source],
		[{}, source, { depth: 3 }],
		[[], source],
		[{}, [source]],
		[{}, null],
		[{}, 'text'],
		[null, source],
		[Object.create(null), source],
		[Object.defineProperty({}, 'hidden', { value: 1 }), source],
	];
	for (const args of others) expect(fast(...args)).toBe('slow');
	expect(calls).toHaveLength(others.length);
	// The copy lands in the target itself, as mermaid's does.
	const target = {};
	expect(fast(target, source)).toBe(target);
	expect(target).toEqual(source);
	expect((target as typeof source).flowchart).not.toBe(source.flowchart);
	expect(calls).toHaveLength(others.length);
});

test("merges into a config with keys give mermaid's result through the patched definition", () => {
	const base = () => ({ theme: 'base', flowchart: { padding: 8, nested: { a: 1 } }, list: [1] });
	const merged = fastAssign(base(), {
		flowchart: { padding: 4, nested: { b: 2 } },
		list: [1, 2],
		theme: 'dark',
	});
	expect(merged).toEqual(
		assignWithDepth(base(), {
			flowchart: { padding: 4, nested: { b: 2 } },
			list: [1, 2],
			theme: 'dark',
		}),
	);
	expect(merged).toEqual({
		theme: 'dark',
		flowchart: { padding: 4, nested: { a: 1, b: 2 } },
		list: [1, 2],
	});
});

test('a lazy copy reads, writes, lists and serialises as the eager one, and copies a section once', () => {
	const config = {
		theme: 'base',
		flowchart: { padding: 8, nested: { a: 1 }, off: null },
		sequence: { mirrorActors: true },
		themeVariables: { primaryColor: '#e8f1fc' },
		secure: ['a', 'a'],
	};
	const eager = copyMermaidConfig(config);
	const lazy = copyMermaidConfig(config, true);
	expect(Object.keys(lazy)).toEqual(Object.keys(eager));
	expect(JSON.stringify(lazy)).toBe(JSON.stringify(eager));
	expect({ ...copyMermaidConfig(config, true) }).toEqual(eager);
	// A section read twice is one copy, and not the config's own object.
	const fresh = copyMermaidConfig(config, true) as typeof config;
	expect('get' in (Object.getOwnPropertyDescriptor(fresh, 'flowchart') ?? {})).toBe(true);
	expect(fresh.flowchart).toBe(fresh.flowchart);
	expect(fresh.flowchart).not.toBe(config.flowchart);
	expect(fresh.flowchart.nested).not.toBe(config.flowchart.nested);
	expect(Object.getOwnPropertyDescriptor(fresh, 'flowchart')).toEqual({
		value: { padding: 8, nested: { a: 1 } },
		writable: true,
		enumerable: true,
		configurable: true,
	});
	// Changes to the copy stay in the copy; a section written before it is read keeps the new value.
	fresh.flowchart.padding = 2;
	fresh.sequence = { mirrorActors: false };
	expect(fresh.sequence).toEqual({ mirrorActors: false });
	expect(config.flowchart.padding).toBe(8);
	expect(config.sequence.mirrorActors).toBe(true);
	expect(delete (fresh as Partial<typeof config>).themeVariables).toBe(true);
	expect('themeVariables' in fresh).toBe(false);
	expect(Object.keys(fresh)).toEqual(['theme', 'flowchart', 'sequence', 'secure']);
});

test('the installed mermaid bundle gets the sequence-actor counter reset (on a mermaid upgrade: find the counter again)', () => {
	const bundle = readFileSync(mermaidPackage.browserBundle, 'utf8');
	const { text, patched } = withActorCounterReset(bundle);
	expect(
		patched,
		`mermaid ${mermaidPackage.version} no longer defines the sequence-actor counter as diagrams/mermaid-bundle.ts expects`,
	).toBe(true);
	expect(text).toContain(
		`${actorCounterDefinition}globalThis.${actorCounterResetName}=()=>{bc=-1},`,
	);
	// The counter is used as `actor`+counter: still the variable the reset sets.
	expect(bundle).toMatch(/\.attr\("id","actor"\+bc\)/);
	const changed = bundle.replace(actorCounterDefinition, '"drawLabel"),bc=0,');
	expect(withActorCounterReset(changed)).toEqual({ text: changed, patched: false });
});

test("a source with an own __proto__ key takes mermaid's function, which keeps the key and the prototype", () => {
	const source = JSON.parse(
		'{"__proto__": {"polluted": true}, "flowchart": {"padding": 8}}',
	) as Record<string, unknown>;
	const target = {};
	const merged = fastAssign(target, source) as Record<string, unknown>;
	expect(merged).toBe(target);
	expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
	expect(same(merged, assignWithDepth({}, source), source)).toBeUndefined();
	expect(Object.hasOwn(merged, '__proto__')).toBe(true);
});

test('a change that does not apply is named with its reason, and the rest still applies', () => {
	const bundle = readFileSync(mermaidPackage.browserBundle, 'utf8');
	const pinned = JSON.parse(
		readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
	) as { dependencies: Record<string, string> };
	// The published bundle of the pinned version takes every change.
	expect(pinned.dependencies['mermaid']).toBe(mermaidPackage.version);
	expect(patchMermaidBundle(bundle, mermaidPackage.version)).toMatchObject({
		fastConfigCopy: true,
		actorCounterReset: true,
		labelText: true,
		problems: [],
	});
	const changed = patchMermaidBundle(
		bundle.replace(actorCounterDefinition, '"drawLabel"),bc=-1 ,'),
		'12.9.9',
	);
	expect(changed).toMatchObject({
		fastConfigCopy: true,
		actorCounterReset: false,
		labelText: true,
	});
	expect(changed.problems).toMatchInlineSnapshot(`
		[
		  "mermaid 12.9.9 does not define the sequence-actor counter as Waymark expects (\`"drawLabel"),bc=-1,\`), so it cannot be reset between drawings: each sequence diagram is drawn in a fresh tab instead, the same drawing, more slowly",
		]
	`);
	expect(
		patchMermaidBundle(bundle.replace('"getConfig")', '"getConfig" )'), '12.9.9').problems,
	).toHaveLength(1);
	const words = patchMermaidBundle(bundle.replace('[^\\s<>]+/g)', '[^\\s<>]*/g)'), '12.9.9');
	expect(words).toMatchObject({ fastConfigCopy: true, actorCounterReset: true, labelText: false });
	expect(words.problems).toEqual([
		expect.stringContaining(
			'does not define nonMarkdownToLines, markdownToHTML, decodeHTMLEntities',
		),
	]);
});

test("mermaid's label words are swapped in every build of it the drawings load: the tabs' bundle and the modules Vite bundles for readers (on a mermaid upgrade: check labelLines and decodeReferences against its new nonMarkdownToLines and decodeHTMLEntities)", () => {
	const dist = dirname(mermaidPackage.browserBundle);
	const builds = [
		mermaidPackage.browserBundle,
		...readdirSync(join(dist, 'chunks'), { recursive: true, encoding: 'utf8' })
			.filter((file) => file.endsWith('.mjs'))
			.map((file) => join(dist, 'chunks', file)),
	];
	const found = builds
		.map((file) => ({ file, ...withLabelText(readFileSync(file, 'utf8')) }))
		.filter(({ patched }) => patched);
	// The minified bundle, and the chunk each of mermaid's three ESM builds keeps them in (`mermaid.core` is what `import 'mermaid'` gets).
	expect(found.map(({ file }) => relative(dist, file).split(sep)[0])).toEqual([
		'mermaid.min.js',
		'chunks',
		'chunks',
		'chunks',
	]);
	expect(found.map(({ file }) => relative(join(dist, 'chunks'), file).split(sep)[0])).toContain(
		'mermaid.core',
	);
	for (const { text } of found) {
		for (const swap of [labelLines, decodeReferences]) {
			const [, name, argument] =
				text.match(
					new RegExp(`function ([\\w$]+)\\(([\\w$]+)\\)\\{return\\(function ${swap.name}\\(`),
				) ?? [];
			const swapped = `function ${name}(${argument}){return(${swap.toString()})(${argument})}`;
			expect(text).toContain(swapped);
			expect(() => new Script(swapped)).not.toThrow();
		}
		expect(text).not.toContain('[^\\s<>]+/g)?.map');
		expect(text).not.toMatch(/case\s*"gt":\s*return\s*">"/);
		// No space before a glued word; a Markdown label's words from its HTML.
		expect(text).toMatch(/\.text\(\([\w$]+\.glued\?"":" "\)\+[\w$]+\([\w$]+\.content\)\)/);
		expect(text).toMatch(/\?([\w$]+)\([\w$]+\([\w$]+,[\w$]+\)\):\1\([\w$]+\)/);
	}
	// The tabs load the bundle as a script: it still parses.
	expect(() => new Script(found[0]?.text ?? '')).not.toThrow();
	// `waymark dev` serves mermaid as Vite pre-bundles it, with the decoder's pattern written in place.
	const core = found.find(({ file }) =>
		file.includes(`${sep}mermaid.core${sep}`),
	) as (typeof found)[number];
	const published = readFileSync(core.file, 'utf8');
	const preBundled = published.replace(
		/const (\w+) = (\/&\(amp\|lt\|gt\);\/g);\s*return (\w+)\.replace\(\1,/,
		'return $3.replace($2,',
	);
	expect(preBundled).not.toBe(published);
	expect(withLabelText(preBundled).patched).toBe(true);
	// Both or neither: a definition that is not the one expected, or found twice, leaves the bundle as published.
	const bundle = readFileSync(mermaidPackage.browserBundle, 'utf8');
	for (const definition of [
		labelLinesDefinition,
		wordDecoderDefinition,
		markdownHtmlDefinition,
		/\.text\(" "\+Zgr\(a\.content\)\)/,
		/f\?swe\(C\.replace\("<br>","<br\/>"\),T\):\$gr\(C\)/,
	]) {
		const written = bundle.match(definition)?.[0] as string;
		for (const changed of [
			bundle.replace(
				written,
				written.replace(/["(]/, (mark) => (mark === '"' ? "'" : '( ')),
			),
			`${bundle};${written}`,
		])
			expect(withLabelText(changed)).toEqual({ text: changed, patched: false });
	}
});
