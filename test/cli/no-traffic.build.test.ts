import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cliPath, removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

// Every command, trusted or under review, sends nothing off the machine beyond what it is asked
// to (`check --external`, probes a page declares): every name it looks up, every URL it fetches
// and every socket it opens is recorded (a hook loaded into the CLI's process) and must be
// loopback. Found this way: Astro, run inside `waymark build`, posted its usage telemetry to
// telemetry.astro.build on every whole build, a branch under review's included; and `waymark dev`
// asked registry.npmjs.org for Astro's latest release.

const hook = `
import dns from 'node:dns';
import net from 'node:net';
import { appendFileSync } from 'node:fs';
const log = (line) => appendFileSync(process.env.WAYMARK_TRAFFIC_LOG, line + '\\n');
const fetch = globalThis.fetch;
globalThis.fetch = function (input, init) { log('fetch ' + String(input?.url ?? input)); return fetch.call(this, input, init); };
const lookup = dns.lookup;
dns.lookup = function (host, ...rest) { log('lookup ' + host); return lookup.call(this, host, ...rest); };
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
	const options = typeof args[0] === 'object' && args[0] !== null ? args[0] : { port: args[0], host: typeof args[1] === 'string' ? args[1] : undefined };
	if (options.path === undefined) log('connect ' + (options.host ?? 'localhost') + ':' + options.port);
	return connect.apply(this, args);
};
`;

let dir: string;
beforeAll(async () => {
	dir = await writeFixture({
		'traffic-hook.mjs': hook,
		'docs/README.md':
			'# Runbooks\n\nSee [restore](ops/restore.md) and [the vendor](https://example.com/docs).\n',
		'docs/ops/restore.md': '# Restore\n\n```bash\npg_restore -d crm latest.dump\n```\n',
	});
}, 30_000);

afterAll(async () => {
	await removeFixture(dir);
});

/** Only this machine: names and addresses of the loopback interface, and the unspecified address a server binds (no lookup leaves the machine for an address). */
const loopback =
	/^(?:fetch https?:\/\/|lookup |connect )(?:localhost|127\.\d+\.\d+\.\d+|\[?::1\]?|0\.0\.0\.0|::|(?:0000:){7}0000)(?:[:/]|$)/;

/**
 * The hook, and nothing of the test runner's environment that switches Astro's telemetry or update
 * check off: not CI (`CI=false` overrides every other sign of it Astro reads), and Astro's
 * preferences fresh, so no earlier run's date of its last update check holds the next one back.
 */
const recorded = (trafficLog: string) => ({
	NODE_OPTIONS: `--import ${join(dir, 'traffic-hook.mjs')}`,
	WAYMARK_TRAFFIC_LOG: trafficLog,
	ASTRO_TELEMETRY_DISABLED: '',
	ASTRO_DISABLE_UPDATE_CHECK: '',
	TELEMETRY_DISABLED: '',
	CI: 'false',
	XDG_CONFIG_HOME: join(trafficLog, '..', 'config-home'),
	WAYMARK_CHROMIUM: '/nonexistent',
});

async function offMachine(trafficLog: string): Promise<string[]> {
	const lines = (await readFile(trafficLog, 'utf8')).split('\n').filter(Boolean);
	return lines.filter((line) => !loopback.test(line));
}

test.each([
	['a trusted build', ['build', '--out', 'site-trusted', '--state-dir', 'state-trusted']],
	['a build under review', ['build', '--untrusted', '--out', 'site-untrusted']],
	['a check', ['check', '--state-dir', 'state-check']],
	['a check under review', ['check', '--untrusted']],
])(
	'%s sends nothing off the machine',
	async (kind, args) => {
		const trafficLog = join(dir, `traffic-${kind.replaceAll(' ', '-')}.log`);
		await writeFile(trafficLog, '');
		const [command = 'build', ...flags] = args;
		const result = await runCli([command, '--root', 'docs', ...flags], {
			cwd: dir,
			env: recorded(trafficLog),
			timeoutMs: 180_000,
			process: true,
		});
		expect(result.code, result.stderr).toBe(0);
		expect(await offMachine(trafficLog)).toEqual([]);
	},
	200_000,
);

// The long-running commands: each answers a page, and what it did until then is judged.
test.each([
	[
		'`waymark serve`',
		[
			'serve',
			'--dir',
			'site-served',
			'--state-dir',
			'state-serve',
			'--port',
			'0',
			'--host',
			'127.0.0.1',
		],
		'ops/restore/',
	],
	[
		'`waymark dev`',
		['dev', '--root', 'docs', '--state-dir', 'state-dev', '--port', '0', '--host', '127.0.0.1'],
		'ops/restore/',
	],
])(
	'%s sends nothing off the machine while it answers a page',
	async (kind, args, path) => {
		const trafficLog = join(dir, `traffic-${kind.replaceAll(/\W/g, '')}.log`);
		await writeFile(trafficLog, '');
		if (args[0] === 'serve') {
			// A site of its own to serve, built without the hook: only what `serve` does is judged.
			const built = await runCli(
				['build', '--root', 'docs', '--out', 'site-served', '--state-dir', 'state-served'],
				{ cwd: dir, env: { WAYMARK_CHROMIUM: '/nonexistent' }, timeoutMs: 180_000 },
			);
			expect(built.code, built.stderr).toBe(0);
		}
		// Astro's dev server serves no route when it sees Vitest's variables: the child gets none.
		const env = Object.fromEntries(
			Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')),
		);
		const child = spawn(process.execPath, [cliPath, ...args], {
			cwd: dir,
			env: { ...env, NO_COLOR: '1', ...recorded(trafficLog) },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
		const origin = () => /(?:Local\s+|on )(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
		try {
			await expect.poll(origin, { timeout: 90_000, interval: 200 }).toBeDefined();
			const page = new URL(path, `${origin()}/`);
			await expect
				.poll(async () => (await fetch(page)).status, { timeout: 30_000, interval: 300 })
				.toBe(200);
			// What a dev server does soon after it starts (a check for a newer release, telemetry) has had its moment.
			await new Promise((done) => setTimeout(done, 2_000));
		} finally {
			const exited =
				child.exitCode === null && child.signalCode === null
					? once(child, 'exit')
					: Promise.resolve();
			child.kill('SIGTERM');
			// A server that does not stop on SIGTERM is not left behind.
			const stubborn = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(stubborn);
		}
		expect(await offMachine(trafficLog), out).toEqual([]);
	},
	200_000,
);
