import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The parts a Waymark build's main thread splits into, each a test on a stack frame's `url#function`. A sample belongs to the first part, in this order, that any frame of its stack
 * matches: the work a page's Markdown asks for (code colouring, links, search) before the step
 * that asked for it (the content layer, the checks), so Shiki under the content layer counts as
 * code colouring wherever it was called from. What no rule matches is its package's, as
 * bench/cpu-profile.mjs names it. Async callers are missing from V8's stacks: work resumed after
 * an `await` counts by the frames it still has.
 * @type {Array<[string, RegExp]>}
 */
const buildParts = [
	['code colouring (Shiki)', /@shikijs\/|\/shiki\/|markdown\/code-colours/],
	['search index (Pagefind API, feed)', /\/pagefind\/|integration\/(pagefind|search-|shard-seal)/],
	[
		'link verdicts and checks of links',
		/markdown\/forge-links|link-verdicts|link-judgement|tree-index|broken-links/,
	],
	['checks (rules, reports)', /\/checks\//],
	['reading and parsing the tree (page cache)', /\/tree\//],
	['planning the site (navigation, site data)', /integration\/site-plan|integration\/site-data/],
	['Markdown to HTML', /integration\/(content-loader|page-entry)|markdown\/site-processor/],
	['page layout (Astro rendering the templates)', /\.prerender\/|astro\/dist\/runtime/],
	['Markdown to HTML', /\/markdown\/|\/diagrams\/(rehype|diagram-markup)/],
	[
		'Markdown to HTML',
		/node_modules\/(satteri|unist-|hast-|mdast-|micromark|remark|rehype|unified|vfile|stringify-entities|property-information|@ungap|zwitch|html-void)/,
	],
	[
		'writing files, the build record',
		/page-html-files|page-tee|built-pages|replace-file|sealed-files|site-record|store-output/,
	],
	['bundling (Vite, Rolldown)', /node_modules\/(vite|rolldown|@rolldown|@rollup)\//],
	['Astro (config, content layer, build loop)', /node_modules\/astro\//],
	['Waymark, other', /\/(integration|markdown|cli|core|config|diagrams|tools)\//],
	['loading modules', /^node:internal\/modules/],
	// Native file calls whose callers V8 lost at an `await` (`url#function`; a native frame has no URL).
	[
		'file system calls (callers lost at await)',
		/^node:internal\/fs|^#(open|openFileHandle|close|read|write|writeBuffer|writeUtf8String|writev|fstat|lstat|stat|readdir|mkdir|rename|unlink|readFileUtf8)$/,
	],
];

/**
 * Main-thread time of the profiles in `target` (a .cpuprofile or a folder of them; only each
 * folder's main thread, `.0.` in Node's file names, unless it is the only one) by part, in µs.
 * V8's own entries (idle, garbage collector, program) are parts of their own.
 * @param {string} target
 * @param {Array<[string, RegExp]>} [parts]
 * @returns {Map<string, number>}
 */
export function profileParts(target, parts = buildParts) {
	const files = statSync(target).isDirectory()
		? readdirSync(target)
				.filter((name) => /\.0\.\d+\.cpuprofile$/.test(name))
				.map((name) => join(target, name))
		: [target];
	/** @type {Map<string, number>} */
	const totals = new Map();
	for (const file of files) {
		/** @type {{ nodes: Array<{ id: number; callFrame: { functionName: string; url: string }; children?: number[] }>; samples: number[]; timeDeltas: number[] }} */
		const profile = JSON.parse(readFileSync(file, 'utf8'));
		const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
		/** @type {Map<number, number>} */
		const parents = new Map();
		for (const node of profile.nodes)
			for (const child of node.children ?? []) parents.set(child, node.id);
		/** @type {Map<number, string>} */
		const partOf = new Map();
		const part = (/** @type {number} */ id) => {
			const known = partOf.get(id);
			if (known) return known;
			/** @type {string[]} */
			const urls = [];
			for (let at = /** @type {number | undefined} */ (id); at !== undefined; at = parents.get(at))
				urls.push(
					`${nodes.get(at)?.callFrame.url ?? ''}#${nodes.get(at)?.callFrame.functionName ?? ''}`,
				);
			const leaf = nodes.get(id)?.callFrame;
			const found =
				parts.find(([, test]) => urls.some((url) => test.test(url)))?.[0] ??
				(/^\((idle|garbage collector|program)\)$/.test(leaf?.functionName ?? '')
					? (leaf?.functionName ?? '')
					: 'other (native calls, Node)');
			partOf.set(id, found);
			return found;
		};
		profile.samples.forEach((id, i) => {
			const key = part(id);
			totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
		});
	}
	return totals;
}
