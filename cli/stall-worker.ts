// The half of the watchdog that runs beside the main thread (`watchdog.ts`), so it sees a step
// that keeps computing (a regex backtracking, a quadratic loop) as well as one that waits: the main
// thread bumps a shared counter on every piece of progress; when it stands still past the budget,
// this thread asks V8 to interrupt the main thread and run the function it registered, which
// prints `RunStalled` and ends the process with exit 2. V8 takes the interrupt even inside
// JavaScript that never yields, including a regular expression's backtracking.

/** What `watchdog.ts` hands this thread. */
export interface StallWorkerData {
	/** `[progress count, stopped]`, as `Int32Array` slots. */
	shared: SharedArrayBuffer;
	/** The main thread's function, on `globalThis`, that reports the stall and exits. */
	report: string;
	/** Time without progress after which the main thread is interrupted. */
	budgetMs: number;
	/** When the interrupt is not taken (the main thread is stuck outside JavaScript): the message to print before the process is killed. */
	fallback: { afterMs: number; message: string };
}

/**
 * The thread's whole program, run as the source of a worker (`watchdogSource`): it closes over
 * nothing and takes its modules from Node's built-ins, so the worker starts without the module
 * loader or the type stripper, whose start cost every command 0.2 s of CPU on 2 cores.
 */
function watchForStall(): void {
	const threads = process.getBuiltinModule('node:worker_threads');
	const { parentPort, receiveMessageOnPort } = threads;
	const data = threads.workerData as StallWorkerData;
	const slots = new Int32Array(data.shared);
	const poll = Math.min(500, Math.max(20, data.budgetMs / 20));
	let seen = Atomics.load(slots, 0);
	let since = performance.now();
	for (;;) {
		Atomics.wait(slots, 1, 0, poll);
		if (Atomics.load(slots, 1) !== 0) return;
		const count = Atomics.load(slots, 0);
		if (count !== seen) {
			seen = count;
			since = performance.now();
			continue;
		}
		if (performance.now() - since >= data.budgetMs) break;
	}
	try {
		// A Node built without the inspector throws here; the fallback below ends the run then.
		const session = new (process.getBuiltinModule('node:inspector').Session)();
		session.connectToMainThread();
		session.post('Runtime.evaluate', {
			expression: `globalThis[${JSON.stringify(data.report)}]()`,
		});
	} catch {
		// The fallback below ends the run.
	}
	// Only a main thread stuck outside JavaScript (a native call that never returns) gets here.
	setTimeout(() => {
		if (Atomics.load(slots, 1) !== 0) return;
		// The latest open steps the main thread posted.
		let message = data.fallback.message;
		const port = parentPort;
		if (port)
			for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port))
				message = String(next.message);
		process.getBuiltinModule('node:fs').writeSync(2, message);
		process.kill(process.pid, 'SIGKILL');
	}, data.fallback.afterMs);
}

/** The worker's source: `watchForStall` as its text (type annotations are blanks once Node or `tsc` strips them), called. */
export const watchdogSource = `(${watchForStall.toString()})();`;
