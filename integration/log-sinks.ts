/**
 * Where Astro's own log goes for one run: the command's stdout and stderr (`cli/terminal.ts`).
 * Astro loads its logger by file name (`build-log.ts`) and hands it only serializable config, and
 * the instance of that file it loads need not be the one the build runs (a test's module runner
 * loads Waymark's modules apart from Node's): the sinks live on the process, under a registered
 * symbol, and the config carries the run's key. The key is part of Astro's config, whose digest
 * decides whether Astro keeps its caches: it is the tree's store, which one run holds at a time
 * (`tree-store.ts`), never something that changes from run to run.
 */
export interface LogSink {
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
	/** Colour the lines (a terminal, `NO_COLOR` unset); without, Astro's own colours are taken out too. */
	color: boolean;
}

const registry = Symbol.for('waymark.log-sinks');
const holder = globalThis as typeof globalThis & { [registry]?: Map<string, LogSink> };
const sinks = (holder[registry] ??= new Map());

/** Opens `sink` for the run that holds the store `key`; `close` ends it. */
export function openLogSink(key: string, sink: LogSink): { key: string; close(): void } {
	sinks.set(key, sink);
	return { key, close: () => void (sinks.get(key) === sink && sinks.delete(key)) };
}

/** The sink a run opened under `key`, if it is still open. */
export function logSink(key: string | undefined): LogSink | undefined {
	return key === undefined ? undefined : sinks.get(key);
}
