import type { Progress } from '../core/progress.ts';
import { terminalText } from '../core/escape.ts';

/** A step shows once it has been open this long. */
const showAfterMs = 2000;
/** Without a terminal to redraw (CI, a file), a step still open says so again this often. */
const repeatEveryMs = 10_000;

export interface SlowStepsOptions {
	/** Redraw one line in place (a terminal, no `CI`); else write a line now and then. */
	redraw: boolean;
	/** Steps that show their own progress (the link checker's bar): never shown here. */
	ownDisplay?: readonly string[];
	now?: () => number;
	/** How often the display looks. @default 500 ms */
	intervalMs?: number;
}

interface OpenStep {
	what: string;
	since: number;
	ticks: number;
	detail?: string;
	/** When a line about it was last written (line mode). */
	saidAt?: number;
}

/**
 * Shows on `stream` every step of `inner` that takes more than two seconds, and what it has done so
 * far: `Drawing 12 diagrams in Chromium… 5 s, 4 of 12 diagrams drawn`. On a terminal the line is
 * redrawn in place and erased when the step ends; elsewhere a line is written when a step passes
 * two seconds, again every ten seconds it stays open, and once when it ends. Steps shorter than two
 * seconds show nothing. Every call still reaches `inner` (the watchdog).
 */
export function showSlowSteps(
	inner: Progress,
	stream: { write(text: string): unknown },
	options: SlowStepsOptions,
): { progress: Progress; stop: () => void } {
	const now = options.now ?? Date.now;
	const open = new Map<number, OpenStep>();
	let nextId = 0;
	let drawn = false;
	const erase = (): void => {
		if (drawn) stream.write('\r\u001b[2K');
		drawn = false;
	};
	const describe = (step: OpenStep, at: number): string => {
		const seconds = Math.floor((at - step.since) / 1000);
		// A count in words (`4 of 12 diagrams drawn`) says it; a name (the page read last) does not.
		const done =
			step.detail !== undefined && /\d+ of \d+/.test(step.detail)
				? step.detail
				: step.ticks > 0
					? `${step.ticks} done`
					: undefined;
		return terminalText(
			`${step.what.charAt(0).toUpperCase()}${step.what.slice(1)}… ${seconds} s${done ? `, ${done}` : ''}`,
		);
	};
	const look = (): void => {
		const at = now();
		const slow = [...open.values()].filter(
			(step) => at - step.since >= showAfterMs && !options.ownDisplay?.includes(step.what),
		);
		// The step open longest, and how many others run beside it.
		const longest = slow[0];
		if (options.redraw) {
			erase();
			if (!longest) return;
			const others = slow.length > 1 ? ` (and ${slow.length - 1} more)` : '';
			stream.write(`${describe(longest, at)}${others}`);
			drawn = true;
			return;
		}
		for (const step of slow) {
			if (step.saidAt !== undefined && at - step.saidAt < repeatEveryMs) continue;
			step.saidAt = at;
			stream.write(`${describe(step, at)}\n`);
		}
	};
	const timer = setInterval(look, options.intervalMs ?? 500);
	timer.unref();
	const progress: Progress = {
		begin(what) {
			const id = nextId++;
			open.set(id, { what, since: now(), ticks: 0 });
			const end = inner.begin(what);
			return () => {
				const step = open.get(id);
				open.delete(id);
				end();
				if (!step) return;
				if (options.redraw) look();
				else if (step.saidAt !== undefined)
					stream.write(
						`${terminalText(`${step.what.charAt(0).toUpperCase()}${step.what.slice(1)}: done in ${Math.round((now() - step.since) / 1000)} s`)}\n`,
					);
			};
		},
		tick(detail) {
			// The newest open step did it: a tick belongs to the innermost work.
			const step = [...open.values()].at(-1);
			if (step) {
				step.ticks++;
				if (detail !== undefined) step.detail = detail;
			}
			inner.tick(detail);
		},
	};
	const stop = (): void => {
		clearInterval(timer);
		erase();
	};
	return { progress, stop };
}
