import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

let collect: Collect | undefined;

/**
 * Below this a process is left alone: a trim would cost more than it gives back. The 500-page
 * benchmark build and the bundled guidebooks stay under it.
 */
const worthTrimming = 2 ** 30;

/**
 * Collects every piece of garbage now and gives the freed pages back to the system. V8 lets its
 * heap grow to about twice what is live and keeps freed pages pooled for reuse: at 20,000 pages
 * the build's process held 3.5 GiB while 0.9 GiB was live (`bench/HISTORY.md`, `## scale`,
 * "Giving the heap back"). Synchronous: about 0.4 s at 3,000 pages, 1–1.4 s at 20,000.
 */
export function trimHeap(): void {
	collect ??= exposedCollector();
	// `last-resort` is V8's collection before an out-of-memory error: the memory-reducing kind,
	// which also empties the page pool and compacts; a plain `major` one leaves the pages pooled.
	collect({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}

/** `trimHeap()` when the process holds more than `worthTrimming`; whether it did. */
export function trimHeapIfLarge(rss: number = process.memoryUsage.rss()): boolean {
	if (rss < worthTrimming) return false;
	trimHeap();
	return true;
}

/**
 * V8's collector without `--expose-gc` on the command line: the flag is set just long enough to
 * make one context that has it, as jest-leak-detector does, so no other context (a worker, a
 * `vm` sandbox) gets a global `gc`.
 */
function exposedCollector(): Collect {
	const given = globalThis.gc;
	if (given) return (options) => void given(options);
	setFlagsFromString('--expose-gc');
	try {
		return runInNewContext('gc') as Collect;
	} finally {
		setFlagsFromString('--no-expose-gc');
	}
}

export interface HeapTrimOptions {
	/**
	 * The least growth, in bytes, past the size measured after the last trim that calls for the
	 * next one. When half that size is more, half is the allowance instead.
	 */
	growth?: number;
	/** How often to look, in milliseconds. */
	every?: number;
	rss?: () => number;
	trim?: () => void;
}

/**
 * Trims the heap whenever the process's resident memory has grown past its size after the last
 * trim (or at the start) by half that size, and by at least `growth` (1 GiB). A build that stays
 * under about 1 GiB never gets there and pays nothing; at 20,000 pages growing by half keeps the
 * trims to about one every 25 s while holding the peak near 1.5 times what the build needs.
 * Returns the function that stops watching.
 */
export function trimHeapWhenGrown({
	growth = worthTrimming,
	every = 1000,
	rss = () => process.memoryUsage.rss(),
	trim = trimHeap,
}: HeapTrimOptions = {}): () => void {
	// Reading the resident size opens /proc/self/stat: when the process is out of file descriptors
	// for a moment (EMFILE), this tick is skipped, never the build ended by a memory watcher.
	const resident = (): number | undefined => {
		try {
			return rss();
		} catch {
			return undefined;
		}
	};
	let floor = resident() ?? 0;
	const timer = setInterval(() => {
		const now = resident();
		if (now === undefined || now < floor + Math.max(growth, floor / 2)) return;
		trim();
		floor = resident() ?? now;
	}, every);
	timer.unref();
	return () => clearInterval(timer);
}
