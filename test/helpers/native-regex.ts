// Stands in for core/linear-regex.ts when test/helpers/native-regex-hooks.mjs is preloaded: the
// tree's patterns run on JavaScript's backtracking engine, as they did before RE2, so a test can
// give the watchdog a step that keeps computing.
export function compileLinearRegex(
	source: string,
	options: { ignoreCase?: boolean } = {},
): { ok: true; regex: RegExp } {
	return { ok: true, regex: new RegExp(source, options.ignoreCase ? 'i' : '') };
}
