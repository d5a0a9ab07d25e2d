import { findMistake } from './diagram-hints.ts';
import { diagramHeader, mapParsedLine, unknownTypeMessage } from './diagram-source.ts';

/** A mermaid error as thrown by `mermaid.parse` in Node or `mermaid.render` in the browser. */
export interface MermaidErrorLike {
	name?: string;
	message: string;
	loc?: { first_line: number; first_column: number; last_line: number };
}

/** A mermaid error placed in the diagram: `line` is 1-based within the diagram's source. */
export interface DiagramProblem {
	ruleId: 'mermaid-syntax' | 'mermaid-render';
	line: number;
	column: number;
	message: string;
}

/**
 * Mermaid's parser tokens in the words (or characters) a person writes: jison names what it wanted
 * by its grammar's token names (`PIPE`, `DIAMOND_STOP`, `SQE`), which say nothing to an author.
 */
const tokenNames: Record<string, string> = {
	NEWLINE: 'end of line',
	NL: 'end of line',
	ID: 'a name',
	STRING: 'a quoted string',
	NAME_WITH_SPACES: 'a name',
	EOF: 'end of diagram',
	$end: 'end of diagram',
	'1': 'end of diagram',
	SPACE: 'space',
	SEMI: '`;`',
	AMP: '`&`',
	COLON: '`:`',
	COMMA: '`,`',
	PIPE: '`|`',
	TAGEND: '`>`',
	TAGSTART: '`<`',
	SQS: '`[`',
	SQE: '`]`',
	PS: '`(`',
	PE: '`)`',
	DIAMOND_START: '`{`',
	DIAMOND_STOP: '`}`',
	STADIUMSTART: '`([`',
	STADIUMEND: '`])`',
	SUBROUTINESTART: '`[[`',
	SUBROUTINEEND: '`]]`',
	CYLINDERSTART: '`[(`',
	CYLINDEREND: '`)]`',
	DOUBLECIRCLESTART: '`(((`',
	DOUBLECIRCLEEND: '`)))`',
	ELLIPSE_START: '`(-`',
	ELLIPSE_END: '`-)`',
	TRAPSTART: '`[/`',
	TRAPEND: '`/]`',
	INVTRAPSTART: '`[\\`',
	INVTRAPEND: '`\\]`',
	TEXT: 'text',
	UNICODE_TEXT: 'text',
	TXT: 'text',
	STR: 'a quoted string',
	MD_STR: 'a Markdown string',
	NODE_STRING: 'a node name',
	ALPHA: 'a name',
	NUM: 'a number',
	LINK: 'an arrow',
	START_LINK: 'an arrow',
	LINK_ID: 'an arrow id',
	ARROW: 'an arrow',
	SOLID_ARROW: 'an arrow',
	DOTTED_ARROW: 'an arrow',
	INVALID: '',
};

/** A token as words: the table's, else its name in lower-case words (`ACC_TITLE` → `acc title`), a literal as written. */
function friendly(token: string): string {
	const bare = token.replace(/^'|'$/g, '');
	const named = tokenNames[bare];
	if (named !== undefined) return named;
	return /^[A-Z][A-Z0-9_]*$/.test(bare) ? bare.toLowerCase().replaceAll('_', ' ') : `\`${bare}\``;
}

/**
 * Turns what mermaid threw into a finding-ready problem. Parser errors (jison's `Parse error on
 * line N`, langium's `line N, column C`, an unknown diagram type, bad front matter YAML) are
 * `mermaid-syntax`, placed at the real mistake when the source shows it (`diagram-hints.ts`: an
 * unclosed bracket, an unknown arrow, a missing `end`) and else worded without parser token
 * names; anything thrown while drawing is `mermaid-render`.
 */
