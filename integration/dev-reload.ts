import type { Plugin, ViteDevServer } from 'vite';
import { isInside } from '../core/path-inside.ts';

/** How long after the reload of a save another one, with no edit since, is the same save's again. */
const sameSaveMs = 1500;
/** How long the files a save rewrites (Astro's content store, the site data) must stay still before the page reloads. */
const quietMs = 700;

interface HotPayload {
	type?: string;
}

/** Where one dev server is between an edit and the reload that shows it. */
interface SaveState {
	pending: boolean;
	/** Sending the save's own reload: let through. */
	sending?: boolean;
	checksDone: boolean;
	lastReload: number;
	quiet?: NodeJS.Timeout;
}

/**
 * One save, one reload, in `waymark dev`. Left to itself, a save reloaded the page up to four
 * times (Astro reloads when its content store is written, again when the file watcher reports that
 * write late, and on every file change while an error was shown), or not at all (a save that
 * changes only a page's body need not write the store). Here the reload of a save is Waymark's:
 * from an edit under the root until it is done, no other reload goes out; once the save's checks
 * are done (`checked(server)`) and the files it rewrites have been still for 0.7 s, the page
 * reloads once. A reload with no edit since, within 1.5 s of that one, is the same save's and is
 * dropped, and so is one while no page is open. Astro also runs the plugins on servers of its own (to sync content): each server keeps
 * its own state, and only the one whose checks ran reloads.
 */
export function devReloads(root: string): {
	plugin: Plugin;
	checked: (server: ViteDevServer) => void;
} {
	const states = new WeakMap<ViteDevServer, SaveState>();
	const waitForQuiet = (server: ViteDevServer, state: SaveState): void => {
		clearTimeout(state.quiet);
		state.quiet = setTimeout(() => {
			state.pending = false;
			state.sending = true;
			// `server.ws` sends through the client environment's hot channel, wrapped below.
			server.ws.send({ type: 'full-reload', path: '*' });
			state.sending = false;
		}, quietMs);
	};
	return {
		checked(server) {
			const state = states.get(server);
			if (!state?.pending) return;
			state.checksDone = true;
			waitForQuiet(server, state);
		},
		plugin: {
			name: 'waymark:dev-reload',
			apply: 'serve',
			configureServer(server) {
				const state: SaveState = { pending: false, checksDone: false, lastReload: 0 };
				states.set(server, state);
				const hot = server.environments.client.hot;
				const send: (...args: unknown[]) => void = hot.send.bind(hot);
				hot.send = (...args: unknown[]) => {
					const payload = args[0] as HotPayload | string;
					if (typeof payload === 'object' && payload.type === 'full-reload') {
						// With no page open, Vite would keep the reload for the first page to connect, which
						// was just served as it is (the content store written as the server started).
						if (
							!state.sending &&
							(state.pending ||
								Date.now() - state.lastReload < sameSaveMs ||
								server.ws.clients.size === 0)
						)
							return;
						state.lastReload = Date.now();
					}
					send(...args);
				};
				const changed = (file: string): void => {
					if (isInside(file, root)) {
						state.pending = true;
						state.checksDone = false;
						clearTimeout(state.quiet);
					} else if (state.pending && state.checksDone) waitForQuiet(server, state);
				};
				server.watcher.on('change', changed).on('add', changed).on('unlink', changed);
			},
		},
	};
}
