import { dedent, indentWidth } from '../syntax/code-lines.ts';
import { jsxOpeningTag, type JsxAttributes } from '../syntax/jsx-tag.ts';

/** A colon fence of a directive line (`:::note`, `::::`). */
const colonFence = /^[ \t]*(:{3,})/;
const closingFence = /^[ \t]*:{3,}[ \t]*\r?$/;
const closingTag = (name: string) => new RegExp(`^[ \\t]*</${name}[ \\t]*>[ \\t]*\\r?$`);
const closeTabs = closingTag('Tabs');
const closeItem = closingTag('TabItem');
/** Any other `<Tabs>` or `<TabItem>` tag on a line: a shape this does not rewrite. */
const strayTag = /<\/?(?:TabItem|Tabs)\b/;

/** A `<TabItem>` as written: its lines, its label, and the sets inside it. */
interface TabItemLines {
	open: { start: number; end: number };
	close: number;
	label: string;
	value?: string;
	isDefault: boolean;
	inner: TabsBlock[];
}

/** A `<Tabs>` block as written: its lines and its items. */
interface TabsBlock {
	open: { start: number; end: number };
	close: number;
	items: TabItemLines[];
	defaultValue?: string;
	/** Sets nested in one another down from this one, itself included. */
	height: number;
}

/**
 * Docusaurus' tabs (`<Tabs>` holding `<TabItem value="linux" label="Linux">`, from `@theme/Tabs`
 * and `@theme/TabItem`) as the site's content tabs: each item becomes a `tab` container directive
 * with its label, as MkDocs' `=== "Title"` does (`markdown/content-tabs.ts` groups them and
 * `rehype-content-tabs.ts` draws them). A reader sees which command is for Linux and which for
 * Windows, and the item Docusaurus opens with (`defaultValue`, `default`) is the one selected.
 *
 * Lines keep their numbers: tag lines become directive lines or blank ones. Only tags on lines of
 * their own are read; a set of any other shape (text beside a tag, a tag never closed, something
 * other than items in a set) is left as written, and so is a set inside an admonition whose fence
 * is too short to hold the tabs' fences (micromark closes a directive at the first fence at least
 * as long as its own, so a set's fences are longer than any inside it and shorter than any around
 * it). `literal` marks lines in code, which stay as written.
 */
export function rewriteDocusaurusTabs(lines: string[], literal: readonly boolean[]): void {
	if (!lines.some((line, i) => !literal[i] && line.includes('<Tabs'))) return;
	const fences = lines.map((line, i) =>
		literal[i] ? 0 : (colonFence.exec(line)?.[1]?.length ?? 0),
	);
	const around = fenceAround(lines, fences);
	const pending = tabsBlocks(lines, literal);
	for (let block = pending.pop(); block; block = pending.pop()) {
		// A set's fences grow with the sets inside it: one nested deeper than `maxDepth` is read as its inner sets.
		let fence = 0;
		if (block.height <= maxDepth) {
			let inner = 3;
			for (let j = block.open.end + 1; j < block.close; j++)
				inner = Math.max(inner, fences[j] ?? 0);
			fence = inner + block.height;
		}
		const limit = around[block.open.start];
		if (fence > 0 && (limit === undefined || fence < limit))
			writeBlock(lines, block, fence, literal, around);
		// Left as written: the sets inside its items may still be rewritten on their own.
		else for (const item of block.items) append(pending, item.inner);
	}
}

/** Sets inside sets beyond this depth are left to their inner sets. */
const maxDepth = 8;

/** For each line, the shortest fence of the admonitions open there, as micromark closes them. */
function fenceAround(
	lines: readonly string[],
	fences: readonly number[],
): Array<number | undefined> {
	// For each open fence, outermost first, the shortest of it and those outside it (never growing).
	const shortest: number[] = [];
	return lines.map((line, i) => {
		const here = shortest.at(-1);
		const length = fences[i] ?? 0;
		if (length === 0) return here;
		if (closingFence.test(line)) {
			// A fence closes the outermost open block it is long enough for, and what that block holds:
			// the first whose shortest-so-far is that short.
			let [low, high] = [0, shortest.length];
			while (low < high) {
				const middle = (low + high) >> 1;
				if ((shortest[middle] ?? 0) <= length) high = middle;
				else low = middle + 1;
			}
			// Where the shortest so far first drops that low, that block's own fence does.
			shortest.splice(low);
		} else {
			shortest.push(Math.min(length, here ?? length));
		}
		return here;
	});
}

/**
 * The block's lines as directives of `fence` colons; each set inside an item one colon shorter.
 * An item's content loses the indentation all its lines share: MDX has no indented code, so
 * content indented four columns inside `<TabItem>` is text there (Litmus writes it so), which
 * CommonMark would read as code. Columns in it move by as much, as in MkDocs' indented blocks.
 */
