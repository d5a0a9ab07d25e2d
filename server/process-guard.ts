import { escapeLogLine } from '../core/escape.ts';

/** What `installProcessGuard` listens on: the process, or a stand-in in tests. */
type ProcessEvents = Pick<NodeJS.Process, 'on' | 'off'>;

/**
 * Keeps `waymark serve` serving through a bug: an unhandled rejection or an uncaught exception is
 * one log line (its message and where it was thrown), and the process goes on, since one failed
 * poll or request must not take every page's status down with it. Node would otherwise end the
 * process. Nothing is killed or restarted. Returns a function that removes the handlers.
 */
export function installProcessGuard(
	log: (line: string) => void,
	target: ProcessEvents = process,
): () => void {
	const report = (what: string) => (error: unknown) =>
		log(`serve: ${what} (${describe(error)}); still serving`);
	const onRejection = report('unexpected rejection');
	const onException = report('unexpected exception');
	target.on('unhandledRejection', onRejection);
	target.on('uncaughtException', onException);
	return () => {
		target.off('unhandledRejection', onRejection);
		target.off('uncaughtException', onException);
	};
}

/** `TypeError: x is not a function at poll (server/alerts-poller.ts:80:12)`, on one line. */
function describe(error: unknown): string {
	try {
		if (!(error instanceof Error))
			return escapeLogLine(`a value that is not an error: ${String(error)}`, 200);
		const where = error.stack
			?.split('\n')
			.find((line) => /^\s+at /.test(line))
			?.trim();
		return escapeLogLine(`${error.name}: ${error.message}${where ? ` ${where}` : ''}`, 500);
	} catch {
		// A value whose `toString` throws must not throw again from here.
		return 'a value that cannot be printed';
	}
}
