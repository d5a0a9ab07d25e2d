import type { ProbeResult } from '../types.ts';

const escape = (text: string): string => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One test case per probe; down and degraded are failures, unknown is skipped. */
export function junit(results: ProbeResult[]): string {
	const failures = results.filter((r) => r.state === 'down' || r.state === 'degraded').length;
	const cases = results.map((r) => {
		const head = `  <testcase classname="${escape(r.file)}" name="${escape(r.id)}" time="${((r.latencyMs ?? 0) / 1000).toFixed(3)}"`;
		if (r.state === 'up') return `${head} />`;
		if (r.state === 'unknown') return `${head}><skipped message="${escape(r.message)}" /></testcase>`;
		return `${head}><failure message="${escape(`${r.state}: ${r.message}`)}">${escape(`${r.kind} ${r.target} (${r.file}:${r.line})`)}</failure></testcase>`;
	});
	return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="waymark probe" tests="${results.length}" failures="${failures}" skipped="${results.filter((r) => r.state === 'unknown').length}">\n${cases.join('\n')}\n</testsuite>\n`;
}
