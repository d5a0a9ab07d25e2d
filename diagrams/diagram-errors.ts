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

const tokenNames: Record<string, string> = { NEWLINE: 'end of line', NL: 'end of line', EOF: 'end of diagram', SPACE: 'space' };
const friendly = (token: string) => tokenNames[token.replace(/^'|'$/g, '')] ?? `\`${token.replace(/^'|'$/g, '')}\``;

/**
 * Turns what mermaid threw into a finding-ready problem. Parser errors (jison's `Parse error on
 * line N`, langium's `line N, column C`, an unknown diagram type, bad front matter YAML) are
 * `mermaid-syntax`; anything thrown while drawing is `mermaid-render`.
 */
export function describeMermaidError(error: MermaidErrorLike, source: string): DiagramProblem {
	const message = error.message ?? '';
	if (error.name === 'UnknownDiagramError' || message.startsWith('No diagram type detected')) {
		const header = diagramHeader(source);
		return { ruleId: 'mermaid-syntax', line: header.line, column: 1, message: unknownTypeMessage(header.word) };
	}
	const jison = /^(Parse|Lexical) error on line (\d+)/.exec(message);
	if (jison) {
		const parsedLine = Number(jison[2]);
		const loc = error.loc;
		const column = loc?.first_line === parsedLine ? loc.first_column + 1 : 1;
		const expecting = /Expecting (.+), got '([^']+)'/.exec(message);
		let text: string;
		if (expecting) {
			const wanted = (expecting[1] ?? '').split(/,\s*/);
			const list = wanted.slice(0, 6).map(friendly).join(', ') + (wanted.length > 6 ? ', …' : '');
			text = `Unexpected ${friendly(expecting[2] ?? '')}, expected ${wanted.length > 1 ? 'one of ' : ''}${list}`;
		} else {
			text = `Unexpected text mermaid cannot read, expected valid ${diagramHeader(source).word} syntax`;
		}
		return { ruleId: 'mermaid-syntax', line: mapParsedLine(source, parsedLine), column, message: text };
	}
	const langium = /(Lexer|Parse) error on line (\d+), column (\d+): (.*?)(?=\s*(?:Lexer|Parse) error on line|$)/s.exec(message);
	if (langium) {
		const detail = (langium[4] ?? '').trim();
		const found = /Expecting (?:token of type )?(.+?) but found `([^`]*)`/s.exec(detail);
		const character = /unexpected character: ->(.+?)<-/.exec(detail);
		const type = diagramHeader(source).word;
		const text = found
			? `Unexpected ${found[2] === '\n' ? 'end of line' : `\`${found[2]}\``}, expected ${(found[1] ?? '').split('\n')[0]?.replace(/:$/, '')}`
			: character
				? `Unexpected character \`${character[1]}\`, expected valid ${type} syntax`
				: `Unexpected ${detail.replace(/\.$/, '')}, expected valid ${type} syntax`;
		return { ruleId: 'mermaid-syntax', line: mapParsedLine(source, Number(langium[2])), column: Number(langium[3]), message: text };
	}
	const yaml = /^([^\n]*?) \((\d+):(\d+)\)/.exec(message);
	if (error.name?.startsWith('YAMLException') && yaml) {
		return { ruleId: 'mermaid-syntax', line: Number(yaml[2]) + 1, column: Number(yaml[3]), message: `Unexpected invalid YAML in the diagram's front matter (${yaml[1]}), expected a YAML mapping between \`---\` lines` };
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
	return { ruleId: 'mermaid-render', line: index >= 0 ? index + 1 : diagramHeader(source).line, column: index >= 0 ? (lines[index]?.indexOf(value ?? '') ?? 0) + 1 : 1, message: text };
}
