import { parseConfig } from '../../config/load-config.ts';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { startDemo, type Demo } from '../../server/demo/start-demo.ts';
import { startServeStatus } from '../../server/serve-status.ts';
import { bundledSite } from './bundled-site.ts';

export interface DemoSite {
	demo: Demo;
	status: NonNullable<Awaited<ReturnType<typeof startServeStatus>>>;
	site: RunningServer;
	/** The built site (shared: read it, never write to it). */
	dist: string;
	close(): Promise<void>;
}

/**
 * What `npm start` shows: the bundled guidebooks, built with the repository's own config, served
 * as `waymark serve --demo` serves them (its stand-in Alertmanager fires alerts on bundled
 * runbooks), on a loopback port.
 */
export async function startDemoSite(): Promise<DemoSite> {
	const dist = await bundledSite();
	const demo = await startDemo();
	const status = (await startServeStatus({
		dir: dist,
		cwd: dist,
		config: parseConfig({}),
		demo,
		database: ':memory:',
		env: {},
	}))!;
	const site = await startServer({
		dir: dist,
		port: 0,
		host: '127.0.0.1',
		handlers: [status.handler],
		pageTransform: status.paintPage,
	});
	return {
		demo,
		status,
		site,
		dist,
		async close() {
			await site.close();
			await status.stop();
		},
	};
}
