import type { Nodes, PhrasingContent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { walkMdast } from '../../markdown/walk-mdast.ts';

const definition = /^\*\[([^\]\n]+)\]:[ \t]*(.*)$/;

/**
 * Python-Markdown's `abbr` (MkDocs): paragraphs made only of `*[SLO]: Service level objective`
 * lines (often from a snippet `auto_append` adds to every page) are left out, and each whole-word
 * `SLO` in the page's text becomes `<abbr title="Service level objective">`. Code is never touched.
 */
export function remarkAbbreviations() {
	return (tree: Root, file: VFile) => {
		const source = String(file.value);
		const titles = new Map<string, string>();
		walkMdast(tree, (node, parent, index) => {
			if (node.type !== 'paragraph' || !parent || index === undefined) return;
			const start = node.position?.start.offset;
			const end = node.position?.end.offset;
			if (start === undefined || end === undefined) return;
			const lines = source
				.slice(start, end)
				.split('\n')
				.map((line) => definition.exec(line.trim()));
			if (!lines.every(Boolean)) return;
			for (const match of lines) if (match?.[1]) titles.set(match[1], match[2] ?? '');
			parent.children.splice(index, 1);
			return 'skip';
		});
		if (titles.size === 0) return;
		const words = [...titles.keys()]
			.sort((a, b) => b.length - a.length)
			.map((word) => RegExp.escape(word));
		const word = `(?<![\\w])(?:${words.join('|')})(?![\\w])`;
		const holds = new RegExp(word);
		const pattern = new RegExp(word, 'g');
		walkMdast(tree, (node) => {
			if (!('children' in node)) return;
			const children: Nodes[] = node.children;
			if (!children.some((child) => child.type === 'text' && holds.test(child.value))) return;
			const replaced: Nodes[] = children.flatMap((child): Nodes[] =>
				child.type === 'text' ? split(child, pattern, titles) : [child],
			);
			(node as { children: Nodes[] }).children = replaced;
		});
	};
}

function split(
	node: Text,
	pattern: RegExp,
	titles: ReadonlyMap<string, string>,
): PhrasingContent[] {
	const parts: PhrasingContent[] = [];
	let at = 0;
	for (const match of node.value.matchAll(pattern)) {
		if (match.index > at) parts.push({ type: 'text', value: node.value.slice(at, match.index) });
		parts.push({
			type: 'text',
			value: match[0],
			data: { hName: 'abbr', hProperties: { title: titles.get(match[0]) ?? '' } },
		});
		at = match.index + match[0].length;
	}
	if (at < node.value.length) parts.push({ type: 'text', value: node.value.slice(at) });
	return parts;
}
