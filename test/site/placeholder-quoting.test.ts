import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { codePlaceholders } from '../../src/lib/code-placeholders.ts';
import { fillContexts, fillValue, refusal } from '../../src/lib/fill-value.ts';

// Label values are hostile: a value filled into a shell command must reach the command as one
// word, exactly as given, and run nothing of its own, wherever the placeholder stands (a plain
// word, inside double or single quotes, a command substitution, a here-document, a comment).
// Values are generated from pieces that break naive quoting; each filled script runs in the real
// `sh` (dash) and `bash`, and prints what each placeholder became.

/** mulberry32: a small seeded generator, so a failure names a value that can be reproduced. */
function random(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const pieces = [
	"'",
	'"',
	'$',
	'`',
	'\\',
	'$(touch pwned)',
	'`touch pwned`',
	'; touch pwned',
	'&& touch pwned #',
	'| tee pwned',
	'>pwned',
	'${HOME}',
	'$HOME',
	"'\\''",
	'"$(touch pwned)"',
	'!!',
	'*',
	'?',
	'[a]',
	'~',
	'{a,b}',
	' ',
	'  ',
	'db1:9100',
	'erp',
	'-rf',
	'=x',
	'é',
	'日本',
	'<',
	'#',
	'%1',
	')',
	'(',
	'}',
	'{',
	'EOF',
	'\\n',
	'\u00a0',
];

function values(count: number, seed: number): string[] {
	const next = random(seed);
	return Array.from({ length: count }, () =>
		Array.from(
			{ length: 1 + Math.floor(next() * 5) },
			() => pieces[Math.floor(next() * pieces.length)],
		).join(''),
	);
}

/** Commands with one placeholder each (`<v>`), and what they print for a value. */
const commands: Array<{ place: string; code: string; prints: (v: string) => string }> = [
	{ place: 'a plain word', code: "printf '[%s]\\n' <v>", prints: (v) => `[${v}]` },
	{ place: 'inside a word', code: "printf '[%s]\\n' x{{ $labels.v }}y", prints: (v) => `[x${v}y]` },
	{ place: 'double quotes', code: `printf '[%s]\\n' "a <v> b"`, prints: (v) => `[a ${v} b]` },
	{ place: 'single quotes', code: "printf '[%s]\\n' 'a <v> b'", prints: (v) => `[a ${v} b]` },
	{
		place: 'a command substitution',
		code: `printf '[%s]\\n' "$(printf '%s' <v>)"`,
		prints: (v) => `[${v}]`,
	},
	{
		place: 'double quotes in a command substitution',
		code: `printf '[%s]\\n' "$(printf '%s' "<v>")"`,
		prints: (v) => `[${v}]`,
	},
	{ place: 'a here-document', code: 'cat <<EOF\n[<v>]\nEOF', prints: (v) => `[${v}]` },
	{
		place: 'a quoted here-document',
		code: "cat <<'EOF'\n[{{ $labels.v }}]\nEOF",
		prints: (v) => `[${v}]`,
	},
	{ place: 'a comment', code: "printf '[%s]\\n' ok # <v>", prints: () => '[ok]' },
];

/** The command with its placeholder filled as the page fills it, or undefined when the page would not fill it. */
function filled(code: string, value: string, fill = fillValue): string | undefined {
	const [placeholder, ...rest] = codePlaceholders(code, 'bash');
	if (!placeholder || rest.length > 0) throw new Error(`expected one placeholder in ${code}`);
	const text = fill(placeholder.context, value);
	return text === undefined
		? undefined
		: code.slice(0, placeholder.start) + text + code.slice(placeholder.end);
}

let dir: string;
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'waymark-quoting-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs the cases as one script in `shell`; gives each case's output line and whether anything made `pwned`. */
function run(shell: string, scripts: string[]): { lines: string[]; pwned: boolean } {
	const out = execFileSync(shell, ['-c', scripts.join('\n')], {
		cwd: dir,
		encoding: 'utf8',
		env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: '/nonexistent' },
		timeout: 20_000,
	});
	const pwned = existsSync(join(dir, 'pwned'));
	return { lines: out.split('\n').slice(0, -1), pwned };
}

const generated = values(120, 20261124).filter((v) => refusal(v) === undefined);

describe.each(['sh', 'bash'])('in %s', (shell) => {
	test.each(commands)(
		'a filled value is one word of the command, as given, in $place',
		({ code, prints }) => {
			const cases = generated.map((v) => ({ v, script: filled(code, v) }));
			// Every generated value is filled in a shell block: quoting makes each one fit.
			expect(cases.filter((c) => c.script === undefined).map((c) => c.v)).toEqual([]);
			const { lines, pwned } = run(
				shell,
				cases.map((c) => c.script!),
			);
			expect(lines).toEqual(cases.map((c) => prints(c.v)));
			expect(pwned).toBe(false);
		},
	);
});

test('the same values pasted in as they are break the command or run one of their own (the harness catches it)', () => {
	const raw = (_context: string, v: string): string => v;
	const broken = generated.filter((v) => {
		try {
			return (
				execFileSync('sh', ['-c', filled("printf '[%s]\\n' <v>", v, raw)!], {
					cwd: dir,
					encoding: 'utf8',
					stdio: ['ignore', 'pipe', 'ignore'],
					timeout: 5000,
				}) !== `[${v}]\n`
			);
		} catch {
			return true;
		}
	});
	expect(broken.length).toBeGreaterThan(generated.length / 2);
	expect(existsSync(join(dir, 'pwned'))).toBe(true);
});

test('values with control or invisible characters are never filled', () => {
	const next = random(7);
	const hidden = [
		'\n',
		'\r',
		'\u0000',
		'\u001b[31m',
		'\u202e',
		'\u2066',
		'\u200b',
		'\u2028',
		'\ufeff',
		'\u007f',
	];
	for (let i = 0; i < 50; i++) {
		const v = `db${hidden[Math.floor(next() * hidden.length)]}1`;
		expect(refusal(v)).toBe('it holds control or invisible characters');
		for (const context of fillContexts) expect(fillValue(context, v)).toBeUndefined();
	}
	expect(fillValue('shell', 'db 1')).toBe("'db 1'");
});
