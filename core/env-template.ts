/** `${env:NAME}` in header values: resolved at probe time, never stored, printed or sent to a browser. */
const pattern = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

export type Expanded = { ok: true; value: string } | { ok: false; missing: string };

/** `missing` names the first variable not set (with `emptyIsMissing`, not set or empty). */
export function expandEnv(
	template: string,
	env: NodeJS.ProcessEnv,
	options: { emptyIsMissing?: boolean } = {},
): Expanded {
	let missing: string | undefined;
	const value = template.replace(pattern, (_, name: string) => {
		const found = env[name];
		if (found === undefined || (options.emptyIsMissing && found === '')) missing ??= name;
		return found ?? '';
	});
	return missing ? { ok: false, missing } : { ok: true, value };
}

/** Every `${env:NAME}` value currently set, so reporters and logs can scrub them from any text. */
export function secretValues(headers: Record<string, string>, env: NodeJS.ProcessEnv): string[] {
	const values: string[] = [];
	for (const template of Object.values(headers)) {
		for (const match of template.matchAll(pattern)) {
			const value = env[match[1] ?? ''];
			if (value && value.length >= 3) values.push(value);
		}
	}
	return values;
}
