import alertPlaceholders from './alert-placeholders.ts';
import alertRunbooks from './alert-runbooks.ts';
import breadcrumbTrail from './breadcrumb-trail.ts';
import citedChanges from './cited-changes.ts';
import codeFences from './code-fences.ts';
import type { Rule } from './define-rule.ts';
import dialectSyntax from './dialect-syntax.ts';
import fenceLanguages from './fence-languages.ts';
import frontmatter from './frontmatter.ts';
import headerBlock from './header-block.ts';
import internalLinks from './internal-links.ts';
import markdownLint from './markdown-lint.ts';
import mdxReferences from './mdx-references.ts';
import mermaidRender from './mermaid-render.ts';
import mermaidSyntax from './mermaid-syntax.ts';
import orphanPages from './orphan-pages.ts';
import probeDeclarations from './probe-declarations.ts';
import readableFiles from './readable-files.ts';
import relations from './relations.ts';
import reviewDue from './review-due.ts';
import untrustedContent from './untrusted-content.ts';

/** Every deterministic rule, by id (= file name). Network checks plug into the engine instead. */
export const rules = {
	'readable-files': readableFiles,
	frontmatter,
	'header-block': headerBlock,
	'internal-links': internalLinks,
	relations,
	'breadcrumb-trail': breadcrumbTrail,
	'orphan-pages': orphanPages,
	'code-fences': codeFences,
	'fence-languages': fenceLanguages,
	'dialect-syntax': dialectSyntax,
	'markdown-lint': markdownLint,
	'mdx-references': mdxReferences,
	'mermaid-syntax': mermaidSyntax,
	'mermaid-render': mermaidRender,
	'probe-declarations': probeDeclarations,
	'alert-runbooks': alertRunbooks,
	'alert-placeholders': alertPlaceholders,
	'review-due': reviewDue,
	'cited-changes': citedChanges,
	'untrusted-content': untrustedContent,
} satisfies Record<string, Rule>;

export type RuleId = keyof typeof rules;
