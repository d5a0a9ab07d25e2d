import { docsPage } from './docs-path.ts';

/**
 * The catalog of user-facing errors. Names are permanent; messages say what happened, hints say
 * what to do. Inside Astro an entry becomes `new AstroError(message, hint)`; the CLI prints
 * `message` then `hint` and exits with 2.
 */
export interface ErrorData {
	name: string;
	title: string;
	message: string | ((...args: never[]) => string);
	hint?: string | ((...args: never[]) => string);
}

/** A catalog error raised with its arguments formatted; `WaymarkError` is what front ends catch. */
export class WaymarkError extends Error {
	readonly hint: string | undefined;
	readonly title: string;
	constructor(data: { name: string; title: string; message: string; hint?: string | undefined }) {
		super(data.message);
		this.name = data.name;
		this.title = data.title;
		this.hint = data.hint;
	}
}

export const ConfigInvalid = {
	name: 'ConfigInvalid',
	title: 'Invalid Waymark configuration.',
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the hint's: `raise` takes its arguments by the message's
	message: (source: string, issues: string[], _cwd?: string) =>
		`${source} has ${issues.length === 1 ? 'an invalid key' : `${issues.length} invalid keys`}:\n${issues.map((i) => `  ! ${i}`).join('\n')}`,
	hint: (_source: string, _issues: string[], cwd?: string) =>
		`Fix each key listed above. Every key, its type and its default are in the configuration reference: ${docsPage('configuration.md', cwd)}.`,
} satisfies ErrorData;

export const ConfigUnreadable = {
	name: 'ConfigUnreadable',
	title: 'Configuration file cannot be read.',
	message: (file: string, reason: string) => `Cannot read ${file}: ${reason}.`,
	hint: 'Check that the file exists and is valid YAML or JSON, or pass another file with `--config`.',
} satisfies ErrorData;

export const ConfigSyntaxInvalid = {
	name: 'ConfigSyntaxInvalid',
	title: 'Configuration file is not valid YAML or JSON.',
	message: (file: string, line: number, column: number, reason: string, excerpt: string) =>
		`${file}:${line}:${column}: ${reason}\n${excerpt}`,
	hint: 'Fix the file at that line: indent nested keys with spaces under their parent, close every quote and bracket, and write one `key: value` per line. A JSON file needs double-quoted keys and no trailing commas.',
} satisfies ErrorData;

export const RootNotFound = {
	name: 'RootNotFound',
	title: 'Guidebook root not found.',
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the hint's: `raise` takes its arguments by the message's
	message: (root: string, _nearby?: string) =>
		`The guidebook root \`${root}\` does not exist or is not a folder.`,
	hint: (_root: string, nearby?: string) =>
		`${nearby ? `${nearby} ` : ''}Pass the folder that holds your Markdown with \`--root DIR\`, set \`WAYMARK_ROOT\`, or set \`root\` in waymark.config.yaml.`,
} satisfies ErrorData;

/** Builds a throwable error from a catalog entry and the arguments of its message and hint. */
export function raise<E extends ErrorData>(
	entry: E,
	...args: E['message'] extends (...a: infer A) => string ? A : []
): WaymarkError {
	const message =
		typeof entry.message === 'function'
			? (entry.message as (...a: unknown[]) => string)(...args)
			: entry.message;
	const hint =
		typeof entry.hint === 'function'
			? (entry.hint as (...a: unknown[]) => string)(...args)
			: entry.hint;
	return new WaymarkError({ name: entry.name, title: entry.title, message, hint });
}

export const ChangedSinceFailed = {
	name: 'ChangedSinceFailed',
	title: 'Cannot list the pages changed since a git ref.',
	message: (ref: string, reason: string) =>
		`\`--changed-since ${ref}\` needs git, and git said: ${reason}`,
	hint: 'Run inside a git checkout and pass a ref that exists, e.g. `--changed-since origin/main` (in CI, fetch it first: `git fetch origin main`).',
} satisfies ErrorData;

