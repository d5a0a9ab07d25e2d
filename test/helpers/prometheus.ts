import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Starts Debian's prometheus, prometheus-alertmanager or prometheus-blackbox-exporter on 127.0.0.1
 * with a port the kernel picks (`--web.listen-address=127.0.0.1:0`), its config and storage in a
 * fresh temporary folder, and waits until it answers its readiness endpoint.
 *
 * The port is read from the component's own log line `msg="Listening on" address=127.0.0.1:PORT`
 * (all three log it through the same exporter-toolkit), so there is no pick-close-pass race.
 */
export type Component = 'prometheus' | 'alertmanager' | 'blackbox';

export interface StartOptions {
	/** The main config file's text (YAML). Relative paths in it resolve against the temporary folder. */
	config: string;
	/** Further files written into the temporary folder first: rule files, file_sd targets, certificates. */
	files?: Record<string, string>;
	/** Extra command-line flags, appended after the defaults. */
	args?: string[];
	/** Give up when not ready within this many milliseconds. */
	deadlineMs?: number;
	/** Runs in the temporary folder before the process starts, e.g. to backfill `data/` with promtool. */
	prepare?: (dir: string) => Promise<void>;
}

export interface Running {
	component: Component;
	/** `http://127.0.0.1:PORT`, no trailing slash. */
	url: string;
	/** The temporary folder holding the config, the extra files and the storage. */
	dir: string;
	pid: number;
	/** Milliseconds from spawn to ready. */
	startupMs: number;
	/** Everything the process wrote to stdout and stderr so far (it logs to stderr). */
	log(): string;
	/** Rewrites a file in the temporary folder, e.g. a file_sd targets file or the config before reload(). */
	write(name: string, text: string): Promise<void>;
	/** Re-reads the config (`POST /-/reload`; Prometheus needs --web.enable-lifecycle, which start() passes). */
	reload(): Promise<void>;
	/** Stops the process (SIGTERM, SIGKILL after 5 s) and removes the temporary folder. Safe to call twice. */
	stop(): Promise<void>;
}

const binaries: Record<Component, { env: string; path: string }> = {
	prometheus: { env: 'WAYMARK_PROMETHEUS', path: '/usr/bin/prometheus' },
	alertmanager: { env: 'WAYMARK_ALERTMANAGER', path: '/usr/bin/prometheus-alertmanager' },
	blackbox: { env: 'WAYMARK_BLACKBOX_EXPORTER', path: '/usr/bin/prometheus-blackbox-exporter' },
};

/** The binary's path, or undefined when it is not installed. */
function binaryPath(component: Component): string | undefined {
	const { env, path } = binaries[component];
	const chosen = process.env[env] || path;
	return existsSync(chosen) ? chosen : undefined;
}

/** `promtool`, installed beside `prometheus` (same package, same version). */
export function promtoolPath(): string {
	return join(dirname(binaryPath('prometheus') ?? binaries.prometheus.path), 'promtool');
}

/**
 * True when every component is installed. Where they could be installed (root with apt, as in CI)
 * a missing one fails the test file: `.ci/ensure-prometheus` should have installed it, and CI must
 * never skip. Elsewhere it returns false after a loud warning, and the file skips its tests.
 */
export function componentsInstalled(...components: Component[]): boolean {
	const missing = components
		.filter((c) => !binaryPath(c))
		.map((c) => process.env[binaries[c].env] || binaries[c].path);
	if (missing.length === 0) return true;
	const canInstall = process.getuid?.() === 0 && hasAptGet();
	const message = `${missing.join(', ')} not found: run \`bash .ci/ensure-prometheus\` (Debian: apt-get install prometheus prometheus-alertmanager prometheus-blackbox-exporter) or set ${components.map((c) => binaries[c].env).join(', ')}`;
	if (canInstall) throw new Error(message);
	console.warn(
		`\n${'!'.repeat(100)}\nSKIPPING tests that need the real ${components.join(', ')}: ${message}\n${'!'.repeat(100)}\n`,
	);
	return false;
}

