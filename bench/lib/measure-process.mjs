import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * @typedef {{ wallMs: number; cpuMs: number; peakRssBytes: number; peakHwmSumBytes: number; processes: number; samples: number; threadCpuMs: Record<string, number> }} ProcessMeasure
 */

/**
 * Runs a command and measures it from the outside: wall time, and the peak memory of its whole
 * process tree (the Node build, Astro's workers, Pagefind, Chromium), sampled from
 * `/proc/<pid>/status` every `intervalMs`. `peakRssBytes` is the largest sum of `VmRSS` over the
 * tree seen in one sample; `peakHwmSumBytes` adds every process's own high-water mark (`VmHWM`),
 * an upper bound that also catches short-lived children between samples. `cpuMs` is the user +
 * system time of the whole tree, steadier than wall time on a busy machine: the larger of this
 * process's reaped-children counters (exact for every process its parent waits for) and the sum of
 * each sampled process's own last-seen CPU time (catches processes nobody waits for, such as
 * Chromium's renderers, which the counters miss). With `threads`, `threadCpuMs` splits that CPU
 * time by kind of thread (`threadKind`), from each thread's own counters in the same samples, plus
 * what no sample saw (threads that ended between samples, and each one's last interval); without
 * it, `threadCpuMs` is empty.
 * Output goes to `logFile`; an exit code other than 0 (or one of `exitCodes`: a checker's 1 for
 * findings) rejects with the log's tail. After `timeoutMs` every
 * process of the tree gets SIGKILL and the promise rejects with a message starting `Timed out`.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string; env?: NodeJS.ProcessEnv; logFile: string; intervalMs?: number; timeoutMs?: number; threads?: boolean; exitCodes?: number[] }} options
 * @returns {Promise<ProcessMeasure>}
 */
export function measureProcess(
	command,
	args,
	{
		cwd,
		env = process.env,
		logFile,
		intervalMs = 100,
		timeoutMs,
		threads = false,
		exitCodes = [0],
	},
) {
	return new Promise((resolvePromise, reject) => {
		const log = createWriteStream(logFile);
		const started = performance.now();
		const cpuBefore = reapedChildrenCpuMs();
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		child.stdout.pipe(log, { end: false });
		child.stderr.pipe(log, { end: false });
		let peakRss = 0;
		let samples = 0;
		/** @type {Map<number, number>} */
		const hwm = new Map();
		/** @type {Map<number, number>} */
		const cpuTicks = new Map();
		/** Each thread's last-seen CPU ticks, by `pid/tid`, with the kind it counts towards. @type {Map<string, { kind: string; ticks: number }>} */
		const threadTicks = new Map();
		const sample = () => {
			if (child.pid === undefined) return;
			let rss = 0;
			for (const [pid, ticks] of processTree(child.pid)) {
				cpuTicks.set(pid, Math.max(cpuTicks.get(pid) ?? 0, ticks));
				// Off unless asked: with Chromium's processes it is hundreds of reads a sample.
				if (threads)
					for (const thread of processThreads(pid)) threadTicks.set(`${pid}/${thread.tid}`, thread);
				const status = readStatus(pid);
				if (!status) continue;
				rss += status.rss;
				hwm.set(pid, Math.max(hwm.get(pid) ?? 0, status.hwm));
			}
			peakRss = Math.max(peakRss, rss);
			samples++;
		};
		sample();
		const timer = setInterval(sample, intervalMs);
		let timedOut = false;
		const deadline =
			timeoutMs === undefined
				? undefined
				: setTimeout(() => {
						timedOut = true;
						if (child.pid === undefined) return;
						for (const pid of processTree(child.pid).keys()) {
							try {
								process.kill(pid, 'SIGKILL');
							} catch {
								// already gone
							}
						}
					}, timeoutMs);
		child.on('error', (error) => {
			clearInterval(timer);
			clearTimeout(deadline);
			reject(error);
		});
		// `close`, not `exit`: by then Node has reaped the child, so its CPU time is counted.
		child.on('close', (code, signal) => {
			const wallMs = performance.now() - started;
			const reapedMs = reapedChildrenCpuMs() - cpuBefore;
			const sampledMs = ([...cpuTicks.values()].reduce((a, b) => a + b, 0) * 1000) / clockTicks;
			const cpuMs = Math.max(reapedMs, sampledMs);
			clearInterval(timer);
			clearTimeout(deadline);
			log.end(() => {
				if (timedOut) {
					const soFar = `CPU ${(cpuMs / 1000).toFixed(1)} s, peak RSS ${(peakRss / 2 ** 30).toFixed(2)} GiB so far`;
					reject(
						new Error(
							`Timed out after ${((timeoutMs ?? 0) / 60_000).toFixed(1)} min (${soFar}): \`${[command, ...args].join(' ')}\`; see ${logFile}`,
						),
					);
					return;
				}
				if (code === null || !exitCodes.includes(code)) {
					const tail = readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n');
					reject(
						new Error(
							`\`${[command, ...args].join(' ')}\` exited with ${code ?? signal}; see ${logFile}\n${tail}`,
						),
					);
					return;
				}
				const peakHwmSumBytes = [...hwm.values()].reduce((a, b) => a + b, 0);
				/** @type {Record<string, number>} */
				const threadCpuMs = {};
				for (const { kind, ticks } of threadTicks.values())
					threadCpuMs[kind] = (threadCpuMs[kind] ?? 0) + (ticks * 1000) / clockTicks;
				// What no sample saw: threads and processes that ended between samples, and each one's last interval.
				if (threads)
					threadCpuMs['not seen by a sample'] = Math.max(
						0,
						cpuMs - Object.values(threadCpuMs).reduce((a, b) => a + b, 0),
					);
				resolvePromise({
					wallMs,
					cpuMs,
					peakRssBytes: peakRss,
					peakHwmSumBytes,
					processes: hwm.size,
					samples,
					threadCpuMs,
				});
			});
		});
	});
}

