import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cliPath, removeFixture, writeFixture } from '../helpers/fixture.ts';

let dir: string;
beforeAll(async () => {
	const probe = {
		id: 'erp-status',
		name: 'Dolibarr API status',
		kind: 'http',
		target: 'https://erp.example.lab/api/index.php/status',
		dnsType: 'A',
		headers: { DOLAPIKEY: '${env:DOLAPIKEY}' },
		conditions: ['[STATUS] == 200', '[BODY].success.dolibarr_version == 22.0.4'],
		intervalMs: 10_000,
		timeoutMs: 2000,
		file: 'erp/README.md',
		line: 5,
		route: '/erp/',
		pageTitle: 'ERP',
	};
	const alerts = {
		version: 1,
		site: { url: 'https://waymark.dev', base: '/' },
		pages: { '/erp/backup-and-recovery/': 'ERP backup and recovery' },
		alerts: {},
	};
	dir = await writeFixture({
		'dist/index.html': '<!doctype html><title>Site</title>',
		'dist/_waymark/probes.json': JSON.stringify({ version: 1, probes: [probe] }),
		'dist/_waymark/alerts.json': JSON.stringify(alerts),
	});
});
afterAll(async () => {
	await removeFixture(dir);
});

test("serve --demo labels itself, probes the stand-ins over the demo DNS, keeps history in .waymark and shows the stand-in Alertmanager's alerts", async () => {
	const child = spawn(
		process.execPath,
		[cliPath, 'serve', '--dir', 'dist', '--port', '0', '--host', '127.0.0.1', '--demo'],
		{
			cwd: dir,
			env: { ...process.env, NO_COLOR: '1', DOLAPIKEY: '' },
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	try {
		let out = '';
		child.stdout.setEncoding('utf8');
		while (!out.includes('Live status:')) out += String((await once(child.stdout, 'data'))[0]);
		expect(out).toMatch(
			/DEMO: probes go to loopback stand-ins \(DNS 127\.0\.0\.1:\d+, \*\.example\.lab → 127\.0\.0\.1\); no real system is contacted\./,
		);
		const url = /Serving .* on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1] ?? '';
		let body:
			| { demo: boolean; live: boolean; probes: Array<{ state: string; message: string }> }
			| undefined;
		// The first run comes within the scheduler's 5 s start spread.
		for (let i = 0; i < 100 && body?.probes[0]?.state !== 'up'; i++) {
			await new Promise((r) => setTimeout(r, 100));
			body = (await (await fetch(`${url}_waymark/status.json`)).json()) as typeof body;
		}
		expect(body).toMatchObject({
			demo: true,
			live: true,
			probes: [
				{ state: 'up', message: '[STATUS] == 200; [BODY].success.dolibarr_version == 22.0.4' },
			],
		});
		expect(existsSync(`${dir}/.waymark/status.sqlite`)).toBe(true);
		expect(out).toMatch(
			/DEMO: alerts come from a loopback stand-in Alertmanager at http:\/\/127\.0\.0\.1:\d+, not a real one\./,
		);
		let alerts:
			| {
					demo: boolean;
					state: string;
					firing: Array<{ name: string; state: string; route: string | null }>;
			  }
			| undefined;
		for (let i = 0; i < 50 && alerts?.state !== 'ok'; i++) {
			alerts = (
				(await (await fetch(`${url}_waymark/status.json`)).json()) as { alerts: typeof alerts }
			).alerts;
			if (alerts?.state !== 'ok') await new Promise((r) => setTimeout(r, 100));
		}
		expect(alerts).toMatchObject({ demo: true, state: 'ok' });
		expect(alerts?.firing.map((a) => [a.name, a.state, a.route])).toEqual([
			['DolibarrBackupMissing', 'firing', '/erp/backup-and-recovery/'],
			['DolibarrVolumeAlmostFull', 'silenced', null],
		]);
	} finally {
		child.kill('SIGTERM');
		await once(child, 'exit');
	}
}, 30_000);
