import { afterAll, beforeAll, expect, test } from 'vitest';
import { startLoopbackDns, type LoopbackDns } from '../../server/demo/dns-server.ts';
import { parseConfig } from '../../config/load-config.ts';
import { formatFinding } from '../../checks/finding.ts';
import { checkExternalLinks } from '../../checks/links/check-external.ts';
import { startWeb, treeOf, type LoopbackWeb } from './loopback-web.ts';

let web: LoopbackWeb;
let dns: LoopbackDns;
beforeAll(async () => {
	web = await startWeb({ '/ok': (_req, res) => void res.writeHead(200).end() });
	dns = await startLoopbackDns((name, type) => {
		if (name === 'docs.zone.test' && type === 'A')
			return { rcode: 'NOERROR', records: [{ type: 'A', data: '127.0.0.1' }] };
		if (name === 'docs.zone.test') return { rcode: 'NOERROR', records: [] };
		return { rcode: 'NXDOMAIN' };
	});
});
afterAll(async () => {
	await web.close();
	await dns.close();
});

test('resolves hosts through network.dnsServers and reports NXDOMAIN from them as dead', async () => {
	const tree = treeOf({
		'a.md': `[ok](http://docs.zone.test:${web.port}/ok) [gone](http://old.zone.test:${web.port}/ok)\n`,
	});
	const config = parseConfig({
		network: { timeoutMs: 1000, dnsServers: [dns.server] },
		links: { retries: 0 },
	});
	const findings = await checkExternalLinks(tree, config, { noCache: true });
	expect(findings.map(formatFinding)).toEqual([
		`a.md:1:${`[ok](http://docs.zone.test:${web.port}/ok) `.length + 1}: Unexpected unknown host (NXDOMAIN) from HEAD http://old.zone.test:${web.port}/ok, expected the host to resolve (external-links)`,
	]);
	expect(web.requests.map((r) => r.host)).toEqual([`docs.zone.test:${web.port}`]);
});
