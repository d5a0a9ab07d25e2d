import { subscribe } from 'node:diagnostics_channel';
import { basename } from 'node:path';

export type PagefindModule = typeof import('pagefind');

/** What this needs of a child process Node tells of (a `ChildProcess`, which nothing here starts). */
interface ChildProcess {
	readonly spawnfile: string;
	once(event: 'spawn' | 'exit', listener: () => void): unknown;
}

/** Pagefind processes this one closed on purpose: their exit is expected. */
const closing = new WeakSet<ChildProcess>();
/** Pagefind processes alive now. */
const running = new Set<ChildProcess>();
let loading: Promise<PagefindModule> | undefined;

/**
 * Pagefind's Node API (the `pagefind` package), with its process watched. The API starts one
 * Pagefind process for the whole of this one and answers each message when the process does; it
 * never notices the process ending (it listens for a failed write, not for an exit), so a message
 * sent before a crash waited for ever, and the build with it (`test/site/search-feed.test.ts`
 * kills the process halfway through the pages). Here a Pagefind process this one did not close is
 * closed through the API once it is gone: every message waiting on it fails, and the next starts
 * a new process. Node tells every child process it starts on its `child_process` channel.
 */
export function loadPagefind(): Promise<PagefindModule> {
	return (loading ??= (async () => {
		const pagefind = await import('pagefind');
		subscribe('child_process', (message) => {
			const child = (message as { process: ChildProcess }).process;
			child.once('spawn', () => {
				if (!basename(child.spawnfile).startsWith('pagefind')) return;
				running.add(child);
				child.once('exit', () => {
					running.delete(child);
					if (!closing.has(child)) void pagefind.close();
				});
			});
		});
		return pagefind;
	})());
}

/** Ends Pagefind's process (the API starts another when it is next asked), and with it the memory its indexes held. */
export async function closePagefind(): Promise<void> {
	const pagefind = await loadPagefind();
	for (const child of running) closing.add(child);
	await pagefind.close();
}
