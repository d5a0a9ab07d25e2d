import { sourceColumnOf, sourceLineOf } from '../../tools/syntax/line-origins.ts';
import type { SourceNote } from '../../tools/syntax/source-note.ts';
import { defineRule } from './define-rule.ts';

export default defineRule({
	id: 'dialect-syntax',
	description:
		"Syntax of the tree's dialect (Hugo, MkDocs, Docusaurus, GitLab) that Waymark cannot render as that tool does: an admonition never closed or a MkDocs template tag never closed (errors: the rest of the page is lost), a Hugo shortcode other than `ref`, `relref`, `param`, `figure` and the callout and disclosure wrappers, a `param` the site config does not define, a `slug` that collides; MkDocs macros Waymark does not evaluate (macro calls, `if` and `for`, variables `mkdocs.yml` does not define or takes from the environment), snippets and templates it cannot show (missing, outside the root, holding secrets), unknown icon and emoji shortcodes (warnings: a notice, or the text as written, is shown instead). On any tree, syntax of a tool Waymark does not read, or of another of the six (Liquid tags and variables, Jinja and Tera calls such as Zola's shortcodes, kramdown attribute lists, `::: name` containers, MyST targets and directives, components in a Markdown page) is shown as the site's callout or code where it has such a form, else as a notice where it stood with its content kept, and a warning at its line. Warnings of one kind on one page are one finding, at the first, with their count and where the others are.",
	defaultSeverity: 'error',
	examples: {
		ok: [
			{
				title: 'Hugo: `ref`, `relref`, callout wrappers and `figure`',
				files: {
					'_index.md':
						'---\ntitle: Home\n---\n\nSee [the API]({{< ref "api.md" >}}) and [its checks]({{< relref "/api#checks" >}}).\n\n{{< hint warning >}}\nMind the migration.\n{{< /hint >}}\n\n{{< figure src="map.png" alt="Map" >}}\n',
					'api.md': '# API\n\n## Checks\n',
					'map.png': 'png',
				},
			},
			{
				title: 'Docusaurus: closed admonitions, titled both ways',
				files: {
					'intro.md':
						'# Intro\n\n:::warning Check the scheduler\nBody.\n:::\n\n:::tip[Faster]\nBody.\n:::\n',
				},
			},
			{
				title: 'MkDocs Material: content tabs and a link to one, a variable from `extra:`, an icon',
				files: {
					'mkdocs.yml':
						'docs_dir: .\nextra:\n  team: Platform\nplugins:\n  - macros\nmarkdown_extensions:\n  - pymdownx.tabbed\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n',
					'index.md':
						'# Home\n\nOwned by {{ team }} :material-server:.\n\n=== "Linux"\n\n    Restart the agent.\n\n=== "macOS"\n\n    Restart the agent from the menu bar.\n\nOn a Mac, [use the menu](#__tabbed_1_2).\n',
				},
			},
			{
				title:
					"Another tool's callouts: a VitePress container, a GitBook hint and a MyST note, shown as the site's callouts",
				files: {
					'README.md':
						'# Upgrade\n\n::: warning Back up first\nStop the service.\n:::\n\n{% hint style="info" %}\nTakes a minute.\n{% endhint %}\n\n```{note}\nStop the hub before restoring.\n```\n',
				},
			},
		],
		notOk: [
			{
				title:
					"A page its attribute list and Liquid show to be Jekyll's: an include `_includes/` does not hold, and other tools' syntax (a MyST target, a Vue component)",
				files: {
					'README.md':
						'# Runbook\n{: .no_toc}\n\n![logo]({{ site.baseurl }}/logo.png)\n\n{% include footer.html %}\n\n(backup:restore)=\n\n<ZoomableImage src="logo.png" />\n',
					'logo.png': 'png',
				},
				output: [
					"README.md:6:1: Unexpected `{% include footer.html %}` in `README.md`, expected Markdown, or a file `_includes/footer.html` in the site's source folder for Jekyll to paste in; Waymark shows a notice in its place (dialect-syntax)",
					"README.md:8:1: Unexpected MyST target `(backup:restore)=`, expected Markdown: Jekyll makes no anchor of it, so `#backup:restore` reaches nothing; link to the heading's own id. Waymark shows a notice in its place (dialect-syntax)",
					"README.md:10:1: Unexpected component `<ZoomableImage>`, expected Markdown: Waymark cannot render the tool's components and shows its picture in its place (dialect-syntax)",
				],
			},
			{
				title: 'Hugo: a theme shortcode and an undefined `param`',
				files: {
					'_index.md':
						'---\ntitle: Home\n---\n\n{{< youtube abc123 >}}\n\nAsk in {{< param OnCall >}}.\n',
				},
				output: [
					'_index.md:5:1: Unexpected Hugo shortcode `youtube`, expected Markdown: Waymark cannot render it and shows a notice in its place (dialect-syntax)',
					"_index.md:7:8: Unexpected Hugo shortcode `param OnCall`, expected `OnCall` in the `params` of the site's Hugo config; the value is left out of the page (dialect-syntax)",
				],
			},
			{
				title: 'Docusaurus: an admonition never closed',
				files: {
					'intro.md':
						'# Intro\n\n:::note\nBrowser traffic goes through the ingress.\n\nBack to [the start](#intro).\n',
				},
				output: [
					'intro.md:3:1: Unexpected `:::note` never closed, expected a `:::` line after its content: the rest of the page (lines 4-6) is inside it (dialect-syntax)',
				],
			},
			{
				title: 'MkDocs: a macro call, a snippet that holds secrets, an unknown icon',
				files: {
					'mkdocs.yml':
						'docs_dir: .\nplugins:\n  - macros\nmarkdown_extensions:\n  - pymdownx.snippets\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n',
					'.env': 'DEPLOY_TOKEN=not-for-pages\n',
					'index.md':
						'# Home\n\nOpen {{ console_url("eu") }}.\n\n--8<-- ".env"\n\n:octicons-no-such-icon-16: Done.\n',
				},
				output: [
					'index.md:3:6: Unexpected MkDocs macro `{{ console_url("eu") }}`, expected a variable: Waymark never runs the site\'s macros and shows a notice in its place (dialect-syntax)',
					'index.md:5:1: Unexpected snippet `.env`: a file that holds environment variables (`.env`), which Waymark never shows; expected a file that holds no secret: MkDocs would publish it, so remove the reference or pull in a copy without the secret (dialect-syntax)',
					"index.md:7:1: Unexpected icon shortcode `:octicons-no-such-icon-16:`, expected an icon of Material for MkDocs' sets (`material-`, `fontawesome-brands-`, `fontawesome-regular-`, `fontawesome-solid-`, `octicons-`, `simple-`); it is shown as text (dialect-syntax)",
				],
			},
		],
	},
	check(ctx) {
		const config = ctx.tree.toolConfig;
		if (config && ctx.targets.has(config.file)) {
			for (const note of config.notes)
				ctx.report({
					file: config.file,
					position: { line: note.line, column: note.column },
					message: note.message,
					...(note.severity === 'warning' && { severity: 'warning' }),
				});
		}
		for (const path of ctx.targets) {
			const page = ctx.tree.pages.get(path);
			// The others of a group are named in the message, so their places are the file's here; the
			// engine moves only the finding's own position (a tool's includes and callouts move lines).
			const inFile = (note: SourceNote) => ({
				line: sourceLineOf(note.line, page?.sourceLines),
				column: sourceColumnOf(note, page?.sourceColumns),
			});
			for (const note of groupedNotes(page?.dialectNotes ?? [], inFile)) {
				ctx.report({
					file: path,
					position: { line: note.line, column: note.column },
					message: note.message,
					...(note.severity === 'warning' && { severity: 'warning' }),
					...(note.atInclude && { atInclude: true }),
				});
			}
		}
	},
});