export const GitUnavailable = {
	name: 'GitUnavailable',
	title: 'Git is not available.',
	message: (reason: string) => `Cannot run \`git\`: ${reason}.`,
	hint: 'Install git and make sure it is on PATH: `--changed-since`, `--base`, `waymark preview` and page dates read the git history.',
} satisfies ErrorData;

export const NotAGitRepository = {
	name: 'NotAGitRepository',
	title: 'Not in a git repository.',
	message: (folder: string) =>
		`\`${folder}\` is not inside a git repository, so there is no git history to compare with.`,
	hint: 'Run the command inside a clone of your guidebooks repository, or leave out `--changed-since` and `--base`. In CI, check out the repository with its history first (e.g. `actions/checkout` with `fetch-depth: 0`).',
} satisfies ErrorData;

export const GitRefInvalid = {
	name: 'GitRefInvalid',
	title: 'Not a git ref.',
	message: (ref: string) =>
		`\`${ref}\` is not a branch, tag or commit name: a ref cannot start with \`-\` or hold spaces or control characters.`,
	hint: 'Pass a branch, tag or commit, e.g. `--changed-since origin/main` or `--base HEAD~1`.',
} satisfies ErrorData;

export const GitRefUnknown = {
	name: 'GitRefUnknown',
	title: 'Unknown git ref.',
	message: (ref: string) =>
		`The base \`${ref}\` is not a branch, tag or commit of this repository.`,
	hint: 'Pass an existing ref with `--base` (e.g. `--base origin/main`). In CI, fetch the base branch first: `git fetch origin main`, or check out with `fetch-depth: 0`.',
} satisfies ErrorData;

export const NoDefaultBase = {
	name: 'NoDefaultBase',
	title: 'No base to compare with.',
	message: (tried: string[]) =>
		`None of ${tried.map((r) => `\`${r}\``).join(', ')} exists in this repository.`,
	hint: 'Pass the ref to compare with explicitly, e.g. `--base HEAD~1` or `--base v1.2.0`.',
} satisfies ErrorData;

export const SiteNotBuilt = {
	name: 'SiteNotBuilt',
	title: 'No built site to serve.',
	message: (dir: string) => `\`${dir}\` holds no built site (no index.html).`,
	hint: 'Run `waymark build` first, or pass the folder it wrote with `--dir`.',
} satisfies ErrorData;

export const PortInvalid = {
	name: 'PortInvalid',
	title: 'Invalid port.',
	message: (port: string) =>
		`Unexpected port \`${port}\`, expected a whole number from 0 to 65535.`,
	hint: 'Pass e.g. `--port 4321`, or `--port 0` to pick a free port.',
} satisfies ErrorData;

export const PortInUse = {
	name: 'PortInUse',
	title: 'Port in use.',
	message: (host: string, port: number) =>
		`Port ${port} on ${host} is already in use by another program.`,
	hint: (_host: string, port: number) =>
		`Stop the program that holds port ${port}, or pass another port, e.g. \`--port ${port + 1}\` (\`--port 0\` picks a free one).`,
} satisfies ErrorData;

export const BasePathInvalid = {
	name: 'BasePathInvalid',
	title: 'Invalid base path.',
	message: (path: string) =>
		`Unexpected base path \`${path}\`, expected a URL path starting with \`/\`, such as \`/runbooks/\`.`,
	hint: 'Pass the path the site is published under, the same as `site.base` in waymark.config.yaml, e.g. `--base-path /runbooks/`.',
} satisfies ErrorData;

export const BaseFlagRenamed = {
	name: 'BaseFlagRenamed',
	title: '`serve --base` is renamed.',
	message: (path: string) =>
		`\`waymark serve --base ${path}\` is deprecated: \`--base\` names a git ref in \`waymark build\` and \`waymark preview\`, so the URL path is \`--base-path\`.`,
	hint: (path: string) => `Write \`--base-path ${path}\`; the old spelling still works for now.`,
} satisfies ErrorData;

