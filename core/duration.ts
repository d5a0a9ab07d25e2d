const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s`, `500ms`, `1m30s`, `48h`, `7d` → milliseconds; `undefined` when the text is not a duration. */
export function parseDuration(text: string): number | undefined {
	const trimmed = text.trim();
	if (!/^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/.test(trimmed)) return undefined;
	let total = 0;
	for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) {
		total += Number(match[1]) * (units[match[2] ?? 's'] ?? 0);
	}
	return total;
}

/** 90061000 → `1d 1h 1m`; for messages. */
export function formatDuration(ms: number): string {
	const sign = ms < 0 ? '-' : '';
	let rest = Math.abs(ms);
	if (rest < 1000) return `${sign}${Math.round(rest)}ms`;
	const parts: string[] = [];
	for (const [unit, size] of [
		['d', 86_400_000],
		['h', 3_600_000],
		['m', 60_000],
		['s', 1000],
	] as const) {
		if (rest >= size) {
			parts.push(`${Math.floor(rest / size)}${unit}`);
			rest %= size;
		}
		if (parts.length === 2) break;
	}
	return sign + parts.join(' ');
}
