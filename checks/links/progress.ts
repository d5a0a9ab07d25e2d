import cliProgress from 'cli-progress';

/** Where link checks report progress; injected so checks never print (tests pass a recorder). */
export interface ProgressSink {
	start(total: number, label: string): void;
	tick(): void;
	/** A problem with the run itself (e.g. an unreadable cache), not with a page. */
	warn(message: string): void;
	stop(): void;
}

export const silentProgress: ProgressSink = { start() {}, tick() {}, warn() {}, stop() {} };

export interface ProgressOptions {
	/** In CI (`CI` set): lines, never a redrawn bar. @default false */
	ci?: boolean;
	/** Warnings only (`WAYMARK_LOG_LEVEL=silent`). @default false */
	silent?: boolean;
}

/**
 * Progress on `stream`: a bar with done/total, rate and ETA on a TTY; in CI (or not a TTY) one
 * line per 10 % or per 10 s, whichever comes first. `silent` prints warnings only. The command
 * layer reads `CI` and `WAYMARK_LOG_LEVEL` and passes them in.
 */
export function createProgress(
	stream: NodeJS.WritableStream & { isTTY?: boolean },
	options: ProgressOptions = {},
	now: () => number = Date.now,
): ProgressSink {
	const warn = (message: string): void => void stream.write(`Warning: ${message}\n`);
	if (options.silent) return { ...silentProgress, warn };
	const interactive = stream.isTTY === true && !options.ci;
	if (interactive) {
		const bar = new cliProgress.SingleBar(
			{
				stream,
				format: '{label} {bar} {value}/{total} | {rate}/s | ETA {eta_formatted}',
				hideCursor: true,
				clearOnComplete: true,
			},
			cliProgress.Presets.shades_classic,
		);
		let started = 0;
		let done = 0;
		return {
			start(total, label) {
				started = now();
				bar.start(total, 0, { label, rate: '0' });
			},
			tick() {
				done++;
				bar.update(done, { rate: (done / Math.max(0.001, (now() - started) / 1000)).toFixed(1) });
			},
			warn,
			stop() {
				bar.stop();
			},
		};
	}
	let total = 0;
	let done = 0;
	let label = '';
	let started = 0;
	let lastAt = 0;
	let lastPercent = 0;
	const line = (): void => {
		const seconds = (now() - started) / 1000;
		stream.write(
			`${label}: ${done}/${total} (${Math.floor((done / Math.max(1, total)) * 100)} %) in ${seconds.toFixed(1)} s\n`,
		);
	};
	return {
		start(count, text) {
			total = count;
			label = text;
			done = 0;
			started = lastAt = now();
			lastPercent = 0;
		},
		tick() {
			done++;
			const percent = Math.floor((done / Math.max(1, total)) * 10) * 10;
			if (percent > lastPercent || now() - lastAt >= 10_000) {
				lastPercent = percent;
				lastAt = now();
				line();
			}
		},
		warn,
		stop() {},
	};
}
