import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startServer, type RunningServer } from '../../core/static-site.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

let dir: string;
let server: RunningServer;

beforeAll(async () => {
	dir = await writeFixture({
		'index.html': '<h1>Home</h1>',
		'erp/ops/index.html': '<h1>Ops</h1>',
		'erp/restore-checklist.txt': 'restore\n',
		'404.html': '<h1>Page not found</h1>',
	});
	server = await startServer({
		dir,
		port: 0,
		host: '127.0.0.1',
		handlers: [(req, res, next) => (req.url === '/_api' ? res.end('api') : next())],
	});
});

afterAll(async () => {
	await server.close();
	await removeFixture(dir);
});

const get = async (path: string) => {
	const response = await fetch(new URL(path, server.url));
	return {
		status: response.status,
		body: await response.text(),
		type: response.headers.get('content-type'),
	};
};

test('listens on a free loopback port and answers there with the home page', async () => {
	const bound = server.server.address() as AddressInfo;
	expect([bound.address, bound.port > 0]).toEqual(['127.0.0.1', true]);
	expect(server.url).toBe(`http://127.0.0.1:${bound.port}/`);
	expect(await get(server.url)).toMatchObject({ status: 200, body: '<h1>Home</h1>' });
});

test('serves a folder route from its index.html', async () => {
	expect(await get('/erp/ops/')).toMatchObject({ status: 200, body: '<h1>Ops</h1>' });
});

test('serves tree files with their type', async () => {
	const response = await get('/erp/restore-checklist.txt');
	expect(response).toMatchObject({ status: 200, body: 'restore\n' });
	expect(response.type).toContain('text/plain');
});

test('answers unknown paths with the site’s 404 page and status', async () => {
	expect(await get('/nowhere/')).toMatchObject({ status: 404, body: '<h1>Page not found</h1>' });
});

test('tries added handlers before the files', async () => {
	expect(await get('/_api')).toMatchObject({ status: 200, body: 'api' });
});
