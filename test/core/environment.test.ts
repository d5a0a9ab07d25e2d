import { expect, test } from 'vitest';
import { readEnvironment } from '../../core/environment.ts';
import { loadConfig } from '../../config/load-config.ts';
import { removeFixture, writeFixture } from '../helpers/fixture.ts';

test('reads every Waymark variable into options', () => {
	const env = {
		WAYMARK_ROOT: 'docs',
		WAYMARK_DNS_SERVERS: '10.0.0.53:53, 10.0.0.54:53',
		WAYMARK_CHROMIUM: '/opt/chrome',
		WAYMARK_PROBE_AT_BUILD: '1',
		WAYMARK_PARSER: 'remark',
		WAYMARK_LOG_LEVEL: 'silent',
		DEBUG: 'vite,waymark',
		CI: 'true',
		NO_COLOR: '1',
	};
	const { variables, ...options } = readEnvironment(env);
	expect(options).toEqual({
		root: 'docs',
		dnsServers: ['10.0.0.53:53', '10.0.0.54:53'],
		chromium: '/opt/chrome',
		probeAtBuild: true,
		parser: 'remark',
		silent: true,
		debug: true,
		ci: true,
		noColor: true,
	});
	expect(variables).toBe(env);
});

test('reads CI=false as no CI, as CI services and ci-info do', () => {
	expect(readEnvironment({ CI: 'false' }).ci).toBe(false);
	expect(readEnvironment({ CI: '1' }).ci).toBe(true);
});

test('asks for nothing when no variable is set (the control)', () => {
	expect(readEnvironment({})).toEqual({
		probeAtBuild: false,
		parser: 'native',
		silent: false,
		debug: false,
		ci: false,
		noColor: false,
		variables: {},
	});
});

test('applies WAYMARK_DNS_SERVERS over the config and WAYMARK_CHROMIUM under it, through loadConfig', async () => {
	const dir = await writeFixture({
		'waymark.config.yaml':
			'network:\n  dnsServers: [192.0.2.1:53]\ndiagrams:\n  chromium: /usr/bin/chromium\n',
	});
	try {
		const loaded = await loadConfig({
			cwd: dir,
			dnsServers: ['10.0.0.53:53'],
			chromium: '/opt/chrome',
		});
		expect([loaded.config.network.dnsServers, loaded.config.diagrams.chromium]).toEqual([
			['10.0.0.53:53'],
			'/usr/bin/chromium',
		]);
		const empty = await writeFixture({});
		try {
			expect(
				(await loadConfig({ cwd: empty, chromium: '/opt/chrome' })).config.diagrams.chromium,
			).toBe('/opt/chrome');
		} finally {
			await removeFixture(empty);
		}
	} finally {
		await removeFixture(dir);
	}
});
