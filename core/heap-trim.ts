import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

let collect: Collect | undefined;

/**
 * Collects every piece of garbage now and gives the freed pages back to the system. V8 lets its
 * heap grow to several times what is live and keeps freed pages pooled for reuse: at 20,000
 * pages the build's process held 3.5 GiB while 0.9 GiB was live (`bench/README.md`, "Giving
 * the heap back"). Synchronous: about 0.4 s for 200 MB live.
 */
export function trimHeap(): void {
	if (!collect) {
		// The collector exists only in contexts made after `--expose-gc` is set (Jest's
		// `--logHeapUsage` gets it the same way); the main context stays as it was.
		setFlagsFromString('--expose-gc');
		collect = runInNewContext('gc') as Collect;
	}
	// `last-resort` is V8's collection before an out-of-memory error: the memory-reducing kind,
	// which empties the page pool; a `major` one alone leaves the pages pooled.
	collect({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}

export interface HeapTrimOptions {
	/** The least the process may grow past its size after the last trim before the next one; it may grow by half that size when that is more. */
	growth?: number;
	/** How often to look, in milliseconds. */
	every?: number;
	rss?: () => number;
	trim?: () => void;
}

/**
 * Trims the heap whenever the process's resident memory has grown by half its size after the
 * last trim (or at the start), and by at least `growth` (1 GiB). A build that fits in about 1 GiB
 * (the 500-page benchmark, the bundled guidebooks) never gets there and pays nothing; at 20,000
 * pages a trim costs about 1.2 s, and growing by half keeps them to one every 25 s or so while
 * holding the peak near 1.5 times what the build needs. Returns the function that stops watching.
 */
export function trimHeapWhenGrown({ growth = 2 ** 30, every = 1000, rss = () => process.memoryUsage.rss(), trim = trimHeap }: HeapTrimOptions = {}): () => void {
	let floor = rss();
	const timer = setInterval(() => {
		if (rss() < floor + Math.max(growth, floor / 2)) return;
		trim();
		floor = rss();
	}, every);
	timer.unref();
	return () => clearInterval(timer);
}
