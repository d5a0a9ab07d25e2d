import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { alertsManifestPath, type AlertsManifest } from '../alerts/manifest.ts';
import { AlertsManifestInvalid, raise, type WaymarkError } from '../core/errors.ts';

const empty: AlertsManifest = { version: 1, site: { url: null, base: '/' }, pages: {}, alerts: {} };

/**
 * The build's alert manifest (`dist/_waymark/alerts.json`). Never throws: a missing or malformed
 * one is a `problem` and an empty manifest, so firing alerts are still listed, without pages.
 */
export async function readAlertsManifest(
	dir: string,
): Promise<{ manifest: AlertsManifest; problem?: WaymarkError }> {
	const file = join(dir, alertsManifestPath);
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT')
			return { manifest: empty, problem: raise(AlertsManifestInvalid, file, 'does not exist') };
		return {
			manifest: empty,
			problem: raise(AlertsManifestInvalid, file, `cannot be read (${code ?? 'unknown error'})`),
		};
	}
	try {
		const data = JSON.parse(text) as Partial<AlertsManifest>;
		if (
			data.version !== 1 ||
			!data.site ||
			typeof data.pages !== 'object' ||
			typeof data.alerts !== 'object'
		)
			throw new Error('not a Waymark alerts manifest');
		return { manifest: data as AlertsManifest };
	} catch (error) {
		return {
			manifest: empty,
			problem: raise(
				AlertsManifestInvalid,
				file,
				`is not a Waymark alerts manifest (${(error as Error).message})`,
			),
		};
	}
}
