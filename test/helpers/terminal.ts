import { Writable } from 'node:stream';
import type { Terminal } from '../../cli/terminal.ts';
import { readEnvironment } from '../../core/environment.ts';

export interface TestTerminal extends Terminal {
	/** Everything written to stdout so far. */
	out(): string;
	/** Everything written to stderr so far. */
	err(): string;
}

/** A stream that keeps what is written to it as text; `isTTY` as a terminal would say. */
function recorder(isTTY: boolean): { stream: Writable & { isTTY?: boolean }; text: () => string } {
	const chunks: string[] = [];
	// Kept as it is written (Writable calls `write` at once when nothing is queued), so the text is whole when the command ends.
	const writable = new Writable({
		decodeStrings: false,
		write(chunk: Buffer | string, _encoding, done) {
			chunks.push(String(chunk));
			done();
		},
	});
	return {
		stream: Object.assign(writable, isTTY ? { isTTY: true } : {}),
		text: () => chunks.join(''),
	};
}

/**
 * A terminal for running a command in the test's process (`cli/run.ts`): it records stdout and
 * stderr, runs in `cwd` and reads `env` as the process environment it stands for.
 */
export function testTerminal(options: {
	cwd: string;
	env: NodeJS.ProcessEnv;
	isTTY?: boolean;
}): TestTerminal {
	const stdout = recorder(options.isTTY ?? false);
	const stderr = recorder(options.isTTY ?? false);
	return {
		stdout: stdout.stream,
		stderr: stderr.stream,
		cwd: options.cwd,
		environment: readEnvironment(options.env),
		out: stdout.text,
		err: stderr.text,
	};
}
