import { readFile } from 'node:fs/promises';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';

/** The `params` table of a Hugo site config (TOML, YAML or JSON), or `undefined` when it has none or cannot be read. */
export async function readHugoParams(file: string): Promise<Record<string, unknown> | undefined> {
	const text = await readFile(file, 'utf8').catch(() => undefined);
	if (text === undefined) return undefined;
	let data: unknown;
	try {
		data = file.endsWith('.toml') ? parseToml(text) : file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
	} catch {
		return undefined;
	}
	if (!data || typeof data !== 'object') return undefined;
	const params = Object.entries(data as Record<string, unknown>).find(([key]) => key.toLowerCase() === 'params')?.[1];
	return params && typeof params === 'object' ? (params as Record<string, unknown>) : undefined;
}