function writeBlock(
	lines: string[],
	block: TabsBlock,
	fence: number,
	literal: readonly boolean[],
	around: ReadonlyArray<number | undefined>,
): void {
	// Where the set's tag is now (a set around this one may have taken some of its indentation):
	// its items and their content go there, inside the list item or block that holds the set.
	const indent = /^[ \t]*/.exec(lines[block.open.start] ?? '')?.[0] ?? '';
	blank(lines, block.open.start, block.open.end);
	blank(lines, block.close, block.close);
	const byValue = block.items.findIndex(
		(item) => block.defaultValue !== undefined && item.value === block.defaultValue,
	);
	const chosen = byValue !== -1 ? byValue : block.items.findIndex((item) => item.isDefault);
	const colons = ':'.repeat(fence);
	block.items.forEach((item, n) => {
		// `new`: a set right after another stays a set of its own. The flags go in the name: MDX reads
		// `{…}` after a directive as an expression (`markdown/content-tabs.ts` reads both).
		const name = `tab${n === 0 ? '-new' : ''}${n === chosen ? '-select' : ''}`;
		blank(lines, item.open.start, item.open.end);
		// One line whatever the label holds (`&#10;`, a value over two lines): every later line keeps its number.
		lines[item.open.start] =
			`${indent}${colons}${name}[${escapeMarkdown(item.label.replace(/\s+/g, ' ').trim())}]`;
		lines[item.close] = `${indent}${colons}`;
		dedentContent(lines, item.open.end + 1, item.close, indentWidth(indent), literal);
		for (const inner of item.inner) writeWhereItFits(lines, inner, fence - 1, literal, around);
	});
}

/**
 * A set inside an item, at `fence` colons, unless an admonition inside the item holds it with a
 * fence that short or shorter (its fence would close the admonition): then it is left as written,
 * and the sets inside it are tried the same way.
 */
function writeWhereItFits(
	lines: string[],
	block: TabsBlock,
	fence: number,
	literal: readonly boolean[],
	around: ReadonlyArray<number | undefined>,
): void {
	const limit = around[block.open.start];
	if (limit === undefined || fence < limit) writeBlock(lines, block, fence, literal, around);
	else
		for (const item of block.items)
			for (const inner of item.inner) writeWhereItFits(lines, inner, fence, literal, around);
}

const fenceLine = /^[ \t]*(?:`{3,}|~{3,})/;

/** Lines `from` to `to` (exclusive) moved left, up to column `column`, as far as all their content lines go; a fence's code keeps what is left to it. */
function dedentContent(
	lines: string[],
	from: number,
	to: number,
	column: number,
	literal: readonly boolean[],
): void {
	let shared = Number.POSITIVE_INFINITY;
	for (let i = from; i < to; i++) {
		const line = lines[i] ?? '';
		if (line.trim() !== '' && (!literal[i] || fenceLine.test(line)))
			shared = Math.min(shared, indentWidth(line));
	}
	if (shared <= column || shared === Number.POSITIVE_INFINITY) return;
	for (let i = from; i < to; i++)
		if ((lines[i] ?? '').trim() !== '') lines[i] = dedent(lines[i] ?? '', shared - column);
}

/** `items` added to `list` one by one: a spread of a page's worth would overflow the call's arguments. */
function append<T>(list: T[], items: readonly T[]): void {
	for (const item of items) list.push(item);
}

function blank(lines: string[], from: number, to: number): void {
	for (let i = from; i <= to; i++) lines[i] = '';
}

/** Text as Markdown that reads back as it: every ASCII punctuation mark escaped. */
function escapeMarkdown(text: string): string {
	return text.replace(/[!-/:-@[-`{-~]/g, (char) => `\\${char}`);
}

/** A set or an item being read: its lines so far, and whether it can still be rewritten. */
type Frame =
	| { kind: 'tabs'; block: TabsBlock; valid: boolean; labels: Map<string, string> | undefined }
	| { kind: 'item'; item: TabItemLines; valid: boolean; set: TabsFrame | undefined };
type TabsFrame = Extract<Frame, { kind: 'tabs' }>;

/**
 * The page's outermost `<Tabs>` blocks whose every tag is on a line of its own, in one pass over
 * the lines (a stack of the sets and items open): a set of another shape is dropped, and the sets
 * inside its items take its place.
 */
