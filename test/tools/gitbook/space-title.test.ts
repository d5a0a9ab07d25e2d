import { describe, expect, test } from 'vitest';
import { gitbookSpaceTitle } from '../../../tools/gitbook/space-title.ts';

// The headings GitBook writes atop a synced SUMMARY.md, in the cases teams leave them in.
const gitbookHeadings = [
	'Table of contents',
	'Table of Contents',
	'TABLE OF CONTENTS',
	'Contents',
	'Summary',
];
const readme = '# Platform runbooks\n\nWelcome.\n';

describe("a GitBook space's title", () => {
	test.each(gitbookHeadings)(
		'a summary headed "%s" names nothing: the first page names the space',
		(heading) => {
			expect(gitbookSpaceTitle(`# ${heading}\n\n* [Welcome](README.md)\n`, readme)).toBe(
				'Platform runbooks',
			);
		},
	);

	test("a summary's own title names the space before the first page does", () => {
		expect(gitbookSpaceTitle('# Payments on call\n\n* [Welcome](README.md)\n', readme)).toBe(
			'Payments on call',
		);
	});

	// Each way of writing the same heading, around the same title.
	const written = [
		'# Ops handbook',
		'#   Ops handbook   ',
		'   # Ops handbook',
		'# Ops handbook ##',
		'# **Ops handbook**',
		'# Ops handbook\r',
		'---\ndescription: x\n---\n# Ops handbook',
		'Intro line\n\n## Not this\n# Ops handbook',
		'```\n# not a heading\n```\n# Ops handbook',
		'~~~md\n# not a heading\n~~~\n# Ops handbook',
	];
	test.each(written)("reads the first page's heading %j", (text) => {
		expect(gitbookSpaceTitle(undefined, `${text}\n\nBody.\n`)).toBe('Ops handbook');
	});

	test('an underscore in a name stays', () => {
		expect(gitbookSpaceTitle(undefined, '# kube_state runbooks\n')).toBe('kube_state runbooks');
	});

	test.each([
		['no summary and no first page', undefined, undefined],
		[
			'a first page without a level-1 heading',
			'# Table of contents\n',
			'## Only a section\n\nText.\n',
		],
		['an empty heading', undefined, '#\n# \n'],
		['a heading only inside code', undefined, '```\n# shell comment\n```\n'],
	])('%s gives none', (_case, summary, first) => {
		expect(gitbookSpaceTitle(summary, first)).toBeUndefined();
	});
});
