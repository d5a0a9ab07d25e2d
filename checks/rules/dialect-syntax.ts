import { defineRule } from './define-rule.ts';

export default defineRule({
	id: 'dialect-syntax',
	description:
		'Syntax of the tree\'s dialect (Hugo, MkDocs, Docusaurus, GitLab) that Waymark cannot render as that tool does: an admonition never closed (an error: it swallows the rest of the page), a Hugo shortcode other than `ref`, `relref`, `param`, `figure` and the callout and disclosure wrappers (a warning: a notice or its content is shown instead), a `param` the site config does not define, a `slug` that collides.',
	defaultSeverity: 'error',
	examples: {
		ok: [
			{
				title: 'Hugo: `ref`, `relref`, callout wrappers and `figure`',
				files: {
					'_index.md': '---\ntitle: Home\n---\n\nSee [the API]({{< ref "api.md" >}}) and [its checks]({{< relref "/api#checks" >}}).\n\n{{< hint warning >}}\nMind the migration.\n{{< /hint >}}\n\n{{< figure src="map.png" alt="Map" >}}\n',
					'api.md': '# API\n\n## Checks\n',
					'map.png': 'png',
				},
			},
			{ title: 'Docusaurus: closed admonitions, titled both ways', files: { 'intro.md': '# Intro\n\n:::warning Check the scheduler\nBody.\n:::\n\n:::tip[Faster]\nBody.\n:::\n' } },
		],
		notOk: [
			{
				title: 'Hugo: a theme shortcode and an undefined `param`',
				files: { '_index.md': '---\ntitle: Home\n---\n\n{{< youtube abc123 >}}\n\nAsk in {{< param OnCall >}}.\n' },
				output: [
					'_index.md:5:1: Unexpected Hugo shortcode `youtube`, expected Markdown: Waymark cannot render it and shows a notice in its place (dialect-syntax)',
					'_index.md:7:8: Unexpected Hugo shortcode `param OnCall`, expected `OnCall` in the `params` of the site\'s Hugo config; the value is left out of the page (dialect-syntax)',
				],
			},
			{
				title: 'Docusaurus: an admonition never closed',
				files: { 'intro.md': '# Intro\n\n:::note\nBrowser traffic goes through the ingress.\n\nBack to [the start](#intro).\n' },
				output: ['intro.md:3:1: Unexpected `:::note` never closed, expected a `:::` line after its content: the rest of the page (lines 4-6) is inside it (dialect-syntax)'],
			},
		],
	},
	check(ctx) {
		for (const path of ctx.targets) {
			const page = ctx.tree.pages.get(path);
			for (const note of page?.dialectNotes ?? []) {
				ctx.report({ file: path, position: { line: note.line, column: note.column }, message: note.message, ...(note.severity === 'warning' && { severity: 'warning' }) });
			}
		}
	},
});
