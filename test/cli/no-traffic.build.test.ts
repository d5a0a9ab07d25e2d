import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { removeFixture, runCli, writeFixture } from '../helpers/fixture.ts';

// A build, trusted or under review, sends nothing off the machine: every name it looks up, every
// URL it fetches and every socket it opens is recorded (a hook loaded into the CLI's process) and
// must be loopback. Found this way: Astro, run inside `waymark build`, posted its usage telemetry to
// telemetry.astro.build on every whole build, a branch under review's included.

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
		'docs/README.md': '# Runbooks\n\nSee [restore](ops/restore.md) and [the vendor](https://example.com/docs).\n',
		'docs/ops/restore.md': '# Restore\n\n```bash\npg_restore -d crm latest.dump\n```\n',
	});
}, 30_000);

afterAll(async () => {
	await removeFixture(dir);
});

/** Only this machine: names and addresses of the loopback interface. */
const loopback = /^(?:fetch https?:\/\/|lookup |connect )(?:localhost|127\.\d+\.\d+\.\d+|\[?::1\]?)(?:[:/]|$)/;

test.each([['a trusted build', []], ['a build under review', ['--untrusted']]])('%s sends nothing off the machine', async (_kind, flags) => {
	const trafficLog = join(dir, `traffic-${flags.length}.log`);
	await writeFile(trafficLog, '');
	// Nothing of the test runner's environment switches Astro's telemetry off for it.
	const result = await runCli(['build', '--root', 'docs', '--out', `site-${flags.length}`, '--state-dir', `state-${flags.length}`, ...flags], {
		cwd: dir,
		env: { NODE_OPTIONS: `--import ${join(dir, 'traffic-hook.mjs')}`, WAYMARK_TRAFFIC_LOG: trafficLog, ASTRO_TELEMETRY_DISABLED: '', TELEMETRY_DISABLED: '', CI: '', WAYMARK_CHROMIUM: '/nonexistent' },
		timeoutMs: 180_000,
	});
	expect(result.code, result.stderr).toBe(0);
	const lines = (await readFile(trafficLog, 'utf8')).split('\n').filter(Boolean);
	expect(lines.filter((line) => !loopback.test(line))).toEqual([]);
}, 200_000);