export function describeMermaidError(error: MermaidErrorLike, source: string): DiagramProblem {
	const message = error.message ?? '';
	if (error.name === 'UnknownDiagramError' || message.startsWith('No diagram type detected')) {
		const header = diagramHeader(source);
		return {
			ruleId: 'mermaid-syntax',
			line: header.line,
			column: 1,
			message: unknownTypeMessage(header.word),
		};
	}
	const jison = /^(Parse|Lexical) error on line (\d+)/.exec(message);
	if (jison) {
		const parsedLine = Number(jison[2]);
		const loc = error.loc;
		const column = loc?.first_line === parsedLine ? loc.first_column + 1 : 1;
		const expecting = /Expecting (.+), got '([^']+)'/.exec(message);
		const line = mapParsedLine(source, parsedLine);
		const mistake = findMistake(source, line, /^(?:1|EOF|\$end)$/.test(expecting?.[2] ?? ''));
		if (mistake) return { ruleId: 'mermaid-syntax', ...mistake };
		let text: string;
		if (expecting) {
			const wanted = [...new Set((expecting[1] ?? '').split(/,\s*/).map(friendly).filter(Boolean))];
			const list = wanted.slice(0, 6).join(', ') + (wanted.length > 6 ? ', …' : '');
			text = `Unexpected ${friendly(expecting[2] ?? '') || 'text'}, expected ${wanted.length > 1 ? 'one of ' : ''}${list}`;
		} else {
			text = `Unexpected text mermaid cannot read, expected valid ${diagramHeader(source).word} syntax`;
		}
		return { ruleId: 'mermaid-syntax', line, column, message: text };
	}
	const langium =
		/(Lexer|Parse) error on line (\d+), column (\d+): (.*?)(?=\s*(?:Lexer|Parse) error on line|$)/s.exec(
			message,
		);
	if (langium) {
		const detail = (langium[4] ?? '').trim();
		const found = /Expecting (?:token of type )?(.+?) but found `([^`]*)`/s.exec(detail);
		const sequences =
			/Expecting:? one of these possible Token sequences:([\s\S]*?)but found: '([^']*)'/.exec(
				detail,
			);
		const character = /unexpected character: ->(.+?)<-/.exec(detail);
		const type = diagramHeader(source).word;
		const shownFound = (text: string): string =>
			text === '\n' ? 'end of line' : text === '' ? 'end of diagram' : `\`${text}\``;
		const wantedOf = (names: string[]): string => {
			const words = [...new Set(names.map(friendly).filter(Boolean))];
			return `${words.length > 1 ? 'one of ' : ''}${words.slice(0, 6).join(', ')}${words.length > 6 ? ', …' : ''}`;
		};
		const text = sequences
			? `Unexpected ${shownFound(sequences[2] ?? '')}, expected ${wantedOf([...(sequences[1] ?? '').matchAll(/\d+\. \[([^\],]+)/g)].map((match) => match[1] ?? ''))}`
			: found
				? `Unexpected ${shownFound(found[2] ?? '')}, expected ${/^'[^']+'$/.test(found[1] ?? '') ? wantedOf([found[1] ?? '']) : (found[1] ?? '').split('\n')[0]?.replace(/:$/, '')}`
				: character
					? `Unexpected character \`${character[1]}\`, expected valid ${type} syntax`
					: `Unexpected ${detail.replace(/\.$/, '')}, expected valid ${type} syntax`;
		const line = mapParsedLine(source, Number(langium[2]));
		const mistake = findMistake(source, line, /end of input|but found ``/.test(detail));
		if (mistake) return { ruleId: 'mermaid-syntax', ...mistake };
		return { ruleId: 'mermaid-syntax', line, column: Number(langium[3]), message: text };
	}
	const yaml = /^([^\n]*?) \((\d+):(\d+)\)/.exec(message);
	if (error.name?.startsWith('YAMLException') && yaml) {
		return {
			ruleId: 'mermaid-syntax',
			line: Number(yaml[2]) + 1,
			column: Number(yaml[3]),
			message: `Unexpected invalid YAML in the diagram's front matter (${yaml[1]}), expected a YAML mapping between \`---\` lines`,
		};
	}
	return renderProblem(message, source);
}

/** Errors raised while drawing carry no position; the line holding the value they name is the best guess. */
function renderProblem(message: string, source: string): DiagramProblem {
	const first = (message.split('\n')[0] ?? message).trim();
	const value = /:\s*(.+)$/.exec(first)?.[1]?.trim();
	const lines = source.split('\n');
	const index = value ? lines.findIndex((l) => l.includes(value)) : -1;
	const invalidDate = /^Invalid date:?\s*(.*)$/i.exec(first);
	const text = invalidDate
		? `Unexpected invalid date \`${invalidDate[1]}\`, expected a date matching the diagram's \`dateFormat\``
		: `Unexpected error while drawing the diagram (${first.replace(/\.$/, '')}), expected a diagram mermaid can draw`;
	return {
		ruleId: 'mermaid-render',
		line: index >= 0 ? index + 1 : diagramHeader(source).line,
		column: index >= 0 ? (lines[index]?.indexOf(value ?? '') ?? 0) + 1 : 1,
		message: text,
	};
}