/** How many other places a grouped warning lists by line and column before it only counts them. */
const listedPlaces = 8;

/**
 * A page's notes with its warnings grouped per kind: one warning at the first of a kind, with the
 * count and where the others are (a Jekyll page holds dozens of `{{ site.baseurl }}`, and a warning
 * each buried the page's errors). Errors stay one each: each loses part of the page.
 */
function groupedNotes(
	notes: readonly SourceNote[],
	inFile: (note: SourceNote) => { line: number; column: number },
): SourceNote[] {
	const groups = new Map<string, SourceNote[]>();
	const out: Array<SourceNote | SourceNote[]> = [];
	for (const note of notes) {
		const kind = note.severity === 'warning' ? kindOf(note.message) : undefined;
		if (kind === undefined) {
			out.push(note);
			continue;
		}
		const group = groups.get(kind);
		if (group) group.push(note);
		else {
			const started = [note];
			groups.set(kind, started);
			out.push(started);
		}
	}
	return out.map((entry) => (Array.isArray(entry) ? groupNote(entry, inFile) : entry));
}

/**
 * A warning's kind: its message with the construct it quotes first left out, when words name the
 * construct (`Unexpected template variable \`…\``). Two warnings of one kind say the same thing of
 * different constructs; one that says why in its own words (a file outside the repository) stays
 * on its own.
 */
function kindOf(message: string): string | undefined {
	if (!/^Unexpected [^`\s][^`]*`[^`]*`/.test(message)) return undefined;
	return message.replace(/`[^`]*`/, '``');
}

function groupNote(
	[first, ...others]: SourceNote[],
	inFile: (note: SourceNote) => { line: number; column: number },
): SourceNote {
	if (others.length === 0) return first!;
	const places = others.slice(0, listedPlaces).map((note) => {
		const at = inFile(note);
		return `${quoted(note.message)}${at.line}:${at.column}`;
	});
	const more = others.length > listedPlaces ? `, and ${others.length - listedPlaces} more` : '';
	return {
		...first!,
		message: `${first!.message} (${others.length + 1} of this kind on this page; also ${places.join(', ')}${more})`,
	};
}

/** The construct a message quotes, with a space after it, when it quotes one. */
function quoted(message: string): string {
	const code = /`([^`]*)`/.exec(message)?.[0];
	return code === undefined ? '' : `${code} at `;
}
