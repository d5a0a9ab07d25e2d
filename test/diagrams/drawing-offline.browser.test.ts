import { chmod, readFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDiagramService } from '../../diagrams/diagram-service.ts';
import { chromiumPath } from '../helpers/browser.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

// A diagram is the branch's to write, and a branch under review may not make the build reach the
// network. Mermaid takes URLs in many places: an HTML label's `<img>` once `%%{init}%%` turns HTML
// labels on, `themeCSS`'s `url()` and `@import`, an image shape, a `click` link, a font. Generated
// diagrams put each kind of URL, to a loopback listener and to a name, in each place; the drawing
// browser, run with Chromium's own network log, must connect to neither and look up no name.
let dir: string;
let listener: Server;
let port: number;
const connections: Socket[] = [];

beforeAll(async () => {
	dir = await writeFixture({});
	listener = createServer((socket) => {
		connections.push(socket);
		socket.destroy();
	});
	await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
	port = (listener.address() as { port: number }).port;
});
afterAll(async () => {
	await new Promise((resolve) => listener.close(resolve));
	await removeFixture(dir);
});

/** Where a diagram can carry a URL, each with the URL put in. */
const places: Array<(url: string) => string> = [
	(url) =>
		`%%{init: {"htmlLabels": true, "flowchart": {"htmlLabels": true}}}%%\nflowchart LR\n  A["<img src='${url}/label.png'> restart"] --> B`,
	(url) =>
		`%%{init: {"themeCSS": ".label { background: url(${url}/theme.png) }"}}%%\nflowchart LR\n  A --> B`,
	(url) => `%%{init: {"themeCSS": "@import url(${url}/import.css);"}}%%\nflowchart LR\n  A --> B`,
	(url) =>
		`%%{init: {"fontFamily": "Remote", "themeCSS": "@font-face { font-family: Remote; src: url(${url}/font.woff2) }"}}%%\nflowchart LR\n  A[remote font] --> B`,
	(url) =>
		`flowchart LR\n  P@{ img: "${url}/shape.png", label: "pod", pos: "t", w: 60, h: 60, constraint: "on" }\n  P --> Q`,
	(url) => `flowchart LR\n  A --> B\n  click A "${url}/click" "open"`,
	(url) =>
		`%%{init: {"htmlLabels": true}}%%\nflowchart LR\n  A["<a href='${url}/anchor'>runbook</a>"] --> B`,
];

test('draws diagrams full of URLs without one connection or name lookup', async () => {
	// Chromium itself writes what it did on the network: the same browser, with its network log on.
	const netLog = join(dir, 'netlog.json');
	const wrapper = await writeFixture({
		chromium: `#!/bin/sh\nexec ${JSON.stringify(chromiumPath)} "$@" --log-net-log=${JSON.stringify(netLog)} --net-log-capture-mode=Default\n`,
	});
	await chmod(join(wrapper, 'chromium'), 0o755);
	const urls = [
		`http://127.0.0.1:${port}`,
		`http://probe-${port}.example.lab`,
		`https://[::1]:${port}`,
		`//127.0.0.1:${port}`,
	];
	const sources = places.flatMap((place) => urls.map((url) => place(url)));
	const service = createDiagramService({
		config: {
			look: 'classic',
			layout: 'dagre',
			renderInCheck: true,
			chromium: join(wrapper, 'chromium'),
		},
		cacheDir: join(dir, 'cache'),
	});
	expect(await service.start()).toBe('svg');
	const { renderings } = await service.renderAll(sources);
	await service.close();
	await removeFixture(wrapper);
	// Drawn (or refused as mermaid refuses them): the browser did the work, offline.
	expect([...renderings.values()].filter((r) => r.ok).length).toBeGreaterThan(sources.length / 2);
	expect(connections).toHaveLength(0);
	const log = JSON.parse(await readFile(netLog, 'utf8')) as {
		constants: { logEventTypes: Record<string, number> };
		events: Array<{ type: number; params?: Record<string, unknown> }>;
	};
	const types = log.constants.logEventTypes;
	// Each event type is one this Chromium logs: a renamed one would make the checks below pass on nothing.
	for (const name of [
		'HOST_RESOLVER_SYSTEM_TASK',
		'HOST_RESOLVER_DNS_TASK',
		'DNS_TRANSACTION',
		'TCP_CONNECT_ATTEMPT',
		'URL_REQUEST_START_JOB',
	])
		expect(types[name], name).toBeTypeOf('number');
	// Control: the log holds the tabs' own requests, so it is the drawing browser's.
	expect(
		log.events.filter((event) => event.type === types['URL_REQUEST_START_JOB']).length,
	).toBeGreaterThan(0);
	const named = (name: string) => log.events.filter((event) => event.type === types[name]);
	// No name was sent to a resolver, the system's or Chromium's own.
	for (const task of ['HOST_RESOLVER_SYSTEM_TASK', 'HOST_RESOLVER_DNS_TASK', 'DNS_TRANSACTION'])
		expect(named(task), task).toHaveLength(0);
	// A socket opened only to the proxy that nothing listens on.
	const connects = named('TCP_CONNECT_ATTEMPT').map((event) => String(event.params?.['address']));
	expect(connects.filter((address) => address !== '127.0.0.1:9')).toEqual([]);
}, 120_000);
