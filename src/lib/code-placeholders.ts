/**
 * The placeholders of one code block with the place each stands in: what the site marks at build
 * time (`src/markdown/placeholder-decorations.ts`) so the page can fill them from an alert's labels.
 */
import { blockKind, type FillContext } from './fill-value.ts';
import { findPlaceholders, readsAnglePlaceholders, type Placeholder } from './label-template.ts';
import { shellContexts } from './shell-context.ts';

export interface CodePlaceholder extends Placeholder {
	context: FillContext;
}

/** A session's command lines: after a `$ ` or `% ` prompt, and the lines a trailing `\` continues. */
function sessionCommands(code: string): Array<{ start: number; end: number }> {
	const commands: Array<{ start: number; end: number }> = [];
	let continued = false;
	let at = 0;
	for (const line of code.split('\n')) {
		const prompt = /^\s*[$%] /.exec(line);
		if (continued || prompt) {
			const start = at + (continued ? 0 : prompt![0].length);
			const last = commands.at(-1);
			if (continued && last) last.end = at + line.length;
			else commands.push({ start, end: at + line.length });
		}
		continued = (continued || prompt !== null) && line.endsWith('\\');
		at += line.length + 1;
	}
	return commands;
}

/** Every placeholder of a code block in `language` (Shiki's id, `plaintext` without one), with its context. */
export function codePlaceholders(code: string, language: string): CodePlaceholder[] {
	const found = findPlaceholders(code, { angle: readsAnglePlaceholders(language) });
	if (found.length === 0) return [];
	const kind = blockKind(language);
	if (kind === 'code') return found.map((p) => ({ ...p, context: 'code' }));
	if (kind === 'shell') {
		const contexts = shellContexts(code, found);
		return found.map((p, i) => ({ ...p, context: contexts[i] ?? 'none' }));
	}
	const placed: CodePlaceholder[] = found.map((p) => ({ ...p, context: 'code' }));
	for (const command of sessionCommands(code)) {
		const inside = placed.filter((p) => p.start >= command.start && p.end <= command.end);
		const contexts = shellContexts(
			code.slice(command.start, command.end),
			inside.map((p) => ({ start: p.start - command.start, end: p.end - command.start })),
		);
		inside.forEach((p, i) => (p.context = contexts[i] ?? 'none'));
	}
	return placed;
}
