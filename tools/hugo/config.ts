import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { toml } from '../../core/toml.ts';
import { parse as parseYaml } from 'yaml';
import { configValue, isTable } from './config-values.ts';

/** A Hugo site config (`hugo.toml`, `config.yaml`, … plus `config/_default/`), as parsed: Hugo's keys are case-insensitive. */
export type HugoConfig = Record<string, unknown>;

/** A TOML, YAML or JSON file as an object; `undefined` when it cannot be read, does not parse or is no mapping. */
async function readConfigFile(file: string): Promise<HugoConfig | undefined> {
	const text = await readFile(file, 'utf8').catch(() => undefined);
	if (text === undefined) return undefined;
	try {
		const data: unknown = file.endsWith('.toml')
			? toml().parse(text)
			: file.endsWith('.json')
				? JSON.parse(text)
				: parseYaml(text);
		return data && typeof data === 'object' && !Array.isArray(data)
			? (data as HugoConfig)
			: undefined;
	} catch {
		return undefined;
	}
}

/**
 * The site config: `file` (may be absent), with each file of `<site>/config/_default/` on top,
 * as Hugo merges a config folder (`params.toml` is the `params` table, `hugo.toml` the root).
 * `undefined` when nothing could be read.
 */
export async function readHugoConfig(site: string, file?: string): Promise<HugoConfig | undefined> {
	const config: HugoConfig = (file && (await readConfigFile(file))) || {};
	let found = file !== undefined && Object.keys(config).length > 0;
	const folder = join(site, 'config', '_default');
	const names = (await readdir(folder).catch(() => [] as string[]))
		.filter((name) => ['.toml', '.yaml', '.yml', '.json'].includes(extname(name)))
		.sort();
	for (const name of names) {
		const data = await readConfigFile(join(folder, name));
		if (!data) continue;
		found = true;
		const key = name.slice(0, -extname(name).length);
		if (key === 'hugo' || key === 'config') Object.assign(config, data);
		else if (!key.includes('.')) config[key] = data;
	}
	return found ? config : undefined;
}

/** The `params` table of a Hugo site config file, or `undefined` when it has none or cannot be read. */
export async function readHugoParams(file: string): Promise<Record<string, unknown> | undefined> {
	const params = configValue(await readConfigFile(file), 'params');
	return isTable(params) ? params : undefined;
}