export const FlagWithoutDependency = {
	name: 'FlagWithoutDependency',
	title: 'A flag that needs another flag.',
	message: (flag: string, needs: string) => `\`${flag}\` has no effect without \`${needs}\`.`,
	hint: (flag: string, needs: string) => `Add \`${needs}\`, or leave out \`${flag}\`.`,
} satisfies ErrorData;

export const OutputUnwritable = {
	name: 'OutputUnwritable',
	title: 'Cannot write the report.',
	message: (file: string, reason: string, found: string) =>
		`Cannot write the report to \`${file}\`: ${reason}. The checks found ${found}.`,
	hint: 'Pass a path in a folder that exists and that you may write to, e.g. `--output waymark-report.json`, or leave out `--output` to print the report.',
} satisfies ErrorData;

export const ProbeManifestUntrusted = {
	name: 'ProbeManifestUntrusted',
	title: 'The built site is a branch under review: its probes are not run.',
	message: (file: string) =>
		`Live status is off: \`${file}\` was written by an untrusted build (a branch under review, \`waymark preview\` or \`build --base\`), whose probes name hosts and headers of the branch's choosing.`,
	hint: 'Serve a site built trusted (`waymark build`, or `--trusted` for a branch you have reviewed) to see live status.',
} satisfies ErrorData;

export const ProbeManifestMissing = {
	name: 'ProbeManifestMissing',
	title: 'The built site has no probe manifest.',
	message: (file: string) =>
		`Live status is off: the build has no probes file (\`${file}\` does not exist).`,
	hint: 'Rebuild the site with `waymark build`; every build writes this file.',
} satisfies ErrorData;

export const ProbeManifestInvalid = {
	name: 'ProbeManifestInvalid',
	title: 'The probe manifest cannot be used.',
	message: (file: string, reason: string, effect = 'live status is off') =>
		`\`${file}\` ${reason}; ${effect}.`,
	hint: 'Rebuild the site with `waymark build`, which rewrites this file; do not edit it by hand.',
} satisfies ErrorData;

/** Why the probe history database cannot be used, for `HistoryUnavailable`. */
export type HistoryFault = 'locked' | 'corrupt' | 'read-only' | 'full' | 'other';

const historyFaults: Record<HistoryFault, { what: string; fix: string }> = {
	locked: {
		what: 'is locked by another process',
		fix: 'Stop the process that holds it (a backup, a `sqlite3` shell, another `waymark serve` in this folder), or set `status.database` to another file',
	},
	corrupt: {
		what: 'is not a usable SQLite database',
		fix: 'Move the file aside (Waymark starts a new one) or set `status.database` to another file',
	},
	'read-only': {
		what: 'cannot be written',
		fix: 'Make the file and its folder writable by the user that runs `waymark serve`, or set `status.database` to a writable path',
	},
	full: {
		what: 'cannot grow: the disk is full',
		fix: 'Free space on that disk, or set `status.database` to a file on another disk',
	},
	other: {
		what: 'cannot be used',
		fix: 'Check the file, or set `status.database` to another file',
	},
};

export const HistoryUnavailable = {
	name: 'HistoryUnavailable',
	title: 'Probe history cannot be stored.',
	message: (file: string, fault: HistoryFault, detail: string) =>
		`Probe history is off: \`${file}\` ${historyFaults[fault].what} (${detail}). Live status keeps running, with this session's results in memory only.`,
	hint: (_file: string, fault: HistoryFault) =>
		`${historyFaults[fault].fix}, then restart \`waymark serve\`.`,
} satisfies ErrorData;

export const ChecksFailed = {
	name: 'ChecksFailed',
	title: 'Guidebook checks failed.',
	message: (findings: string[]) =>
		`Waymark found ${findings.length === 1 ? 'an error' : `${findings.length} errors`} in the guidebooks:\n${findings.map((f) => `  ! ${f}`).join('\n')}`,
	hint: 'Fix each finding at the file:line:column shown; each message says what was found and what was expected. Run `waymark check` for the full report, warnings included, and see the rules page of the "Writing guidebooks" guide.',
} satisfies ErrorData;

