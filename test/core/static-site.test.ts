import { createServer } from 'node:net';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

let dir: string;
let server: RunningServer;

beforeAll(async () => {
	dir = await writeFixture({
		'index.html': '<h1>Home</h1>',
		'ops/index.html': '<h1>Ops</h1>',
		'404.html': '<h1>Missing</h1>',
	});
	server = await startServer({ dir, port: 0, host: '127.0.0.1', base: '/runbooks/' });
});

afterAll(async () => {
	await server.close();
	await removeFixture(dir);
});

const get = async (path: string) => {
	const response = await fetch(`${new URL(server.url).origin}${path}`);
	return `${response.status} ${await response.text()}`;
};

test.each([
	['/runbooks/ops/', '200 <h1>Ops</h1>'],
	['/runbooks/ops/?q=1', '200 <h1>Ops</h1>'],
	['/runbooks', '200 <h1>Home</h1>'],
	['/runbooks?q=1', '200 <h1>Home</h1>'],
	['/ops/', '404 <h1>Missing</h1>'],
	['/', '404 <h1>Missing</h1>'],
	['/runbooksx/ops/', '404 <h1>Missing</h1>'],
])('under base /runbooks/, answers %s with %s', async (path, expected) => {
	expect(await get(path)).toBe(expected);
});

test('says which port is taken and how to pick another, instead of EADDRINUSE', async () => {
	const holder = createServer();
	await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
	const { port } = holder.address() as { port: number };
	try {
		const error = (await startServer({ dir, port, host: '127.0.0.1' }).then(
			() => new Error('listened on a taken port'),
			(e: unknown) => e as Error,
		)) as Error & { hint?: string };
		expect(`${error.name}: ${error.message}\n${error.hint}`).toBe(
			`PortInUse: Port ${port} on 127.0.0.1 is already in use by another program.\nStop the program that holds port ${port}, or pass another port, e.g. \`--port ${port + 1}\` (\`--port 0\` picks a free one).`,
		);
	} finally {
		holder.close();
	}
});

test('reads the folder on the first request, so it may listen before the site is written', async () => {
	const later = await writeFixture({});
	await rm(later, { recursive: true });
	const early = await startServer({ dir: later, port: 0, host: '127.0.0.1' });
	try {
		await mkdir(later);
		await writeFile(`${later}/index.html`, '<h1>Written after listen</h1>');
		expect(await (await fetch(early.url)).text()).toBe('<h1>Written after listen</h1>');
	} finally {
		await early.close();
		await removeFixture(later);
	}
});