function hasAptGet(): boolean {
	try {
		execFileSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

function flags(component: Component, dir: string): { args: string[]; ready: string } {
	const listen = '--web.listen-address=127.0.0.1:0';
	switch (component) {
		case 'prometheus':
			return {
				args: [
					`--config.file=${join(dir, 'config.yml')}`,
					`--storage.tsdb.path=${join(dir, 'data')}`,
					listen,
					'--web.enable-lifecycle',
					// Firing alerts are re-sent to Alertmanager this often (default 1m); keeps endsAt fresh in tests.
					'--rules.alert.resend-delay=1s',
				],
				ready: '/-/ready',
			};
		case 'alertmanager':
			return {
				args: [
					`--config.file=${join(dir, 'config.yml')}`,
					`--storage.path=${join(dir, 'data')}`,
					listen,
					// Empty turns off clustering; the default gossips on 0.0.0.0:9094.
					'--cluster.listen-address=',
				],
				ready: '/-/ready',
			};
		case 'blackbox':
			// blackbox_exporter has no /-/ready (it falls through to the index page); /-/healthy answers once listening.
			return { args: [`--config.file=${join(dir, 'config.yml')}`, listen], ready: '/-/healthy' };
	}
}

export async function start(component: Component, options: StartOptions): Promise<Running> {
	const binary = binaryPath(component);
	if (!binary)
		throw new Error(
			`${binaries[component].path} not found: run .ci/ensure-prometheus or set ${binaries[component].env}`,
		);
	const began = performance.now();
	const deadline = began + (options.deadlineMs ?? 15_000);
	const dir = await mkdtemp(join(tmpdir(), `waymark-${component}-`));
	for (const [name, text] of Object.entries({ ...options.files, 'config.yml': options.config })) {
		await mkdir(dirname(join(dir, name)), { recursive: true });
		await writeFile(join(dir, name), text);
	}
	await options.prepare?.(dir);
	const { args, ready } = flags(component, dir);
	const child = spawn(binary, [...args, ...(options.args ?? [])], {
		cwd: dir,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		process.off('exit', killOnExit);
		await terminate(child);
		await rm(dir, { recursive: true, force: true });
	};

	try {
		const url = `http://${await listeningAddress(child, () => output, deadline)}`;
		await pollReady(url + ready, child, deadline);
		return {
			component,
			url,
			dir,
			pid: child.pid!,
			startupMs: Math.round(performance.now() - began),
			log: () => output,
			write: (name, text) => writeFile(join(dir, name), text),
			reload: async () => {
				const res = await fetch(`${url}/-/reload`, { method: 'POST' });
				if (!res.ok)
					throw new Error(`${component} reload answered ${res.status}: ${await res.text()}`);
			},
			stop,
		};
	} catch (error) {
		await stop();
		throw new Error(
			`${component} did not start: ${(error as Error).message}\n--- its log ---\n${output.slice(-4000)}`,
			{ cause: error },
		);
	}
}

/** Waits for `msg="Listening on" address=127.0.0.1:PORT` (not Prometheus's earlier "Start listening ... :0"). */
async function listeningAddress(
	child: ChildProcess,
	output: () => string,
	deadline: number,
): Promise<string> {
	const pattern = /msg="Listening on" address=(127\.0\.0\.1:\d+)/;
	while (performance.now() < deadline) {
		const match = pattern.exec(output());
		if (match?.[1]) return match[1];
		if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
		await sleep(20);
	}
	throw new Error('no "Listening on" line before the deadline');
}

async function pollReady(url: string, child: ChildProcess, deadline: number): Promise<void> {
	let last = '';
	while (performance.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
		try {
			const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
			if (res.ok) return;
			last = `${res.status}`;
		} catch (error) {
			last = (error as Error).message;
		}
		await sleep(25);
	}
	throw new Error(`${url} not ready before the deadline (last: ${last})`);
}

async function terminate(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
	await exited;
	clearTimeout(timer);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value other than undefined; returns it with the time taken. */
export async function waitFor<T>(
	what: string,
	probe: () => Promise<T | undefined>,
	timeoutMs = 20_000,
	everyMs = 100,
): Promise<{ value: T; ms: number }> {
	const began = performance.now();
	while (performance.now() - began < timeoutMs) {
		const value = await probe().catch(() => undefined);
		if (value !== undefined) return { value, ms: Math.round(performance.now() - began) };
		await sleep(everyMs);
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
