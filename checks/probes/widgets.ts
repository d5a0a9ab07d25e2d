import { createLocator, type Position } from '../../core/position.ts';
import { walkMdast } from '../../markdown/walk-mdast.ts';
import { pageFact, type PageModel } from '../../tree/parse-page.ts';

/** A status widget on a page: `:status{probe=ID}`, `::status{probe=ID}` or MDX `<Status probe="ID" />`. */
export interface StatusWidget {
	/** The probe it shows; `undefined` when it names none. */
	id: string | undefined;
	position: Position;
}

/** The status widgets of a page, in source order per kind (directives, then MDX components outside code); kept with the page between runs. */
export function statusWidgets(page: PageModel): StatusWidget[] {
	return pageFact(page, 'status-widgets', () => findStatusWidgets(page));
}

function findStatusWidgets(page: PageModel): StatusWidget[] {
	const widgets: StatusWidget[] = page.directives
		.filter((d) => d.name === 'status')
		.map((d) => ({ id: d.attributes['probe'], position: d.position }));
	// Both in text order: one pass. Only a page that names the component has code to look at.
	const code = page.text.includes('<Status') ? codeRanges(page) : [];
	let range = 0;
	const components = [...page.text.matchAll(/<Status\s+probe=["']([^"']*)["']/g)].filter((m) => {
		while (range < code.length && code[range]![1] <= m.index) range++;
		const [from, to] = code[range] ?? [Number.POSITIVE_INFINITY, 0];
		return !(m.index >= from && m.index < to);
	});
	const locate = components.length > 0 ? createLocator(page.text) : undefined;
	for (const match of components)
		widgets.push({ id: match[1], position: locate?.(match.index) ?? { line: 1, column: 1 } });
	return widgets;
}

/** Where code blocks and inline code sit in the page text: a `<Status>` shown there is an example, not a widget. */
function codeRanges(page: PageModel): Array<[number, number]> {
	const ranges: Array<[number, number]> = [];
	walkMdast(page.tree, (node) => {
		if (
			(node.type === 'code' || node.type === 'inlineCode') &&
			node.position?.start.offset !== undefined
		)
			ranges.push([
				node.position.start.offset,
				node.position.end.offset ?? node.position.start.offset,
			]);
	});
	return ranges;
}
