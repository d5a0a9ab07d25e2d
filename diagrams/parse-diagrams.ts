import { Worker } from 'node:worker_threads';
import { packageModule } from '../core/package.ts';
import type { MermaidErrorLike } from './diagram-errors.ts';

export type ParseOutcome =
	{ ok: true; diagramType: string } | { ok: false; error: MermaidErrorLike };

let worker: Worker | undefined;
let nextId = 0;

/**
 * Parses each source with mermaid's own parser (no drawing), in one shared worker thread that
 * stays alive, unreferenced, for the rest of the process.
 */
export async function parseDiagrams(sources: string[]): Promise<ParseOutcome[]> {
	if (sources.length === 0) return [];
	// TypeScript in a checkout, its own bundled entry where packed.
	worker ??= new Worker(packageModule('diagrams/parse-worker'));
	const current = worker;
	current.unref();
	const id = nextId++;
	return new Promise((resolve, reject) => {
		const onMessage = (message: { id: number; results: ParseOutcome[] }) => {
			if (message.id !== id) return;
			current.off('message', onMessage).off('error', onError);
			resolve(message.results);
		};
		const onError = (error: Error) => {
			current.off('message', onMessage).off('error', onError);
			worker = undefined;
			reject(error);
		};
		current.on('message', onMessage).on('error', onError);
		current.postMessage({ id, sources });
	});
}
