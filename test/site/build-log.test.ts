import type { AstroLoggerMessage } from 'astro';
import { expect, test, vi } from 'vitest';
import { keepPageLinesWhole } from '../../integration/build-log.ts';

// Astro writes a page's log line in two parts (its path, then its time), so with pages generated
// several at a time the parts of different pages ran together. Generated schedules, as Astro's
// page queue runs them (up to `concurrency` pages under way, finishing in any order, warnings and
// other lines in between), go through the destination; every line must stay whole and true.

interface Schedule {
	events: AstroLoggerMessage[];
	pages: string[];
	/** Pages Astro copied from the last build: their line's end is written with their start. */
	copied: Set<string>;
	others: string[];
}

/** The end of the line of a page copied from the last build, as Astro colours it. */
const restored = ' \u001b[32m(restored)\u001b[39m';

/** A run of `pages` pages at most `concurrency` at a time, in an order drawn from `seed`. */
function schedule(seed: number, pages: number, concurrency: number, warnings: boolean): Schedule {
	let state = seed;
	const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
	const events: AstroLoggerMessage[] = [];
	const paths = Array.from({ length: pages }, (_, n) => `/page-${n}/index.html`);
	const others: string[] = [];
	const copied = new Set<string>();
	const say = (
		message: string,
		level: AstroLoggerMessage['level'] = 'info',
		label: string | null = 'build',
	) => {
		events.push({ label, level, message, newLine: true });
		others.push(message);
	};
	say('generating static routes');
	const underWay: number[] = [];
	let started = 0;
	while (started < pages || underWay.length > 0) {
		while (underWay.length < concurrency && started < pages) {
			const path = paths[started] as string;
			events.push({ label: null, level: 'info', message: `  ├─ ${path}`, newLine: false });
			if (next() < 0.3) {
				// Copied from the last build: Astro ends its line at once.
				events.push({ label: 'SKIP_FORMAT', level: 'info', message: restored, newLine: true });
				copied.add(path);
				started++;
				continue;
			}
			underWay.push(started++);
			if (warnings && next() < 0.2) say(`warning ${events.length} while a page rendered`, 'warn');
		}
		if (underWay.length === 0) continue;
		const [done] = underWay.splice(Math.floor(next() * underWay.length), 1) as [number];
		events.push({ label: 'SKIP_FORMAT', level: 'info', message: ` (+${done}ms)`, newLine: true });
	}
	say('✓ Completed in 1s.', 'info', null);
	return { events, pages: paths, copied, others };
}

/** What Astro's terminal destination prints for `events`. */
function printed(events: AstroLoggerMessage[]): string {
	return events
		.map(
			(event) =>
				`${event.label === 'SKIP_FORMAT' ? '' : `[${event.label ?? ''}] `}${event.message}${event.newLine ? '\n' : ''}`,
		)
		.join('');
}

function through(events: AstroLoggerMessage[]): string {
	const written: AstroLoggerMessage[] = [];
	const log = keepPageLinesWhole({ write: (event) => void written.push(event) });
	for (const event of events) log.write(event);
	return printed(written);
}

const cases = Array.from({ length: 120 }, (_, n) => ({
	seed: 7919 * (n + 1),
	pages: 1 + (n % 23),
	concurrency: 1 + (n % 6),
	warnings: n % 3 !== 0,
}));

test.each(cases)(
	'every line whole and true: seed $seed, $pages pages, $concurrency at a time, warnings $warnings',
	({ seed, pages, concurrency, warnings }) => {
		const run = schedule(seed, pages, concurrency, warnings);
		const output = through(run.events);
		expect(output.endsWith('\n')).toBe(true);
		const lines = output.slice(0, -1).split('\n');
		for (const path of run.pages) {
			const own = lines.filter((line) => line.includes(`${path}`));
			// Its own line, holding its path and at most its own end.
			expect(own, path).toHaveLength(1);
			const page = Number(/page-(\d+)/.exec(path)?.[1]);
			if (run.copied.has(path)) expect(own[0]).toBe(`[]   ├─ ${path}${restored}`);
			else
				expect(own[0]).toMatch(
					new RegExp(`^\\[\\]   ├─ /page-${page}/index\\.html(?: \\(\\+${page}ms\\))?$`),
				);
		}
		// Nothing but a page's end is ever left out, and every other message keeps a line of its own.
		for (const message of run.others)
			expect(lines.filter((line) => line.endsWith(message))).toHaveLength(1);
		expect(lines.filter((line) => line.includes('├─'))).toHaveLength(pages);
		expect(lines).toHaveLength(pages + run.others.length);
	},
);

test.each(cases.filter((c) => c.concurrency === 1 && !c.warnings))(
	'one page at a time, the output is Astro’s own: seed $seed, $pages pages',
	({ seed, pages }) => {
		const run = schedule(seed, pages, 1, false);
		expect(through(run.events)).toBe(printed(run.events));
		// Every page keeps its time.
		expect(through(run.events).match(/├─ .*(?:\(\+\d+ms\)|\(restored\).*)$/gm)).toHaveLength(pages);
	},
);

test('a page’s end is shown when it is the only page under way again', () => {
	const events: AstroLoggerMessage[] = [
		{ label: null, level: 'info', message: 'A', newLine: false },
		{ label: null, level: 'info', message: 'B', newLine: false },
		{ label: 'SKIP_FORMAT', level: 'info', message: ' a-or-b', newLine: true },
		{ label: 'SKIP_FORMAT', level: 'info', message: ' a-or-b', newLine: true },
		{ label: null, level: 'info', message: 'C', newLine: false },
		{ label: 'SKIP_FORMAT', level: 'info', message: ' c', newLine: true },
	];
	expect(through(events)).toBe('[] A\n[] B\n[] C c\n');
});