export const BaselineInvalid = {
	name: 'BaselineInvalid',
	title: 'The baseline of known findings cannot be read.',
	message: (file: string, problem: string) =>
		`${file} ${problem}, so the check cannot tell known findings from new ones.`,
	hint: 'Write it again with `npx waymark baseline` (a merge conflict left in it?), or check without it: `waymark check --no-baseline`.',
} satisfies ErrorData;

export const BaselineMissing = {
	name: 'BaselineMissing',
	title: 'No baseline to prune.',
	message: (file: string) => `There is no ${file} to prune.`,
	hint: 'Run `npx waymark baseline` (without `--prune`) to record the findings the tree has today, or name the file with `--baseline FILE`.',
} satisfies ErrorData;

/** `waymark build --strict` after printing the report: the findings are above, not repeated here. */
export const StrictBuildStopped = {
	name: 'StrictBuildStopped',
	title: 'Strict build stopped on error findings.',
	message: (errors: number) =>
		`The build stopped on ${errors === 1 ? 'the error' : `the ${errors} errors`} reported above (\`--strict\` or \`build.strict\`); nothing was written.`,
	hint: 'Fix each finding at the file:line:column shown; each message says what was found and what was expected. Without `--strict` and `build.strict`, the site is built with the findings shown on their pages.',
} satisfies ErrorData;

export const PreviewUrlInvalid = {
	name: 'PreviewUrlInvalid',
	title: 'Invalid preview URL.',
	message: (url: string) => `\`--preview-url ${url}\` is not an absolute http(s) URL.`,
	hint: 'Pass the address the preview build is published at, e.g. `--preview-url https://preview.example.com/pr-42/`.',
} satisfies ErrorData;

export const ChromiumUnavailable = {
	name: 'ChromiumUnavailable',
	title: 'No browser to draw diagrams.',
	message: (path: string, reason: string) =>
		`Diagrams: cannot use Chromium at ${path}: ${reason}. Diagrams will be drawn in readers' browsers instead (pages with diagrams load mermaid).`,
	hint: 'Install it (`apt-get install chromium`) or point `WAYMARK_CHROMIUM` or `diagrams.chromium` in waymark.config.yaml at a Chromium executable.',
} satisfies ErrorData;

export const MdxUnbundled = {
	name: 'MdxUnbundled',
	title: 'MDX pages rendered as Markdown: a package.json above them is not JSON.',
	message: (file: string, line: number, column: number, reason: string) =>
		`${file}:${line}:${column}: Unexpected text in package.json (${reason}), expected JSON: the bundler reads it for the tree's MDX pages and would fail on it, so they are rendered as Markdown (their components shown as notices).`,
	hint: 'Fix the file (a merge left unresolved?); the next build compiles the MDX pages again.',
} satisfies ErrorData;

export const DiagramBrowserStopped = {
	name: 'DiagramBrowserStopped',
	title: 'The diagram browser stopped during the build.',
	message: (reason: string) =>
		`Diagrams: Chromium stopped while the site was built (${reason}); pages built after that show their diagrams' source instead of the drawing.`,
	hint: 'Build again: the next build draws them. If it happens again, run with `DEBUG=waymark` and report the output to the Waymark maintainers.',
} satisfies ErrorData;

export const ShallowHistory = {
	name: 'ShallowHistory',
	title: 'Page dates left out: the clone holds only part of the history.',
	message: (pages: number, since: string) =>
		`${pages === 1 ? '1 page shows' : `${pages} pages show`} no "Last updated" date: the repository is a shallow clone whose history stops at ${since}, so when ${pages === 1 ? 'that page' : 'those pages'} last changed is not in it (the oldest commit lists every file as new).`,
	hint: 'Fetch the whole history before building: `fetch-depth: 0` in `actions/checkout`, `GIT_DEPTH: 0` in GitLab CI, or `git fetch --unshallow` by hand.',
} satisfies ErrorData;

