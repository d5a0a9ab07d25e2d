import type { LanguageRegistration } from 'shiki';

/**
 * PromQL as a TextMate grammar, for Shiki: runbooks quote Prometheus queries more than any other
 * language, and neither Shiki nor GitHub's Linguist has one. It colours what a reader scans for:
 * the metric, its label matchers, functions and aggregations, durations, numbers, strings, the
 * binary operators and their modifiers (`by`, `on`, `group_left`, `offset`, `@`), and comments.
 */
export const promqlGrammar: LanguageRegistration = {
	name: 'promql',
	displayName: 'PromQL',
	scopeName: 'source.promql',
	patterns: [{ include: '#expression' }],
	repository: {
		expression: {
			patterns: [
				{ include: '#comment' },
				{ include: '#string' },
				{ include: '#selector' },
				{ include: '#range' },
				{ include: '#duration' },
				{ include: '#number' },
				{ include: '#modifier' },
				{ include: '#function' },
				{ include: '#operator' },
				{ include: '#metric' },
			],
		},
		comment: { match: '#.*$', name: 'comment.line.number-sign.promql' },
		string: {
			patterns: [
				{
					begin: '"',
					end: '"',
					name: 'string.quoted.double.promql',
					patterns: [{ match: '\\\\.', name: 'constant.character.escape.promql' }],
				},
				{
					begin: "'",
					end: "'",
					name: 'string.quoted.single.promql',
					patterns: [{ match: '\\\\.', name: 'constant.character.escape.promql' }],
				},
				{ begin: '`', end: '`', name: 'string.quoted.other.raw.promql' },
			],
		},
		selector: {
			begin: '\\{',
			end: '\\}',
			beginCaptures: { 0: { name: 'punctuation.section.braces.begin.promql' } },
			endCaptures: { 0: { name: 'punctuation.section.braces.end.promql' } },
			patterns: [
				{ include: '#string' },
				{ match: '=~|!~|!=|=', name: 'keyword.operator.comparison.promql' },
				{ match: '[A-Za-z_][A-Za-z0-9_]*', name: 'entity.other.attribute-name.label.promql' },
				{ match: ',', name: 'punctuation.separator.comma.promql' },
			],
		},
		range: {
			begin: '\\[',
			end: '\\]',
			beginCaptures: { 0: { name: 'punctuation.section.brackets.begin.promql' } },
			endCaptures: { 0: { name: 'punctuation.section.brackets.end.promql' } },
			patterns: [
				{ include: '#duration' },
				{ include: '#number' },
				{ match: ':', name: 'punctuation.separator.subquery.promql' },
			],
		},
		duration: { match: '\\b(?:\\d+(?:ms|[smhdwy]))+\\b', name: 'constant.numeric.duration.promql' },
		number: {
			match:
				'(?<![\\w.])(?:0[xX][0-9a-fA-F]+|(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|Inf|NaN)\\b',
			name: 'constant.numeric.promql',
		},
		modifier: {
			match:
				'\\b(?:by|without|on|ignoring|group_left|group_right|offset|bool|and|or|unless|start|end)\\b(?!\\s*[=!~])',
			name: 'keyword.control.promql',
		},
		function: {
			match: '\\b[A-Za-z_][A-Za-z0-9_]*(?=\\s*\\()',
			name: 'entity.name.function.promql',
		},
		operator: {
			match: '\\^|\\*|/|%|\\+|-|==|!=|<=|>=|<|>|@|atan2',
			name: 'keyword.operator.promql',
		},
		metric: { match: '[A-Za-z_:][A-Za-z0-9_:]*', name: 'variable.other.metric.promql' },
	},
};
