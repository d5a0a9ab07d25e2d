// Runs in a worker thread: mermaid's parsers need `window` and `document`, and a linkedom shim
// installed as globals must not leak into the process that runs Astro or the other rules.
import zenuml from '@mermaid-js/mermaid-zenuml';
import { parseHTML } from 'linkedom';
import { parentPort } from 'node:worker_threads';

const { window, document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
// linkedom has no CSS engine. Mermaid asks `CSS.supports('color', …)` only to split a sequence
// diagram's `box` line into a colour and a title: the answer shapes the drawing, never whether
// the diagram parses. Without it mermaid falls back to `new Option()`, which linkedom lacks.
Object.assign(window, { CSS: { supports: () => false } });
Object.assign(globalThis, { window, document });
const { default: mermaid } = await import('mermaid');
// ZenUML is a plugin (the same one the render page registers). Its parser accepts any text (ZenUML
// reads error-tolerantly; the plugin's `parse` is empty) and its renderer needs a browser, so the
// worker registers the plugin's own detector with a parser that accepts, as the plugin's does.
await mermaid.registerExternalDiagrams([
	{
		id: zenuml.id,
		detector: zenuml.detector,
		loader: () =>
			Promise.resolve({
				id: zenuml.id,
				diagram: {
					db: { clear: () => undefined },
					parser: { parse: () => undefined },
					renderer: { draw: () => undefined },
					styles: () => '',
				},
			}),
	},
]);
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });

parentPort?.on('message', ({ id, sources }: { id: number; sources: string[] }) => {
	void parseAll(sources).then((results) => parentPort?.postMessage({ id, results }));
});

async function parseAll(sources: string[]) {
	const results = [];
	for (const source of sources) {
		try {
			const parsed = await mermaid.parse(source);
			results.push({ ok: true, diagramType: parsed ? parsed.diagramType : '' });
		} catch (caught) {
			const error = caught as {
				name?: string;
				message?: string;
				hash?: { loc?: { first_line: number; first_column: number; last_line: number } };
			};
			const loc = error.hash?.loc;
			results.push({
				ok: false,
				error: {
					name: error.name ?? 'Error',
					message: String(error.message ?? caught),
					...(loc && {
						loc: {
							first_line: loc.first_line,
							first_column: loc.first_column,
							last_line: loc.last_line,
						},
					}),
				},
			});
		}
	}
	return results;
}
