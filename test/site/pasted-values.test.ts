import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { expect, test } from 'vitest';
import { createPagePainter } from '../../server/page-paint.ts';
import { paintAlertContext } from '../../src/components/alert-context/context-dom.ts';
import { acceptedLabels, contextFromQuery } from '../../alerts/alert-context.ts';
import { fillValue, maxValueLength, refusal } from '../../alerts/fill-value.ts';
import { applyPipes } from '../../markdown/label-template.ts';
import { runbookPage } from '../helpers/runbook-page.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

// A reader pastes the commands of a runbook page, filled with an alert's labels, into a shell. A
// label's value comes from a URL anyone can write or from whatever Prometheus scraped, so it must
// never run as a command, wherever the page's author put its placeholder. Every block of a fixture
// page (plain words, quotes, here-documents quoted or not, nested `sh -c` and `ssh`, `eval`,
// `xargs`, `env`, here-strings, arithmetic, comments, SQL, awk, Python, YAML and JSON) is filled by
// both painters with generated values, and what the copy button copies is pasted into real `bash`,
// `sh`, `zsh` and `fish`, each as a reader's interactive shell. The programs the blocks call are
// stubs that print their arguments (`ssh` runs its command in `sh`, as the remote shell would);
// a value runs code when the canary `pwned` runs, `touch` makes `PWNED`, or `./keep` goes.

const fixture = readFileSync(
	new URL('../fixtures/pasted-commands/erp-worker-stuck.md', import.meta.url),
	'utf8',
);
const page = await runbookPage(fixture, '/erp/worker-stuck/');
const used = acceptedLabels(page.labels.join(' '));
const snapshot = () => ({
	version: 1 as const,
	generatedAt: '2026-11-27T08:00:00Z',
	live: true,
	demo: false,
	probes: [],
});
const servePainter = createPagePainter(snapshot);

/** Pieces of values that break naive quoting or reach a command in one shell or another. */
const hostilePieces = [
	';pwned',
	'$(pwned)',
	'`pwned`',
	'|pwned',
	'&&pwned',
	'&pwned&',
	'\npwned\n',
	'\'";pwned;#',
	"'; pwned; '",
	'a[$(pwned)]',
	'$(touch PWNED)',
	'"; system("pwned"); "',
	"'); __import__('os').system('pwned'); print('",
	'\\',
	'\\! pwned',
	'EOF\npwned\nEOF',
	'$$',
	'${IFS}pwned',
	'(pwned)',
	'{pwned,x}',
	'=pwned',
	'!!',
	'*',
	'?',
	'~',
	'#',
	' ',
	'-rf',
	'--all',
	'../keep',
	'/../',
	'/./',
	'a--b',
	'\u202e',
	'日本',
	'x'.repeat(maxValueLength),
];

/** Values with at least one hostile piece, each starting as an inert value would. */
function hostileValues(count: number, seed: number): string[] {
	const next = seededRandom(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
	const edges = ['', 'db1', 'erp-worker'];
	return Array.from({ length: count }, (_, i) =>
		i < hostilePieces.length
			? `${pick(edges)}${hostilePieces[i]}${pick(edges)}`
			: Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(hostilePieces)).join(
					pick(edges),
				),
	);
}

/** Inert values: letters, digits and `_./:@+%-`, as labels hold them (`db1:9100`, `/dev/sda1`). */
function inertValues(count: number, seed: number): string[] {
	const next = seededRandom(seed);
	const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:@+%-';
	const values: string[] = [];
	while (values.length < count) {
		const length = 4 + Math.floor(next() * 20);
		const value = `V${values.length}${Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('')}`;
		if (refusal(value) === undefined) values.push(value);
	}
	return values;
}

interface Block {
	language: string;
	/** What the copy button copies: the `<code>` element's text. */
	copied: string;
	/** The values the block's placeholders were filled with. */
	filled: string[];
	note: string | null;
}