test('a line’s end that says the page came from the last build is written only right after its start', () => {
	const events: AstroLoggerMessage[] = [
		{ label: null, level: 'info', message: 'A', newLine: false },
		{ label: null, level: 'info', message: 'B', newLine: false },
		{ label: 'build', level: 'warn', message: 'slow', newLine: true },
		// Not B's (something came in between): which page it ends is not known.
		{ label: 'SKIP_FORMAT', level: 'info', message: restored, newLine: true },
		{ label: 'SKIP_FORMAT', level: 'info', message: ' (+4ms)', newLine: true },
	];
	expect(through(events)).toBe('[] A\n[] B\n[build] slow\n');
});

test('the build log shows what the tree wrote as text: colours kept, no line of its own, no workflow command', async () => {
	const { default: buildLog } = await import('../../integration/build-log.ts');
	const written: string[] = [];
	const capture = (chunk: string | Uint8Array): boolean => (written.push(String(chunk)), true);
	const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
	const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
	try {
		const log = buildLog({ level: 'info' });
		for (const level of ['info', 'warn', 'error'] as const)
			log.write({
				label: 'waymark',
				level,
				message: `\u001b[33mdocs/a\n::error file=x.md::forged\u001b[2K\u202e.md\u001b[39m`,
				newLine: true,
			});
	} finally {
		out.mockRestore();
		err.mockRestore();
	}
	const text = written.join('');
	// The logger's own breaks are kept (an error's frame is several lines); none starts a command.
	expect(text.split('\n').filter((line) => /^\s*::/.test(line))).toEqual([]);
	expect(text.match(/\\x3a:error file=x\.md::forged\\x1b\[2K\\u202e\.md/g)).toHaveLength(3);
	// Colours may stay (a terminal) or go (NO_COLOR, CI): any escape left is a colour.
	// eslint-disable-next-line no-control-regex -- the logger's colours and the message's, taken out
	expect(text.replace(/\u001b\[[\d;]*m/g, '')).not.toContain('\u001b');
});

test("dev's watcher leaves the page bodies Waymark writes in the store alone, and watches Astro's content store", async () => {
	const { notWatched } = await import('../../integration/astro-run.ts');
	const ignored = notWatched('/state/astro/ops-1a2b');
	expect(
		[
			'/state/astro/ops-1a2b/cache/waymark-pages/3f2a.html',
			'/state/astro/ops-1a2b/cache/waymark-pages',
		].map(ignored),
	).toEqual([true, true]);
	expect(
		[
			'/state/astro/ops-1a2b/cache/data-store.json',
			'/state/astro/ops-1a2b/cache/waymark-pages-old/x.html',
			'/docs/ops/README.md',
		].map(ignored),
	).toEqual([false, false, false]);
});

test("the build log leaves out the folder Astro builds in (Waymark's work folder), and nothing else", async () => {
	const { withoutWorkFolder } = await import('../../integration/build-log.ts');
	const written: string[] = [];
	const log = withoutWorkFolder({
		write: (event) => void written.push(`[${event.label ?? ''}] ${event.message}`),
	});
	for (const message of [
		'output: "static"',
		'directory: \u001b[34m/home/ops/runbooks/.waymark/astro/guidebooks-91c6729d0be0/dist/\u001b[39m',
		'directory: /tmp/x/dist/',
		'Collecting build info...',
	])
		log.write({ label: 'build', level: 'info', message, newLine: true });
	log.write({
		label: 'waymark',
		level: 'info',
		message: 'directory: a page named so',
		newLine: true,
	});
	expect(written).toEqual([
		'[build] output: "static"',
		'[build] Collecting build info...',
		'[waymark] directory: a page named so',
	]);
});

// Astro colours its messages by the process's environment (a CI variable turns them on); a
// command whose streams take no colour (no terminal, `NO_COLOR`) gets none, from Astro either.
test.each([true, false])(
	"a run whose streams take colour (%s) gets Astro's colours only then",
	async (color) => {
		const { default: buildLog } = await import('../../integration/build-log.ts');
		const { openLogSink } = await import('../../integration/log-sinks.ts');
		const written: string[] = [];
		const stream = {
			write: (chunk: string | Uint8Array) => (written.push(String(chunk)), true),
		} as unknown as NodeJS.WritableStream;
		const sink = openLogSink(`/state/astro/colours-${String(color)}`, {
			stdout: stream,
			stderr: stream,
			color,
		});
		try {
			const log = buildLog({ level: 'info', sink: sink.key });
			log.write({
				label: 'SKIP_FORMAT',
				level: 'info',
				message: '  \u001b[34m├─\u001b[39m \u001b[2m/index.html\u001b[22m',
				newLine: true,
			});
			log.write({
				label: 'build',
				level: 'info',
				message: '\u001b[32m✓ Completed in 398ms.\u001b[39m',
				newLine: true,
			});
		} finally {
			sink.close();
		}
		const text = written.join('');
		expect(text).toContain('├─');
		expect(text.includes('\u001b['), text).toBe(color);
		if (!color) expect(text).toMatch(/ {2}├─ \/index\.html\n/);
	},
);