export const NetworkLost = {
	name: 'NetworkLost',
	title: 'External links left unchecked: no network.',
	message: (urls: number, failedHosts: number, hosts: number, reasons: string[]) =>
		`No network: ${urls === 1 ? '1 external link was' : `${urls} external links were`} not checked, since ${failedHosts === hosts ? `every one of the ${hosts} hosts asked` : `${failedHosts} of the ${hosts} hosts asked`} failed to resolve or to accept a connection (${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? '; …' : ''}). They are not reported as dead, nothing about them is cached, and they do not fail the run.`,
	hint: "Run `waymark check --external` again where the machine reaches the web (in CI, a runner with outbound access). When only the system's resolver fails, `network.dnsServers` (or `WAYMARK_DNS_SERVERS`) names DNS servers to ask instead.",
} satisfies ErrorData;

export const SearchIndexMissing = {
	name: 'SearchIndexMissing',
	title: 'The site was published without a search index.',
	// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the hint's: `raise` takes its arguments by the message's
	message: (why: string, _fix: string) =>
		`Search is off in this build: ${why}. Every page is published, and the search box tells readers this build has no index.`,
	hint: (_why: string, fix: string) => fix,
} satisfies ErrorData;

export const MermaidPatchMissing = {
	name: 'MermaidPatchMissing',
	title: "A change to mermaid's bundle did not apply.",
	message: (problem: string) => `Diagrams: ${problem}.`,
	hint: 'Waymark pins mermaid to the version its changes were written for: `npm ci` (or reinstalling Waymark) installs it. If that version is installed, report this line to the Waymark maintainers.',
} satisfies ErrorData;

export const SiteDirNotFound = {
	name: 'SiteDirNotFound',
	title: 'Built site not found.',
	message: (dir: string) => `\`--site ${dir}\` has no index.html; there is no built site to crawl.`,
	hint: 'Build the site first (`npx waymark build --out dist`), then pass that folder: `npx waymark check --site dist`.',
} satisfies ErrorData;

export const AlertsManifestInvalid = {
	name: 'AlertsManifestInvalid',
	title: 'The alerts manifest cannot be used.',
	message: (file: string, reason: string) =>
		`\`${file}\` ${reason}; firing alerts are shown on the home and status pages but not on their runbook pages.`,
	hint: 'Rebuild the site with `waymark build`, which writes this file; do not edit it by hand.',
} satisfies ErrorData;

export const ConfigPathOutside = {
	name: 'ConfigPathOutside',
	title: 'An untrusted tree leads a path outside its folder.',
	message: (key: string, path: string, base: string) =>
		`\`${key}\` defaults to \`${path}\`, which a symbolic link in the project leads outside \`${base}\`; an untrusted tree may not read or write there.`,
	hint: 'Remove the symbolic link from the branch, or pass the path with a flag (`--root`, `--out`). For a tree you trust (your main branch), pass `--trusted`.',
} satisfies ErrorData;

export const StateDirUnderReview = {
	name: 'StateDirUnderReview',
	title: 'The state folder of an untrusted run is inside the tree under review.',
	message: (stateDir: string, top: string) =>
		`\`--state-dir\` is \`${stateDir}\`, inside \`${top}\`, the tree under review: a branch can put files of its own there (committed files, a submodule, a symbolic link), and an untrusted run reads nothing the branch could have written as its own results.`,
	hint: 'Pass a `--state-dir` outside the repository (in CI, e.g. `$RUNNER_TEMP/waymark-state`), or none: an untrusted run then keeps its state in your temporary folder. For a tree you trust (your main branch), pass `--trusted`.',
} satisfies ErrorData;

export const WriteThroughLink = {
	name: 'WriteThroughLink',
	title: 'A write would leave its folder through a symbolic link.',
	message: (path: string, lands: string, boundary: string) =>
		`Waymark does not write \`${path}\`: a symbolic link on the way leads it to \`${lands}\`, outside \`${boundary}\`.`,
	hint: 'Replace the symbolic link with a real file or folder, or remove it. To write elsewhere on purpose, name the place itself (`--out DIR`, `--state-dir DIR`), not a link to it.',
} satisfies ErrorData;

