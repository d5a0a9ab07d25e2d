import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../config/load-config.ts';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { startDemo, type Demo } from '../../server/demo/start-demo.ts';
import { startServeStatus } from '../../server/serve-status.ts';
import { runCli } from './fixture.ts';

export interface DemoSite {
	demo: Demo;
	status: NonNullable<Awaited<ReturnType<typeof startServeStatus>>>;
	site: RunningServer;
	/** The build's folder. */
	out: string;
	close(): Promise<void>;
}

/**
 * What `npm start` shows: the bundled guidebooks, built with the repository's own config, served
 * as `waymark serve --demo` serves them (its stand-in Alertmanager fires alerts on bundled
 * runbooks), on a loopback port.
 */
export async function startDemoSite(): Promise<DemoSite> {
	const out = await mkdtemp(join(tmpdir(), 'waymark-demo-'));
	const built = await runCli(['build', '--out', join(out, 'dist')]);
	if (built.code !== 0) throw new Error(built.stderr + built.stdout);
	const demo = await startDemo();
	const status = (await startServeStatus({ dir: join(out, 'dist'), cwd: out, config: parseConfig({}), demo, database: ':memory:', env: {} }))!;
	const site = await startServer({ dir: join(out, 'dist'), port: 0, host: '127.0.0.1', handlers: [status.handler], pageTransform: status.paintPage });
	return {
		demo,
		status,
		site,
		out,
		async close() {
			await site.close();
			await status.stop();
			await rm(out, { recursive: true, force: true });
		},
	};
}
