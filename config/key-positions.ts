import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { Position } from '../core/position.ts';

/**
 * Where each key of a config file (YAML or JSON) is written: `locate(['links', 'rules', 0, 'headers'])`
 * gives the line and column of `headers` in the first rule, or of the deepest part of the path
 * that is written (a missing key is reported where its parent is). `undefined` without text.
 */
export function keyPositions(
	text: string | undefined,
): (path: ReadonlyArray<PropertyKey>) => Position | undefined {
	if (text === undefined) return () => undefined;
	const lineCounter = new LineCounter();
	const document = parseDocument(text, { lineCounter });
	const at = (offset: number | undefined): Position | undefined => {
		if (offset === undefined) return undefined;
		const { line, col } = lineCounter.linePos(offset);
		return { line, column: col };
	};
	return (path) => {
		let node: unknown = document.contents;
		let offset: number | undefined = (document.contents as YamlNode | null)?.range?.[0];
		for (const segment of path) {
			if (isMap(node)) {
				const pair = node.items.find(
					(item) => (item.key as { value?: unknown } | null)?.value === segment,
				);
				if (!pair) break;
				offset = (pair.key as YamlNode | null)?.range?.[0] ?? offset;
				node = pair.value;
			} else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
				node = node.items[segment];
				offset = (node as YamlNode).range?.[0] ?? offset;
			} else break;
		}
		return at(offset);
	};
}
