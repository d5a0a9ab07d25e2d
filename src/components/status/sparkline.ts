// No imports: the browser script uses this too, and it must stay small.
/** Inline SVG polyline of recent latencies; empty when there are fewer than two points. */
export function sparkline(values: number[], width = 120, height = 24): string {
	if (values.length < 2) return '';
	const max = Math.max(...values, 1);
	const step = width / (values.length - 1);
	const points = values
		.map((v, i) => `${(i * step).toFixed(1)},${(height - (v / max) * (height - 2) - 1).toFixed(1)}`)
		.join(' ');
	return `<svg class="wm-spark" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Latency, last ${values.length} checks, max ${Math.round(max)} ms"><polyline fill="none" stroke="currentColor" stroke-width="1.5" points="${points}"/></svg>`;
}