/** The page's code blocks after a painter filled them with `value` for every label. */
function paintedBlocks(value: string, painter: 'serve' | 'browser'): Block[] {
	const query = `?${new URLSearchParams(page.labels.map((name) => [name, value])).toString()}`;
	let document: Document;
	if (painter === 'serve')
		document = parseHTML(servePainter(page.html, 'worker:1', query)).document;
	else {
		document = parseHTML(page.html).document;
		paintAlertContext(document, contextFromQuery(query, used));
	}
	return [...document.querySelectorAll('.code-block')].map((block) => {
		const note = block.querySelector('.wm-ph-note');
		return {
			language: block.getAttribute('data-language') ?? 'plaintext',
			copied: block.querySelector('pre code')!.textContent ?? '',
			filled: [...block.querySelectorAll('.wm-ph[data-state="filled"]')].map(
				(el) => el.textContent ?? '',
			),
			note: note && !note.hasAttribute('hidden') ? note.textContent : null,
		};
	});
}

/** How a reader pastes into each shell: interactive where the shell allows it, with no start-up files. */
const shells = {
	bash: 'bash --norc --noprofile -i',
	sh: 'sh -i',
	zsh: 'zsh -f -i',
	fish: 'fish --no-config',
} as const;
type Shell = keyof typeof shells;
const installed = (Object.keys(shells) as Shell[]).filter(
	(shell) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0,
);

/** The shells that read a block of this language as its author meant (where its values must arrive). */
const readers: Record<string, Shell[]> = {
	bash: ['bash'],
	sh: ['sh', 'bash', 'zsh'],
	zsh: ['zsh'],
	fish: ['fish'],
};

const stubs = {
	// `ssh host cmd…` runs `cmd…` in the remote user's shell; `sudo` runs its command.
	ssh: 'shift; echo "ssh-ran: $*"; exec sh -c "$*"',
	sudo: 'exec "$@"',
	kubectl: 'echo "kubectl $*"; case " $* " in *" -f - "*) cat;; esac',
	pwned: 'echo ran > "$CANARY"',
	...Object.fromEntries(
		['systemctl', 'journalctl', 'psql', 'curl', 'hostname'].map((name) => [
			name,
			`echo "${name} $*"`,
		]),
	),
};

/**
 * Pastes each text into `shell`, one fresh working folder (with `./cache/zone` and `./keep`) and
 * one shell process each, all from one driver script: a shell starts thousands of times faster
 * from a shell than from Node. Gives what each printed and what a value ran.
 */
