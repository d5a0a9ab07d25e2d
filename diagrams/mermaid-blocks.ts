import type { GuidebookTree } from '../tree/load-tree.ts';
import type { Position } from '../core/position.ts';
import type { DiagramProblem } from './diagram-errors.ts';

/** One ```` ```mermaid ```` block of one page. */
export interface MermaidBlock {
	/** Page path relative to the root. */
	file: string;
	source: string;
	/** Line of the block's first content line in the page. */
	contentLine: number;
	/** Column of the fence: content inside a list item is indented by as much. */
	fenceColumn: number;
}

/** Every mermaid block of the pages in `only` (default: every page), in page then document order. */
export function collectMermaidBlocks(tree: GuidebookTree, only?: Set<string>): MermaidBlock[] {
	const blocks: MermaidBlock[] = [];
	for (const [path, page] of tree.pages) {
		if (only && !only.has(path)) continue;
		for (const block of page.codeBlocks) {
			if (block.lang.toLowerCase() !== 'mermaid') continue;
			blocks.push({
				file: path,
				source: block.value,
				contentLine: block.contentLine,
				fenceColumn: block.position.column,
			});
		}
	}
	return blocks;
}

/** A diagram line and column as a position in the Markdown page. */
export function positionInPage(
	block: MermaidBlock,
	problem: Pick<DiagramProblem, 'line' | 'column'>,
): Position {
	return {
		line: block.contentLine + problem.line - 1,
		column: problem.column + block.fenceColumn - 1,
	};
}
