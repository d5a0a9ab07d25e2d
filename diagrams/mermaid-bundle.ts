import { readFile } from 'node:fs/promises';
import { mermaidPackage } from './mermaid-config.ts';

// Mermaid's `getConfig()` copies its whole configuration (about 1,000 keys: every diagram type's
// settings and the theme's variables) through the general `assignWithDepth`, and drawing one
// flowchart calls it about 100 times. Over the 100 flowcharts of the build benchmark that copying
// was 2.6 s of the tabs' 5.6 s (bench/README.md, "Diagrams drawn beside the build"). The bundle
// the drawing tabs load gets `copyMermaidConfig` in its place: the same result, 0.03 ms a call
// against 0.27 ms in isolation (0.8 s of the 100 flowcharts' drawing time in a tab's profile).
//
// Mermaid's two definitions, exactly as its published bundle writes them. The copy is swapped in
// only where both are found once, as written; with any other mermaid the bundle is served as
// published, which draws the same diagrams, only slower, and test/diagrams/mermaid-bundle.test.ts
// fails so that the upgrade checks the copy against mermaid's new code.
export const assignWithDepthDefinition = 'sHe=i((r,t,{depth:a=2}={})=>{let s={depth:a};if(Array.isArray(t)&&!Array.isArray(r))return t.forEach(l=>sHe(r,l,s)),r;if(Array.isArray(t)&&Array.isArray(r))return t.forEach(l=>{r.includes(l)||r.push(l)}),r;if(r==null||a<=0)return r!=null&&typeof r=="object"&&typeof t=="object"?Object.assign(r,t):t;if(t!=null&&typeof r=="object"&&typeof t=="object"){let l=r;Object.entries(t).forEach(([h,f])=>{if(typeof f=="object"){if(f===null)return;Object.hasOwn(r,h)||Object.defineProperty(r,h,{value:void 0,writable:!0,enumerable:!0,configurable:!0}),l[h]===void 0&&(l[h]=Array.isArray(f)?[]:{}),typeof l[h]=="object"&&(l[h]=sHe(l[h],f,{depth:a-1}))}else typeof l[h]!="object"&&(Object.hasOwn(r,h)?l[h]=f:Object.defineProperty(r,h,{value:f,writable:!0,enumerable:!0,configurable:!0}))})}return r},"assignWithDepth"),Bh=sHe';
const getConfigDefinition = 'ri=i(()=>Bh({},Uee),"getConfig")';

/**
 * What mermaid's `assignWithDepth({}, config, { depth: 2 })` returns, without its general
 * machinery: top-level values as they are, objects copied two levels deep (the third level
 * shallowly), arrays copied without repeated items, and keys whose value is `null` left out. Object
 * spread copies a section in one step, where mermaid defines its keys one by one.
 * Self-contained: its source text runs inside the bundle.
 */
export function copyMermaidConfig(config: Record<string, unknown>): Record<string, unknown> {
	const copy: Record<string | symbol, unknown> = { ...config };
	for (const key of Object.getOwnPropertySymbols(copy)) delete copy[key];
	for (const key of Object.keys(copy)) {
		const value = copy[key];
		if (typeof value !== 'object' || value === null) {
			// Mermaid drops `null`, and anything else under `__proto__` (on a new object, `__proto__` reads as an object, `Object.prototype`).
			if (value === null || key === '__proto__') delete copy[key];
			continue;
		}
		if (Array.isArray(value)) {
			const list: unknown[] = [];
			value.forEach((item) => void (list.includes(item) || list.push(item)));
			copy[key] = list;
			continue;
		}
		const section: Record<string | symbol, unknown> = { ...value };
		for (const name of Object.getOwnPropertySymbols(section)) delete section[name];
		for (const name of Object.keys(section)) {
			const inner = section[name];
			if (typeof inner !== 'object' || inner === null) {
				if (inner === null || name === '__proto__') delete section[name];
				continue;
			}
			if (Array.isArray(inner)) {
				const list: unknown[] = [];
				inner.forEach((item) => void (list.includes(item) || list.push(item)));
				section[name] = list;
			} else section[name] = Object.assign({}, inner);
		}
		copy[key] = section;
	}
	return copy;
}

/** `text` with `copyMermaidConfig` as its `getConfig`, when mermaid's definitions are the ones above. */
export function withFastConfigCopy(text: string): { text: string; patched: boolean } {
	if (text.split(assignWithDepthDefinition).length !== 2 || text.split(getConfigDefinition).length !== 2) return { text, patched: false };
	const fast = `ri=i((copy=>()=>copy(Uee))(${copyMermaidConfig.toString()}),"getConfig")`;
	return { text: text.replace(getConfigDefinition, () => fast), patched: true };
}

let bundle: Promise<string> | undefined;

/** Mermaid's browser bundle as the drawing tabs load it (read once per process). */
export function drawingBundle(): Promise<string> {
	bundle ??= readFile(mermaidPackage.browserBundle, 'utf8').then((text) => withFastConfigCopy(text).text);
	return bundle;
}