const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU time (user + system) of every child this process has reaped, from `cutime`/`cstime` in `/proc/self/stat`. */
function reapedChildrenCpuMs() {
	const stat = readFileSync('/proc/self/stat', 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return ((Number(fields[13]) + Number(fields[14])) * 1000) / clockTicks;
}

/**
 * `root` and every live descendant, from the parent ids in `/proc/<pid>/stat`, each with its own
 * CPU time so far (`utime + stime`, clock ticks).
 * @returns {Map<number, number>}
 */
function processTree(/** @type {number} */ root) {
	/** @type {Map<number, number[]>} */
	const children = new Map();
	/** @type {Map<number, number>} */
	const ticks = new Map();
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		let stat;
		try {
			stat = readFileSync(`/proc/${name}/stat`, 'utf8');
		} catch {
			continue; // exited while we looked
		}
		// The command name (field 2) may hold spaces and parentheses; fields after the last `)` are fixed.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const ppid = Number(fields[1]);
		ticks.set(Number(name), Number(fields[11]) + Number(fields[12]));
		const list = children.get(ppid) ?? [];
		list.push(Number(name));
		children.set(ppid, list);
	}
	const tree = [root];
	for (let i = 0; i < tree.length; i++)
		tree.push(...(children.get(/** @type {number} */ (tree[i])) ?? []));
	return new Map(tree.map((pid) => [pid, ticks.get(pid) ?? 0]));
}

/**
 * The threads of `pid` with their CPU ticks so far, each named by what it does: the kinds a build's
 * CPU splits into (its JavaScript, V8's compiler and collector, the bundler, the search indexer).
 * @returns {Array<{ tid: number; kind: string; ticks: number }>}
 */
function processThreads(/** @type {number} */ pid) {
	let command;
	let tids;
	try {
		command = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
		tids = readdirSync(`/proc/${pid}/task`);
	} catch {
		return [];
	}
	const threads = [];
	for (const tid of tids) {
		let stat;
		try {
			stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
		} catch {
			continue;
		}
		const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		threads.push({
			tid: Number(tid),
			kind: threadKind(command, name, Number(tid) === pid),
			ticks: Number(fields[11]) + Number(fields[12]),
		});
	}
	return threads;
}

/** @param {string} command @param {string} thread @param {boolean} main */
function threadKind(command, thread, main) {
	if (/pagefind/i.test(command)) return 'Pagefind';
	if (/chrom/i.test(command)) return 'Chromium';
	if (main) return command === 'node' || command === 'MainThread' ? 'Node main thread' : command;
	// The names Node 24 gives its threads (`/proc/<pid>/task/<tid>/comm`, 15 characters at most).
	if (thread === 'V8Worker') return "V8's compiler and collector threads";
	if (thread === 'rolldown-worker') return 'Rolldown (bundler) threads';
	// A Tokio runtime inside a native binding (Rolldown's, by the strings in its binary).
	if (thread === 'tokio-rt-worker') return 'Tokio threads of native bindings';
	if (thread === 'libuv-worker') return 'libuv pool (files, hashing)';
	// `node --cpu-prof`'s sampler: the measuring's cost, not the measured program's.
	if (thread === 'v8:ProfEvntProc') return "V8's sampling profiler (--cpu-prof)";
	if (thread === 'WorkerThread') return 'Node worker threads';
	return 'other threads';
}

/** @returns {{ rss: number; hwm: number } | undefined} bytes */
function readStatus(/** @type {number} */ pid) {
	let text;
	try {
		text = readFileSync(`/proc/${pid}/status`, 'utf8');
	} catch {
		return undefined;
	}
	const kb = (/** @type {string} */ key) =>
		Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
	return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}
