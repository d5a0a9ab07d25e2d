import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkExternalLinks } from '../../checks/links/check-external.ts';
import { parseConfig } from '../../config/load-config.ts';
import { loopbackLookup, startWeb, treeOf, type LoopbackWeb } from './loopback-web.ts';

// Two loopback servers, two origins: `forge.test` redirects to `cdn.test`, on another port.
let forge: LoopbackWeb;
let cdn: LoopbackWeb;
beforeAll(async () => {
	cdn = await startWeb({ '/file': (_req, res) => void res.writeHead(200).end() });
	forge = await startWeb({
		'/away': (_req, res) =>
			void res.writeHead(302, { location: `http://cdn.test:${cdn.port}/file` }).end(),
		'/here': (_req, res) => void res.writeHead(302, { location: '/file' }).end(),
		'/file': (_req, res) => void res.writeHead(200).end(),
	});
});
afterAll(async () => {
	await forge.close();
	await cdn.close();
});

const run = (path: string) =>
	checkExternalLinks(
		treeOf({ 'a.md': `[x](http://forge.test:${forge.port}${path})\n` }),
		parseConfig({
			network: { timeoutMs: 500, env: ['FORGE_TOKEN'] },
			links: {
				rules: [
					{
						pattern: `http://forge.test:${forge.port}/**`,
						headers: { Authorization: 'token ${env:FORGE_TOKEN}', 'X-Team': 'ops' },
					},
				],
			},
		}),
		{ noCache: true, lookup: loopbackLookup, env: { FORGE_TOKEN: 'tok-5150' } },
	);

test('sends rule headers through a redirect within the origin (control)', async () => {
	expect(await run('/here')).toEqual([]);
	expect(
		forge.requests
			.filter((r) => r.path === '/file')
			.map((r) => [r.headers.authorization, r.headers['x-team']]),
	).toEqual([['token tok-5150', 'ops']]);
});

test('drops rule headers on a redirect to another origin', async () => {
	expect(await run('/away')).toEqual([]);
	expect(forge.requests.find((r) => r.path === '/away')?.headers.authorization).toBe(
		'token tok-5150',
	);
	expect(cdn.requests.map((r) => [r.path, r.headers.authorization, r.headers['x-team']])).toEqual([
		['/file', undefined, undefined],
	]);
});
