/** `${env:NAME}` in header values: resolved at probe time, never stored, printed or sent to a browser. */
const pattern = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

export type Expanded =
	{ ok: true; value: string } | { ok: false; missing: string; unlisted?: true };

/**
 * `missing` names the first variable not set (with `emptyIsMissing`, not set or empty) or, with
 * `allowed`, not listed there (`unlisted`): an unlisted name is never read, set or not.
 */
export function expandEnv(
	template: string,
	env: NodeJS.ProcessEnv,
	options: { emptyIsMissing?: boolean; allowed?: readonly string[] } = {},
): Expanded {
	let missing: { name: string; unlisted?: true } | undefined;
	const value = template.replace(pattern, (_, name: string) => {
		if (options.allowed && !options.allowed.includes(name)) {
			missing ??= { name, unlisted: true };
			return '';
		}
		const found = env[name];
		if (found === undefined || (options.emptyIsMissing && found === '')) missing ??= { name };
		return found ?? '';
	});
	if (!missing) return { ok: true, value };
	return { ok: false, missing: missing.name, ...(missing.unlisted && { unlisted: true }) };
}

/** The names a template reads, in order. */
export function envNames(template: string): string[] {
	return [...template.matchAll(pattern)].map((m) => m[1] ?? '');
}

/** Every `${env:NAME}` value currently set (and allowed), so reporters and logs can scrub them from any text. */
export function secretValues(
	headers: Record<string, string>,
	env: NodeJS.ProcessEnv,
	allowed?: readonly string[],
): string[] {
	const values: string[] = [];
	for (const template of Object.values(headers)) {
		for (const name of envNames(template)) {
			const value = allowed && !allowed.includes(name) ? undefined : env[name];
			if (value && value.length >= 3) values.push(value);
		}
	}
	return values;
}
