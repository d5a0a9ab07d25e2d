import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../config/load-config.ts';

const root = join(import.meta.dirname, '../..');
const example = (name: string) =>
	readFile(join(root, 'examples/prometheus-replicas', name), 'utf8');

/** The code blocks of the guide's section on replicas, in order. */
async function guideBlocks(): Promise<string[]> {
	const guide = await readFile(join(root, 'guidebooks/writing-guidebooks.md'), 'utf8');
	const start = guide.indexOf('#### Replicas behind a load balancer');
	// Up to the next heading (`## `…`#### `; the blocks' comments start with `# `).
	const end = guide.slice(start + 1).search(/\n#{2,4} /);
	const section = guide.slice(start, end === -1 ? undefined : start + 1 + end);
	return [...section.matchAll(/```\w+\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

test('the example compose file and nginx config are the ones the guide shows', async () => {
	const [compose, nginx] = await guideBlocks();
	expect(compose).toBe(await example('compose.yaml'));
	expect(nginx).toBe(await example('nginx.conf'));
});

test('the example runs the exported files and replicas of `waymark serve` that read Prometheus and keep nothing', async () => {
	const compose = parse(await example('compose.yaml')) as {
		services: Record<
			string,
			{ command?: string[]; volumes?: string[]; deploy?: { replicas?: number } }
		>;
	};
	expect(Object.keys(compose.services)).toEqual(['blackbox', 'prometheus', 'waymark', 'proxy']);
	expect(compose.services['blackbox']!.command).toEqual([
		'--config.file=/etc/waymark/blackbox.yml',
	]);
	expect(compose.services['prometheus']!.command).toContain(
		'--config.file=/etc/waymark/prometheus.yml',
	);
	expect(compose.services['waymark']!.command?.slice(0, 2)).toEqual([
		'node_modules/.bin/waymark',
		'serve',
	]);
	// Read-only: a replica writes nothing, so any of them answers any request alike.
	expect(compose.services['waymark']!.volumes).toEqual(['.:/site:ro']);
	expect(compose.services['waymark']!.deploy?.replicas).toBe(3);
	const config = parseConfig(parse(await example('waymark.config.yaml')));
	expect(config.status.source).toBe('prometheus');
	expect(config.alerts.prometheus?.url).toBe('http://prometheus:9090');
	// The event stream goes through unbuffered.
	expect(await example('nginx.conf')).toMatch(
		/location \/_waymark\/events \{[^}]*proxy_buffering off;/,
	);
});
