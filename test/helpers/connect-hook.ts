import net from 'node:net';

export interface ConnectHook {
	/** Every address a socket was about to connect to, in order. */
	attempts: string[];
	/** The attempts `forbidden` matched; each was stopped before the system call. */
	stopped: string[];
	uninstall(): void;
}

/**
 * Watches every TCP connection this process starts (`net` and `tls`, undici included), at the
 * last moment before the system call, and stops the ones `forbidden` matches there: the socket
 * fails with ECONNREFUSED and no packet leaves. A test asserts `stopped` is empty; the stop is
 * the safety net in case it is not.
 */
export function installConnectHook(forbidden: (ip: string, port: number) => boolean): ConnectHook {
	const attempts: string[] = [];
	const stopped: string[] = [];
	// Called with the socket as `this`, like the method it wraps.
	// eslint-disable-next-line @typescript-eslint/unbound-method
	const original = net.Socket.prototype.connect;
	const connect = function (this: net.Socket, ...args: unknown[]): net.Socket {
		this.on('connectionAttempt', (ip: string, port: number) => {
			attempts.push(`${ip}:${port}`);
			if (!forbidden(ip, port)) return;
			stopped.push(`${ip}:${port}`);
			// Node calls the handle right after this event; a negative errno makes it fail there.
			const handle = (this as unknown as { _handle: Record<string, unknown> })._handle;
			handle['connect'] = handle['connect6'] = () => -111;
		});
		return (original as (...a: unknown[]) => net.Socket).apply(this, args);
	};
	net.Socket.prototype.connect = connect;
	return {
		attempts,
		stopped,
		uninstall: () => void (net.Socket.prototype.connect = original),
	};
}
