import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const binaries = {
	prometheus: '/usr/bin/prometheus',
	blackbox: '/usr/bin/prometheus-blackbox-exporter',
};

/**
 * Starts Debian's prometheus or prometheus-blackbox-exporter on 127.0.0.1 with a port the kernel
 * picks, its config (and `files`) in a fresh temporary folder, after `prepare(dir)` (a backfill),
 * and waits until it answers. The port is read from its `msg="Listening on"` log line.
 * @param {'prometheus' | 'blackbox'} component
 * @param {{ config: string; files?: Record<string, string>; args?: string[]; prepare?: (dir: string) => Promise<void>; deadlineMs?: number }} options
 * @returns {Promise<{ url: string; dir: string; pid: number; log(): string; stop(): Promise<void> }>}
 */
export async function startComponent(component, options) {
	const dir = await mkdtemp(join(tmpdir(), `waymark-bench-${component}-`));
	for (const [name, text] of Object.entries({ ...options.files, 'config.yml': options.config })) {
		await mkdir(dirname(join(dir, name)), { recursive: true });
		await writeFile(join(dir, name), text);
	}
	await options.prepare?.(dir);
	const listen = '--web.listen-address=127.0.0.1:0';
	const args =
		component === 'prometheus'
			? [
					`--config.file=${join(dir, 'config.yml')}`,
					`--storage.tsdb.path=${join(dir, 'data')}`,
					listen,
				]
			: [`--config.file=${join(dir, 'config.yml')}`, listen];
	const child = spawn(binaries[component], [...args, ...(options.args ?? [])], {
		cwd: dir,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const kill = () => child.kill('SIGKILL');
	process.once('exit', kill);
	const stop = async () => {
		process.off('exit', kill);
		if (child.exitCode === null && child.signalCode === null) {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			const timer = setTimeout(kill, 5000);
			await exited;
			clearTimeout(timer);
		}
		await rm(dir, { recursive: true, force: true });
	};
	const deadline = performance.now() + (options.deadlineMs ?? 120_000);
	let address;
	while (!address) {
		address = /msg="Listening on" address=(127\.0\.0\.1:\d+)/.exec(output)?.[1];
		if (child.exitCode !== null || performance.now() > deadline) {
			await stop();
			throw new Error(`${component} did not start:\n${output.slice(-3000)}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	const url = `http://${address}`;
	const ready = `${url}${component === 'prometheus' ? '/-/ready' : '/-/healthy'}`;
	while (
		!(await fetch(ready).then(
			(r) => r.ok,
			() => false,
		))
	) {
		if (performance.now() > deadline) {
			await stop();
			throw new Error(`${component} not ready:\n${output.slice(-3000)}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return { url, dir, pid: /** @type {number} */ (child.pid), log: () => output, stop };
}

/** CPU seconds (user + system) a process has used, from `/proc/<pid>/stat`. */
export async function cpuSeconds(/** @type {number} */ pid) {
	const { readFile } = await import('node:fs/promises');
	const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
	// utime and stime are fields 14 and 15 of the line, 12 and 13 after `pid (comm) `; in clock ticks (100 Hz on Linux).
	return (Number(fields[11]) + Number(fields[12])) / 100;
}
