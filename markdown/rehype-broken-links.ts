import type { Element, Root } from 'hast';
import { element, imagePlaceholderElement, withCode } from './notice-nodes.ts';

/** Where `remarkBrokenLinks` notes why a link is broken, as hast names it and as written in HTML. */
export const brokenAttribute = { property: 'dataWmBroken', name: 'data-wm-broken' } as const;

const headings = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Marks each link the checks found broken where it stands (`data-wm-broken` holds why, from
 * `remarkBrokenLinks`): the link keeps its text and target, gets `.wm-broken-link` (a warning
 * colour, a dashed underline, a mark), says "(broken link)" to a screen reader as part of its name
 * and is described by the reason, which shows beside it on hover and focus (`.wm-broken-reason`).
 * In a heading, the reason follows the heading and the link's name stays as written, so the table
 * of contents and the heading's id keep their text. A raw `<img>` becomes a placeholder box.
 * After the sanitiser, which lets `data-wm-broken` through.
 */
export function rehypeBrokenLinks() {
	return (tree: Root) => {
		let count = 0;
		/** Marks the broken links among `parent`'s descendants; in a heading, their reasons go to `notes`, for after it. */
		const visit = (parent: Root | Element, notes: Element[] | undefined): void => {
			for (let index = 0; index < parent.children.length; index++) {
				const node = parent.children[index];
				if (node?.type !== 'element') continue;
				const reason = node.properties[brokenAttribute.property];
				delete node.properties[brokenAttribute.property];
				if (typeof reason === 'string' && node.tagName === 'img') {
					parent.children[index] = imagePlaceholderElement(
						String(node.properties['src'] ?? ''),
						typeof node.properties['alt'] === 'string' ? node.properties['alt'] : '',
						'missing',
					);
					continue;
				}
				if (typeof reason === 'string' && node.tagName === 'a') {
					count += 1;
					const id = `wm-broken-link-${count}`;
					node.properties = {
						...node.properties,
						className: ['wm-broken-link'],
						ariaDescribedBy: [id],
					};
					const note = element(
						notes ? 'p' : 'span',
						{ className: ['wm-broken-reason'], id, dataPagefindIgnore: true },
						withCode(`Broken link: ${reason}`),
					);
					if (notes) notes.push(note);
					else {
						node.children.push(
							element('span', { className: ['visually-hidden'], dataPagefindIgnore: true }, [
								{ type: 'text', value: ' (broken link)' },
							]),
						);
						parent.children.splice(index + 1, 0, note);
					}
				}
				if (notes || !headings.has(node.tagName)) {
					visit(node, notes);
					continue;
				}
				const inHeading: Element[] = [];
				visit(node, inHeading);
				parent.children.splice(index + 1, 0, ...inHeading);
				index += inHeading.length;
			}
		};
		visit(tree, undefined);
	};
}
