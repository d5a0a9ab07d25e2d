import { execFile } from 'node:child_process';
import { createAddressPolicy, type AddressPolicy } from './address-policy.ts';
import { failedObservation } from './describe-error.ts';
import { createConnectGuard } from './guard.ts';
import type { ProbeResolver } from './resolver.ts';
import type { Observation, ProbeSpec } from './observation.ts';

interface ExecResult {
	code: number;
	stdout: string;
	stderr: string;
}
/** Runs a program; rejects with an `error.code` (e.g. ENOENT) only when it cannot start. */
export type Exec = (
	file: string,
	args: string[],
	options: { timeoutMs: number },
) => Promise<ExecResult>;

const systemExec: Exec = (file, args, { timeoutMs }) =>
	new Promise((resolve, reject) => {
		execFile(file, args, { timeout: timeoutMs }, (error, stdout, stderr) => {
			const code = (error as NodeJS.ErrnoException | null)?.code;
			if (error && typeof code === 'string' && code !== 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
				return reject(Object.assign(new Error(error.message), { code }));
			resolve({ code: typeof code === 'number' ? code : error ? 1 : 0, stdout, stderr });
		});
	});

/**
 * One echo request with the system `ping`, after resolving the name with Waymark's resolver and
 * checking the address against the policy. `ping` gets the address, never the name, so it cannot
 * resolve it elsewhere. When `ping` is missing or not permitted the state is unknown, never down.
 */
export async function observeIcmp(
	spec: ProbeSpec,
	options: { resolver: ProbeResolver; policy?: AddressPolicy; exec?: Exec; timeoutMs?: number },
): Promise<Observation> {
	const timeoutMs = options.timeoutMs ?? spec.timeoutMs;
	const guard = createConnectGuard(
		options.resolver.lookup,
		options.policy ?? createAddressPolicy(),
	);
	const address = await new Promise<string | Error>((resolve) =>
		guard.lookup(spec.target, { family: 0 }, (error, addr) =>
			resolve(
				error ??
					(typeof addr === 'string'
						? addr
						: ((addr as unknown as Array<{ address: string }>)[0]?.address ?? '')),
			),
		),
	);
	if (address instanceof Error) return failedObservation(address, timeoutMs);
	const seconds = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
	let result: ExecResult;
	try {
		result = await (options.exec ?? systemExec)('ping', ['-n', '-c', '1', '-W', seconds, address], {
			timeoutMs: timeoutMs + 1000,
		});
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return {
			connected: false,
			responseTimeMs: null,
			unknownReason:
				code === 'ENOENT'
					? 'Not checked: the `ping` program is not installed where the probe runs'
					: `Not checked: \`ping\` could not run (${code ?? 'error'})`,
		};
	}
	if (/operation not permitted|permission denied/i.test(result.stderr)) {
		return {
			connected: false,
			responseTimeMs: null,
			unknownReason: 'Not checked: `ping` is not permitted here (no raw-socket capability)',
		};
	}
	const time = /time[=<]([\d.]+)\s*ms/.exec(result.stdout);
	if (result.code === 0 && time)
		return { connected: true, responseTimeMs: Number(time[1]), ip: address };
	return {
		connected: false,
		responseTimeMs: null,
		ip: address,
		error: `No echo reply from ${address} within ${seconds} s`,
	};
}
