import type { AstroLoggerDestination, AstroLoggerLevel, AstroLoggerMessage } from 'astro';
import nodeDestination from 'astro/logger/node';
import { createColors } from 'picocolors';
import { terminalLines } from '../core/escape.ts';
import { logSink, type LogSink } from './log-sinks.ts';

/**
 * Astro's own terminal output, with its page lines kept whole: the logger of Waymark's Astro runs
 * (`astro-run.ts`, Astro's `logger.entrypoint`), loaded by Astro from this file. It writes to the
 * run's command (`sink`, `log-sinks.ts`) as `astro/logger/node` writes to the process, or to the
 * process when no run is named. Its messages quote the tree (paths, routes, what a page's code
 * logs): `terminalLines` keeps them from starting a workflow command in a CI log or sending the
 * terminal anything but colours.
 */
export default function buildLog(
	config: { level?: AstroLoggerLevel; sink?: string } = {},
): AstroLoggerDestination {
	const sink = logSink(config.sink);
	return keepPageLinesWhole(
		withoutWorkFolder(
			asText(sink ? sinkDestination(sink, config.level ?? 'info') : nodeDestination(config)),
		),
	);
}

const levels: Record<AstroLoggerLevel, number> = {
	debug: 20,
	info: 30,
	warn: 40,
	error: 50,
	silent: 90,
};
const clock = new Intl.DateTimeFormat([], {
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hour12: false,
});

/** `astro/logger/node`'s lines (a dim time, the label, warnings and errors on stderr) on a sink's streams. */
function sinkDestination(sink: LogSink, level: AstroLoggerLevel): AstroLoggerDestination {
	const c = createColors(sink.color);
	const prefix = ({ level: at, label }: AstroLoggerMessage): string => {
		const time = clock.format(new Date());
		if (at === 'error' || at === 'warn') {
			const parts = [c.bold(time), `[${at.toUpperCase()}]`, ...(label ? [`[${label}]`] : [])].join(
				' ',
			);
			return at === 'error' ? c.red(parts) : c.yellow(parts);
		}
		return label ? `${c.dim(time)} ${c.blue(`[${label}]`)}` : c.dim(time);
	};
	return {
		write(event) {
			if (levels[event.level] < levels[level]) return;
			const stream = levels[event.level] < levels.error ? sink.stdout : sink.stderr;
			const end = event.newLine ? '\n' : '';
			// Astro colours its messages by the process's environment; the command decided for its own
			// streams (a terminal, `NO_COLOR`), and a sink without colour gets none of Astro's either.
			// eslint-disable-next-line no-control-regex -- SGR sequences, the only escapes `asText` keeps
			const message = sink.color ? event.message : event.message.replace(/\u001b\[[\d;]*m/g, '');
			stream.write(
				event.label === 'SKIP_FORMAT' ? `${message}${end}` : `${prefix(event)} ${message}${end}`,
			);
		},
	};
}

/**
 * Astro names the folder it builds in (`[build] directory: …/.waymark/astro/<tree>/dist/`): the
 * tree's store, Waymark's work folder, which the site is moved out of. The command says where the
 * site went (`Built … into dist/`); that line is left out.
 */
export function withoutWorkFolder(inner: AstroLoggerDestination): AstroLoggerDestination {
	return {
		...inner,
		write: (event) =>
			// eslint-disable-next-line no-control-regex -- Astro colours the path
			event.label === 'build' && /^directory: /.test(event.message.replace(/\u001b\[[\d;]*m/g, ''))
				? undefined
				: inner.write(event),
	};
}

function asText(inner: AstroLoggerDestination): AstroLoggerDestination {
	return {
		...inner,
		write: (event) =>
			inner.write({ ...event, message: terminalLines(event.message, { colours: true }) }),
	};
}

/**
 * Astro writes a page's line in two parts: its path when the page starts (`newLine: false`) and,
 * when it is done, how long it took or that it came from the last build (`(cached)`,
 * `(restored)`) as the line's end. With pages generated several at a time the parts of different
 * pages ran together on one line (`├─ /404.html18:18:14`), and a message written while a page
 * rendered landed in its line. Here a line left open is closed before anything else is written,
 * and a line's end is written only where it is known to be that page's: when that page is the only
 * one under way, or when it says the page came from the last build (Astro writes that at once after
 * the page's start, with nothing in between). Any other end is left out, so a time is never shown
 * beside the wrong page: with four pages under way, a rendered page's line is its path alone.
 * One page at a time with nothing written in between, the output is Astro's, byte for byte.
 * (Astro's runtime logger, which page code reaches, is another instance of this in the prerender
 * bundle: what it writes can still land on an open line.)
 */
export function keepPageLinesWhole(inner: AstroLoggerDestination): AstroLoggerDestination {
	let open = false;
	let underWay = 0;
	const close = () => {
		if (open) inner.write({ label: 'SKIP_FORMAT', level: 'info', message: '', newLine: true });
		open = false;
	};
	const write = (event: AstroLoggerMessage) => {
		if (!event.newLine) {
			close();
			inner.write(event);
			open = true;
			underWay++;
			return;
		}
		if (event.label === 'SKIP_FORMAT' && underWay > 0) {
			// The end of a page's line. A line is open only until the next message: one that says the
			// page came from the last build right after a start is that page's.
			underWay--;
			if (open && (underWay === 0 || fromLastBuild.test(event.message))) {
				inner.write(event);
				open = false;
			} else close();
			return;
		}
		close();
		inner.write(event);
	};
	return { ...inner, write };
}

/** The end Astro gives the line of a page it copied from its incremental cache (colours around the words). */
const fromLastBuild = /\((?:cached|restored)\)/;
