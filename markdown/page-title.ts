/**
 * Page titles, one way everywhere (checks, navigation, breadcrumbs, `<title>`): frontmatter
 * `title`, else the first H1 wherever it stands, else the file name written as words (the folder's
 * name for a README or index page), never "README" or a raw file name.
 */
import type { Heading, Root } from 'mdast';
import { headingText, splitExplicitId } from './anchors.ts';
import { dirnameOf, isFolderPage } from './routes.ts';

/** How the tree's tool names pages: which file is its folder's page, and a name as it shows it (Docusaurus: without its number prefix). */
export interface PageNaming {
	isFolderPage(path: string): boolean;
	shownName(name: string): string;
}

const forgeNaming: PageNaming = {
	isFolderPage: (path) => isFolderPage(path),
	shownName: (name) => name,
};

/** The page's title heading: its first top-level H1, wherever it stands. */
export function firstH1(tree: Root): Heading | undefined {
	return tree.children.find((node): node is Heading => node.type === 'heading' && node.depth === 1);
}

/** A heading's text as a title: what a reader sees (inline HTML tags left out), without a trailing `{#custom-id}` (`withoutId`: the tool's own way of setting one, such as MkDocs' attribute list). */
export function headingTitle(
	heading: Heading,
	withoutId: (text: string) => string = (text) => splitExplicitId(text).text,
): string {
	return withoutId(headingText(heading)).trim();
}

/**
 * `google-cloud-storage.md` → "Google Cloud Storage"; `erp/README.md` (Hugo: `erp/_index.md`) →
 * "ERP"; as the tool shows names (Docusaurus: `01-drain.md` → "Drain"); the root page → undefined.
 */
export function titleFromPath(path: string, naming: PageNaming = forgeNaming): string | undefined {
	const written = naming.isFolderPage(path)
		? (dirnameOf(path).split('/').pop() ?? '')
		: (path.split('/').pop() ?? path).replace(/(?:\.html)?\.mdx?$/i, '');
	const name = naming.shownName(written);
	return name === '' ? undefined : nameAsWords(name);
}

// Words written in capitals however the file is named; `k8s` and `s3` keep their usual case.
const acronyms = new Set(
	'acl api aws cd ci cli cpu crm csv db dns ec2 eks erp faq gcp gcs gke gpu ha http https iam id io ip json jvm kms lb ldap mfa nat nfs ntp oom os pdf pr qa ram rds rpc saml sdk sla sli slo smtp sql ssh ssl sso tcp tls ttl ui uri url vm vpc vpn waf xml yaml'.split(
		' ',
	),
);
const keepCase: Record<string, string> = { k8s: 'K8s', s3: 'S3' };
const smallWords = new Set(
	'a an and as at but by for from in into of on or the to vs via with'.split(' '),
);

/**
 * A file or folder name as title-case words: `-` and `_` become spaces, known acronyms are
 * capitalised (`crm-api` → "CRM API"), small words stay lower case after the first, and a word
 * already written with capitals (`ERPNext`, `CRMApiDown`) is kept as written.
 */
export function nameAsWords(name: string): string {
	const words = name.split(/[-_\s]+/).filter(Boolean);
	if (words.length === 0) return name;
	return words
		.map((word, i) => {
			if (/[A-Z]/.test(word)) return word;
			if (acronyms.has(word)) return word.toUpperCase();
			if (keepCase[word]) return keepCase[word];
			if (i > 0 && smallWords.has(word)) return word;
			return word.charAt(0).toUpperCase() + word.slice(1);
		})
		.join(' ');
}
