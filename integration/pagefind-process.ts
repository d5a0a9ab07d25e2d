import { subscribe } from 'node:diagnostics_channel';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:process';

export type PagefindModule = typeof import('pagefind');

/** What this needs of a child process Node tells of (a `ChildProcess`, which nothing here starts). */
interface ChildProcess {
	readonly spawnfile: string;
	kill(signal: NodeJS.Signals): boolean;
	once(
		event: 'spawn' | 'exit',
		listener: (code?: number | null, signal?: string | null) => void,
	): unknown;
}

/** Pagefind processes this one closed on purpose: their exit is expected. */
const closing = new WeakSet<ChildProcess>();
/** Pagefind processes alive now, each with the promise of its exit. */
const running = new Map<ChildProcess, Promise<void>>();
let loading: Promise<PagefindModule> | undefined;

/** How long Pagefind may leave every request unanswered before its process is stopped (`watchPagefind`). */
const defaultSilenceMs = 60_000;

/**
 * Pagefind's Node API (the `pagefind` package), with its process watched. The API starts one
 * Pagefind process for the whole of this one and answers each message when the process does; it
 * never notices the process ending (it listens for a failed write, not for an exit), so a message
 * sent before a crash waited for ever, and the build with it (`test/site/search-feed.test.ts`
 * kills the process halfway through the pages). Here a Pagefind process this one did not close is
 * closed through the API once it is gone: every message waiting on it fails, and the next starts
 * a new process. Node tells every child process it starts on its `child_process` channel.
 * Rejects with `PagefindUnavailable` where there is no binary to run.
 */
export function loadPagefind(): Promise<PagefindModule> {
	loading ??= (async () => {
		// Where no binary can run: PagefindUnavailable, before the API prints a stack trace of its own.
		pagefindBinary();
		const pagefind = watched(await import('pagefind'));
		quietServiceStops();
		subscribe('child_process', (message) => {
			const child = (message as { process: ChildProcess }).process;
			child.once('spawn', () => {
				// The API finds its binary again for each process it starts: so is the one to watch.
				if (child.spawnfile !== binaryNow()) return;
				let exited = () => {};
				running.set(child, new Promise((resolve) => (exited = resolve)));
				child.once('exit', (code, signal) => {
					running.delete(child);
					if (!closing.has(child)) {
						// The API's own kill after a failed write (SIGTERM) is not why it stopped: the write's error is.
						if (!(signal === 'SIGTERM' && stops.has(child)))
							stops.set(child, signal ? `killed by ${signal}` : `exit code ${code}`);
						lastStop = stops.get(child);
						void pagefind.close();
					}
					exited();
				});
			});
		});
		return pagefind;
	})();
	// Not kept when it failed: Pagefind may be installed by the next build of a long-running process (`waymark dev`).
	loading.catch(() => (loading = undefined));
	return loading;
}

/**
 * The API prints "Service stopped" and the error's stack when its process cannot be written to
 * (it exited, or never started): a stack trace in the build's output that reads as a crash of
 * Waymark. The request that fails says so instead (`tracked`), with the reason kept here.
 */
function quietServiceStops(): void {
	/* eslint-disable no-console -- the API's own output, filtered where it prints */
	const print = console.error;
	console.error = (...args: unknown[]) => {
		if (args[0] !== 'Service stopped') return void print(...args);
		const reason = args[1] instanceof Error ? args[1].message : String(args[1]);
		const live = unclosed();
		for (const child of live) if (!stops.has(child)) stops.set(child, reason);
		// None alive: a process that never started, or writes still queued to one that exited and was
		// closed (whose exit already said why).
		if (live.length === 0) lastStop ??= reason;
	};
	/* eslint-enable no-console */
}

/**
 * Why each Pagefind process stopped: a failed write to it, then its exit, which says more; and the
 * last process's reason, for a request that failed after it was gone.
 */
const stops = new WeakMap<ChildProcess, string>();
let lastStop: string | undefined;

/** The Pagefind processes alive that this one did not close on purpose. */
const unclosed = (): ChildProcess[] => [...running.keys()].filter((child) => !closing.has(child));