async function pasteAll(
	shell: Shell,
	texts: string[],
): Promise<Array<{ output: string; ran: string[] }>> {
	const dir = mkdtempSync(join(tmpdir(), `waymark-paste-${shell}-`));
	try {
		mkdirSync(join(dir, 'bin'));
		for (const [name, body] of Object.entries(stubs))
			writeFileSync(join(dir, 'bin', name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
		texts.forEach((text, i) => writeFileSync(join(dir, `${i}.in`), `${text}\n`));
		const driver = [
			'for i in $(seq 0 $(($# - 1))); do',
			'  w="$DIR/$i.w"; mkdir -p "$w/cache/zone" "$w/keep"',
			`  (cd "$w" && HOME="$w" CANARY="$w/canary" HISTFILE="$w/.history" TERM=dumb PATH="$DIR/bin:/usr/bin:/bin" timeout 10 ${shells[shell]} < "$DIR/$i.in" > "$DIR/$i.out" 2>&1)`,
			'  [ -e "$w/canary" ] && echo "the canary \\`pwned\\`" >> "$DIR/$i.ran"',
			'  [ -e "$w/PWNED" ] && echo "\\`touch PWNED\\`" >> "$DIR/$i.ran"',
			'  [ -d "$w/keep" ] || echo "\\`rm\\` of ./keep" >> "$DIR/$i.ran"',
			'done',
		].join('\n');
		await new Promise<void>((done, fail) => {
			const child = spawn('sh', ['-c', driver, 'driver', ...texts.map(String)], {
				env: { DIR: dir, PATH: '/usr/bin:/bin' },
				stdio: 'ignore',
			});
			child.on('error', fail);
			child.on('exit', () => done());
		});
		const read = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8') : '');
		return texts.map((_, i) => ({
			output: read(join(dir, `${i}.out`)),
			ran: read(join(dir, `${i}.ran`))
				.split('\n')
				.filter(Boolean),
		}));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const hostile = hostileValues(60, 20261127);
const inert = inertValues(10, 5);

test('the generated values are what they claim: every hostile one refused, every inert one filled', () => {
	expect(hostile.filter((v) => fillValue(v) !== undefined)).toEqual([]);
	expect(inert.filter((v) => fillValue(v) === undefined)).toEqual([]);
	expect(installed).toEqual(expect.arrayContaining(['bash', 'sh', 'zsh']));
});

test('both painters fill a page the same: the serve painter sends what the browser script paints', () => {
	for (const value of [...hostile, ...inert, ''])
		expect(paintedBlocks(value, 'serve')).toEqual(paintedBlocks(value, 'browser'));
});

test('a hostile value fills no placeholder: each block is copied as written, with the value beside it as data', () => {
	const asWritten = paintedBlocks('', 'browser');
	for (const value of hostile) {
		const blocks = paintedBlocks(value, 'browser');
		expect(blocks.map((b) => b.copied)).toEqual(asWritten.map((b) => b.copied));
		for (const block of blocks) {
			expect(block.filled).toEqual([]);
			expect(block.note).toMatch(/^Not filled in: /);
		}
	}
});

const cases = [...hostile, ...inert].flatMap((value) =>
	paintedBlocks(value, 'browser').map((block, i) => ({ value, i, block })),
);

test.each(installed)(
	'pasted into %s, no block runs a hostile value, and an inert value arrives exactly as given',
	async (shell) => {
		// A refused value leaves its block as written: many cases paste the same text, once.
		const texts = [...new Set(cases.map((c) => c.block.copied))];
		const pasted = new Map((await pasteAll(shell, texts)).map((result, n) => [texts[n]!, result]));
		const runs: string[] = [];
		const lost: string[] = [];
		cases.forEach(({ value, i, block }) => {
			const { output, ran } = pasted.get(block.copied)!;
			if (ran.length > 0) runs.push(`${JSON.stringify(value)} in block ${i}: ${ran.join(', ')}`);
			if (fillValue(value) === undefined) return;
			if (block.filled.length === 0) lost.push(`block ${i} was not filled with ${value}`);
			// Where the block's own shell reads it, every value the block holds reaches a program.
			if (readers[block.language]?.includes(shell))
				for (const filled of new Set(block.filled))
					if (!output.includes(filled))
						lost.push(`block ${i} (${block.language}): ${filled} not in ${JSON.stringify(output)}`);
		});
		expect(runs).toEqual([]);
		expect(lost).toEqual([]);
	},
	60_000,
);

test('the harness catches a value that runs: a hostile value put in raw runs the canary, a traversal removes ./keep', async () => {
	const asWritten = paintedBlocks('', 'browser').map((b) => b.copied);
	const raw = asWritten.map((text) => text.replaceAll('<unit>', ';pwned;'));
	const ran = (await Promise.all(installed.map((shell) => pasteAll(shell, raw))))
		.flat()
		.flatMap((p) => p.ran);
	expect(ran).toContain('the canary `pwned`');
	const traversal = asWritten.map((text) => text.replaceAll('<zone>', '../keep'));
	expect((await pasteAll('bash', traversal)).flatMap((p) => p.ran)).toContain('`rm` of ./keep');
});

test('a value is checked after its template functions: one that `urlquery` makes start with `%` is left out', () => {
	expect(applyPipes('db1:9100', ['urlquery'])).toBe('db1%3A9100');
	const query = (value: string) =>
		paintedBlocks(value, 'browser').find((b) => b.copied.includes('curl'))!;
	expect(query('db1:9100').copied).toContain('search?q=db1%3A9100"');
	const device = query('/dev/sda1');
	expect(device.copied).toContain('search?q={{ $labels.query | urlquery }}"');
	expect(device.note).toContain('query is "%2Fdev%2Fsda1" (it starts with `%`)');
});