function tabsBlocks(lines: readonly string[], literal: readonly boolean[]): TabsBlock[] {
	const top: TabsBlock[] = [];
	const stack: Frame[] = [];
	// Each item knows the set around it, so finding it never walks the stack.
	const innermostSet = (): TabsFrame | undefined => {
		const frame = stack.at(-1);
		return frame?.kind === 'item' ? frame.set : frame;
	};
	const spoil = () => {
		const set = innermostSet();
		if (set) set.valid = false;
	};
	/** A finished set goes into the item around it, or to the top; a spoiled one leaves its inner sets there instead. */
	const place = (blocks: TabsBlock[]) => {
		const holder = stack.at(-1);
		append(holder?.kind === 'item' ? holder.item.inner : top, blocks);
		if (holder?.kind === 'tabs' && blocks.length > 0) holder.valid = false;
	};
	const closeSet = (frame: TabsFrame, at: number) => {
		const { block } = frame;
		block.close = at;
		for (const item of block.items)
			for (const inner of item.inner) block.height = Math.max(block.height, inner.height + 1);
		place(
			frame.valid && block.items.length > 0 ? [block] : block.items.flatMap((item) => item.inner),
		);
	};
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i] ?? '';
		const current = stack.at(-1);
		if (literal[i] || line.trim() === '') {
			// Code directly in a set, between its items: Docusaurus takes only items there.
			if (literal[i] && current?.kind === 'tabs') current.valid = false;
			continue;
		}
		const tabs = jsxOpeningTag(lines, i, 'Tabs');
		const item = tabs ? undefined : jsxOpeningTag(lines, i, 'TabItem');
		if (tabs === 'invalid' || item === 'invalid') spoil();
		else if (tabs) {
			if (current?.kind === 'tabs') current.valid = false;
			stack.push({
				kind: 'tabs',
				block: {
					open: { start: i, end: tabs.end },
					close: -1,
					items: [],
					height: 1,
					...stringEntry(tabs.attributes, 'defaultValue'),
				},
				valid: true,
				labels: valueLabels(tabs.attributes),
			});
			i = tabs.end;
		} else if (item) {
			const set = current?.kind === 'tabs' ? current : undefined;
			if (!set) spoil();
			const value = stringAttribute(item.attributes, 'value');
			// Docusaurus labels an item by the set's `values` when it has them (the item's own `label` is
			// then unused), else by its `label`, else by its value.
			const named = set?.labels
				? value === undefined
					? undefined
					: set.labels.get(value)
				: stringAttribute(item.attributes, 'label');
			const label = named ?? value ?? `Tab ${(set?.block.items.length ?? 0) + 1}`;
			stack.push({
				kind: 'item',
				item: {
					open: { start: i, end: item.end },
					close: -1,
					label,
					...(value !== undefined && { value }),
					isDefault: isTrue(item.attributes.get('default')),
					inner: [],
				},
				valid: set !== undefined,
				set: innermostSet(),
			});
			i = item.end;
		} else if (closeItem.test(line)) {
			if (current?.kind !== 'item') {
				spoil();
				continue;
			}
			stack.pop();
			current.item.close = i;
			const set = stack.at(-1);
			if (set?.kind === 'tabs' && current.valid) set.block.items.push(current.item);
			else place(current.item.inner);
		} else if (closeTabs.test(line)) {
			// Items left open spoil the set they are in, and their inner sets go to it.
			while (stack.at(-1)?.kind === 'item') {
				const open = stack.pop() as Extract<Frame, { kind: 'item' }>;
				spoil();
				place(open.item.inner);
			}
			const set = stack.pop();
			if (set?.kind === 'tabs') closeSet(set, i);
		} else if (current?.kind === 'tabs' || strayTag.test(line)) spoil();
	}
	// Sets never closed: left as written, with what they hold.
	while (stack.length > 0) {
		const frame = stack.pop() as Frame;
		if (frame.kind === 'item') place(frame.item.inner);
		else place(frame.block.items.flatMap((item) => item.inner));
	}
	return top;
}

/** `default`, `default={true}`, or any string but the empty one (truthy in JSX, as `default="true"`). */
function isTrue(value: ReturnType<JsxAttributes['get']>): boolean {
	if (typeof value === 'string') return value !== '';
	return value === true || (typeof value === 'object' && value.expression.trim() === 'true');
}

function stringAttribute(attributes: JsxAttributes, name: string): string | undefined {
	const value = attributes.get(name);
	return typeof value === 'string' ? value : undefined;
}

function stringEntry(attributes: JsxAttributes, name: 'defaultValue'): { defaultValue?: string } {
	const value = stringAttribute(attributes, name);
	return value === undefined ? {} : { [name]: value };
}

/** `values={[{label: 'Apple', value: 'apple'}, …]}`, Docusaurus' older way to label items: value → label; `undefined` without it. */
function valueLabels(attributes: JsxAttributes): Map<string, string> | undefined {
	const values = attributes.get('values');
	if (typeof values !== 'object') return undefined;
	const labels = new Map<string, string>();
	for (const [, entry = ''] of values.expression.matchAll(/\{([^{}]*)\}/g)) {
		const field = (name: string) =>
			new RegExp(`\\b${name}\\s*:\\s*(['"\`])((?:(?!\\1)[^\\\\]|\\\\.)*)\\1`).exec(entry)?.[2];
		const value = field('value');
		const label = field('label');
		if (value !== undefined && label !== undefined) labels.set(value, label);
	}
	return labels;
}