/** Ends Pagefind's process (the API starts another when it is next asked), and with it the memory its indexes held. */
export async function closePagefind(): Promise<void> {
	const pagefind = await loadPagefind();
	for (const child of running.keys()) closing.add(child);
	await pagefind.close();
}

/** What Pagefind itself failed at (its process, its answers): the build publishes without search (`searchIndexOrNone`). */
export class PagefindError extends Error {}

/** Pagefind cannot run here: no binary for this platform, or the one named is not there. */
export class PagefindUnavailable extends PagefindError {}

/**
 * Where Pagefind's API looks for its binary (pagefind 1.6.0, `lib/resolveBinary.js`): the
 * `PAGEFIND_EXTENDED_BINARY_PATH` or `PAGEFIND_BINARY_PATH` variable, else the optional package of
 * this platform (`@pagefind/linux-x64`); the first that can run. Found before the API is used: a binary it cannot start
 * made it print a stack trace ("Service stopped … EPIPE") and fail every request with "backend
 * closed", which read as a bug in Waymark. An install with `--omit=optional` has no binary at all.
 */
function pagefindBinary(): string {
	// The variables Pagefind's API itself reads from this process's environment, read as it reads them: not settings of Waymark's.
	/* eslint-disable no-restricted-properties */
	const named = process.env['PAGEFIND_EXTENDED_BINARY_PATH'] || process.env['PAGEFIND_BINARY_PATH'];
	const system = platform === 'win32' ? 'windows' : platform;
	const cpu = process.env['npm_config_arch'] || arch;
	/* eslint-enable no-restricted-properties */
	const candidates = named
		? [named]
		: ['pagefind_extended', 'pagefind'].flatMap((name) => {
				try {
					return [
						createRequire(import.meta.resolve('pagefind')).resolve(
							`@pagefind/${system}-${cpu}/bin/${name}${system === 'windows' ? '.exe' : ''}`,
						),
					];
				} catch {
					return [];
				}
			});
	const runnable = candidates.find((file) => {
		try {
			accessSync(file, constants.X_OK);
			return true;
		} catch {
			return false;
		}
	});
	if (runnable) return runnable;
	throw new PagefindUnavailable(
		named
			? `the Pagefind binary \`${named}\` (PAGEFIND_BINARY_PATH) is not there or cannot be run`
			: `Pagefind has no binary for ${system}-${cpu} here: its optional package \`@pagefind/${system}-${cpu}\` is not installed (an install with \`--omit=optional\` leaves it out; on another platform, set PAGEFIND_BINARY_PATH to a Pagefind 1.x binary)`,
	);
}

/** {@link pagefindBinary}, or none where Pagefind cannot run. */
function binaryNow(): string | undefined {
	try {
		return pagefindBinary();
	} catch {
		return undefined;
	}
}

/**
 * A Pagefind process that stops answering (a hung binary, a wrapper script that never starts it)
 * would hold the build until the stall watchdog ends it with exit 2, and no site. Every request
 * to Pagefind is counted here; when some are waiting and none has been answered for `silenceMs`,
 * the process is killed, which fails every request waiting on it (`loadPagefind`), with
 * `PagefindSilent`'s message: the build then publishes without a search index (`searchIndexOrNone`).
 * Set by the build from `build.stallTimeoutSeconds` (half of it), so it comes before the watchdog.
 */
export function watchPagefind(silenceMs: number): void {
	silence.limitMs = silenceMs;
	silence.gaveUp = false;
	// Why an earlier build's process stopped is not why this build's requests fail. Not at each
	// process's start: a request that failed on one may still be naming its stop when a request
	// sent after it starts the next.
	lastStop = undefined;
}

/** Requests waiting, when one was last answered, and whether a process was stopped for its silence: then every later request fails at once. */
const silence = {
	limitMs: defaultSilenceMs,
	waiting: 0,
	lastAnswer: 0,
	lastCheck: 0,
	gaveUp: false,
	timer: undefined as NodeJS.Timeout | undefined,
};

/** How often the silence is looked at: a tenth of the limit, between 50 ms and 1 s. */
const checkEveryMs = () => Math.max(50, Math.min(1000, silence.limitMs / 10));

/** Thrown in place of "backend closed" for a request the silence stopped, and for every later one. */
export class PagefindSilent extends PagefindError {}