export const TrustFlagsConflict = {
	name: 'TrustFlagsConflict',
	title: 'Both --trusted and --untrusted.',
	message: '`--trusted` and `--untrusted` were both given.',
	hint: 'Pass `--untrusted` for a branch under review and `--trusted` for your own branch, not both.',
} satisfies ErrorData;

export const ProbesUntrusted = {
	name: 'ProbesUntrusted',
	title: 'Probes do not run for an untrusted tree.',
	message: (what: string) =>
		`${what} runs the probes the pages declare, and this tree is untrusted (a branch under review), so no probe runs.`,
	hint: 'Drop the flag, or pass `--trusted` for a tree you trust (your main branch). Probes of a pull request run after it is merged.',
} satisfies ErrorData;

export const NoBuiltSite = {
	name: 'NoBuiltSite',
	title: 'No built site to export.',
	message: (dir: string) => `${dir} holds no built site (no index.html).`,
	hint: 'Run `waymark build` first (with the same `--root` and `--config`), or pass the built folder with `--dir DIR`.',
} satisfies ErrorData;

export const OutDirHoldsTree = {
	name: 'OutDirHoldsTree',
	title: 'The output folder holds the guidebooks.',
	message: (outDir: string, root: string) =>
		`\`--out ${outDir}\` is or contains the guidebook root \`${root}\`; building there would delete the sources.`,
	hint: 'Pass an output folder of its own, e.g. `--out dist` (`waymark build` replaces the whole folder).',
} satisfies ErrorData;

export const OutDirNotOurs = {
	name: 'OutDirNotOurs',
	title: 'The output folder holds files Waymark did not write.',
	message: (outDir: string, examples: string[]) =>
		`\`--out ${outDir}\` holds files Waymark did not write (${examples.map((e) => `\`${e}\``).join(', ')}…); \`waymark build\` replaces the whole folder, so it stops instead.`,
	hint: 'Pass an empty or new folder, e.g. `--out dist`. If the folder is an old build, delete it once; every build marks its folder with `.waymark-output` and replaces only such folders.',
} satisfies ErrorData;

export const RunStalled = {
	name: 'RunStalled',
	title: 'Waymark stopped making progress.',
	message: (seconds: number, waitingOn: string, last?: string) =>
		`Waymark made no progress for ${seconds} s while ${waitingOn}${last ? ` (last done: ${last})` : ''}, and stopped.`,
	hint: 'This is a problem in Waymark or in a tool it runs (Chromium, the network), not in your pages. On a slow machine, raise `build.stallTimeoutSeconds` in waymark.config.yaml; otherwise run again with `DEBUG=waymark` and report the output to the Waymark maintainers.',
} satisfies ErrorData;

export const NoMarkdownFolder = {
	name: 'NoMarkdownFolder',
	title: 'No folder of Markdown found.',
	message: (looked: string) => `No Markdown found in any of ${looked}.`,
	hint: 'Name the folder that holds your .md files: `waymark init --root <folder>`. Starting from nothing? Write a first runbook to `guidebooks/README.md` and run `waymark init` again.',
} satisfies ErrorData;

export const RootHasNoPages = {
	name: 'RootHasNoPages',
	title: 'No Markdown pages in the guidebook root.',
	message: (root: string, found: string) =>
		found === ''
			? `The guidebook root \`${root}\` is empty.`
			: `No Markdown pages in \`${root}\`: found ${found}.`,
	hint: 'Waymark reads `.md`, `.mdx` and `.html.md` pages. Point `--root` at the folder with your .md files (or set `root` in waymark.config.yaml).',
} satisfies ErrorData;

export const InternalError = {
	name: 'InternalError',
	title: 'Internal error.',
	message: (reason: string, where?: string) =>
		`Internal error${where ? ` while ${where}` : ''}: ${reason.replace(/\.$/, '')}. This is a bug in Waymark, not in your pages: please report this line to the Waymark maintainers (\`DEBUG=waymark\` adds the stack trace).`,
} satisfies ErrorData;
