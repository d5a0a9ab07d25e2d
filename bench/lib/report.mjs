/** `1536` → `1.5 KiB`; binary units, one decimal. */
export function formatBytes(/** @type {number} */ bytes) {
	const units = ['B', 'KiB', 'MiB', 'GiB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** The middle value (mean of the two middle ones for an even count). */
export function median(/** @type {number[]} */ values) {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2
		? /** @type {number} */ (sorted[mid])
		: /** @type {number} */ (sorted[mid - 1] + /** @type {number} */ (sorted[mid])) / 2;
}

/** A GitHub Markdown table, readable as plain text too. */
export function renderTable(/** @type {string[]} */ header, /** @type {string[][]} */ rows) {
	const line = (/** @type {string[]} */ cells) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