function tracked<T>(request: () => Promise<T>): Promise<T> {
	if (silence.gaveUp) return Promise.reject(silent());
	if (silence.waiting++ === 0) silence.lastAnswer = performance.now();
	if (!silence.timer) {
		silence.lastCheck = performance.now();
		silence.timer = setInterval(checkSilence, checkEveryMs()).unref();
	}
	return request().then(
		(value) => {
			answered();
			return value;
		},
		async (error: unknown) => {
			answered();
			if (silence.gaveUp) throw silent();
			const said = error instanceof Error ? error.message : String(error);
			// The API's "Pagefind backend closed" (or "backend is closed", for a request sent after), with why it closed.
			if (!/backend (?:is )?closed/.test(said)) throw new PagefindError(said);
			// A process that crashed is often written to (EPIPE) before Node has told of its exit: its
			// exit code says more, so a process a write failed on is waited for, briefly.
			const failedOn = unclosed().filter((child) => stops.has(child));
			await exitOf(failedOn, exitWaitMs);
			const reason =
				failedOn.map((child) => stops.get(child)).find((stop) => stop !== undefined) ?? lastStop;
			throw new PagefindError(reason ? `Pagefind's process stopped (${reason})` : said);
		},
	);
}

/** How long a failed request waits for the exit of the process that failed it. */
const exitWaitMs = 2000;

/** Until every one of `children` has exited, or `waitMs` has passed. The timer holds the process open: the API no longer does. */
function exitOf(children: readonly ChildProcess[], waitMs: number): Promise<void> {
	if (children.length === 0) return Promise.resolve();
	let timer: NodeJS.Timeout | undefined;
	const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
	return Promise.race([
		Promise.all(children.map((child) => running.get(child) ?? Promise.resolve())).then(
			() => undefined,
		),
		waited,
	]).finally(() => clearTimeout(timer));
}

function silent(): PagefindSilent {
	return new PagefindSilent(
		`Pagefind's process answered nothing for ${Math.round(silence.limitMs / 1000)} s and was stopped`,
	);
}

function answered(): void {
	silence.waiting--;
	silence.lastAnswer = performance.now();
	if (silence.waiting === 0 && silence.timer) {
		clearInterval(silence.timer);
		silence.timer = undefined;
	}
}

function checkSilence(): void {
	const now = performance.now();
	// Time this thread could not look (it was busy: a large page, a long GC) is not Pagefind's
	// silence: its answers may be waiting in the pipe, unread.
	silence.lastAnswer += Math.max(0, now - silence.lastCheck - 2 * checkEveryMs());
	silence.lastCheck = now;
	if (silence.waiting === 0 || now - silence.lastAnswer < silence.limitMs) return;
	// Once more after the answers already read from the pipe are handled (`setImmediate` runs after
	// the poll for input): only then is the process silent.
	setImmediate(() => {
		if (
			silence.gaveUp ||
			silence.waiting === 0 ||
			performance.now() - silence.lastAnswer < silence.limitMs
		)
			return;
		silence.gaveUp = true;
		// Its exit closes it through the API (`loadPagefind`): every request waiting on it fails.
		for (const child of running.keys()) child.kill('SIGKILL');
	});
}

type PagefindIndex = NonNullable<Awaited<ReturnType<PagefindModule['createIndex']>>['index']>;

/** `pagefind` with every request counted by `tracked`: the module's `createIndex` and each index's methods. */
function watched(pagefind: PagefindModule): PagefindModule {
	const index = (made: PagefindIndex): PagefindIndex => ({
		addDirectory: (...args) => tracked(() => made.addDirectory(...args)),
		addHTMLFile: (...args) => tracked(() => made.addHTMLFile(...args)),
		addCustomRecord: (...args) => tracked(() => made.addCustomRecord(...args)),
		writeFiles: (...args) => tracked(() => made.writeFiles(...args)),
		getFiles: (...args) => tracked(() => made.getFiles(...args)),
		deleteIndex: (...args) => tracked(() => made.deleteIndex(...args)),
	});
	return {
		...pagefind,
		createIndex: async (...args) => {
			const created = await tracked(() => pagefind.createIndex(...args));
			return created.index ? { ...created, index: index(created.index) } : created;
		},
	};
}
