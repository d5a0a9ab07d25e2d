/**
 * The CI workflow `waymark init` writes: `check --untrusted` on every merge request (a branch under
 * review may not run code, read outside its tree, expand secrets or probe the network), the site
 * built, trusted, on the default branch. The check covers the whole tree, not only the pages the
 * branch changed: it needs no git history in the clone, and a page deleted or renamed breaks links
 * in pages the branch never touched.
 */
export interface CiWorkflow {
	forge: 'github' | 'gitlab';
	/** Path from the repository's top, the only place GitHub and GitLab read CI files from. */
	path: string;
	text: string;
	/** What the user still has to do for it to run, if anything. */
	note?: string;
}

/**
 * Where Waymark's project is: its state and output folders (from the project folder, as in the
 * config `init` writes) and `folder`, the project folder from the repository's top (`''` at the
 * top; else e.g. `website` for a docs site with its own package.json).
 */
export interface CiProject {
	stateDir: string;
	outDir: string;
	folder: string;
}

// Actions pinned by commit, as the recipes in guidebooks/ci-recipes.md are.
const checkout = 'actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0';
const setupNode = 'actions/setup-node@a0853c24544627f65ddf259abe73b1d18a591444 # v5.0.0';
const cache = 'actions/cache@5a3ec84eff668545956fd18022155c47e93e2684 # v4.2.3';
const uploadArtifact = 'actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2';

/** `path` from the repository's top. */
const fromTop = (project: CiProject, path: string): string => (project.folder ? `${project.folder}/${path}` : path);

/** A word for the shell: quoted unless it is plain. */
function shell(text: string): string {
	return /^[\w./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'"'"'`)}'`;
}

/** A string literal of GitHub's expressions: single-quoted, a quote doubled. */
function githubString(text: string): string {
	return `'${text.replaceAll("'", "''")}'`;
}

/** A YAML scalar: plain when it reads as plain text, else double-quoted (JSON's escapes are YAML's). */
function yaml(text: string): string {
	const plain = /^[\w./-][\w./ '-]*$/.test(text) && !text.endsWith(' ') && !/^(?:true|false|yes|no|on|off|null|[\d.+-]+)$/i.test(text);
	return plain ? text : JSON.stringify(text);
}

export function githubWorkflow(project: CiProject): CiWorkflow {
	// In a subfolder, the commands still run at the top (Waymark from the folder's install, its
	// config named), so findings name files from the top, where annotations must point.
	const waymark = (verb: string): string => yaml(project.folder ? `${shell(fromTop(project, 'node_modules/.bin/waymark'))} ${verb} --config ${shell(fromTop(project, 'waymark.config.yaml'))}` : `npx waymark ${verb}`);
	const install = project.folder ? `      - run: npm ci\n        working-directory: ${yaml(project.folder)}\n` : '      - run: npm ci\n';
	const lockFile = project.folder ? `\n          cache-dependency-path: ${yaml(fromTop(project, 'package-lock.json'))}` : '';
	return {
		forge: 'github',
		path: '.github/workflows/waymark.yml',
		text: `# Written by \`waymark init\`: checks the runbooks on every pull request (annotations on the
# changed lines, exit 1 on error findings) and builds the site on the default branch. A pull
# request's tree is checked as untrusted: no code from it runs (its MDX renders as Markdown), no
# probe, no \${env:} expansion, nothing read outside it. The default branch is built as trusted.
name: Runbooks
on:
  pull_request:
  push:
permissions:
  contents: read
jobs:
  waymark:
    # Pushes to other branches and tags are skipped: the default branch is read from the
    # repository, so the site is built whatever that branch is called (main, master, trunk).
    if: github.event_name == 'pull_request' || github.ref == format('refs/heads/{0}', github.event.repository.default_branch)
    runs-on: ubuntu-latest
    steps:
      - uses: ${checkout}
      - uses: ${setupNode}
        with:
          node-version: 24
          cache: npm${lockFile}
${install}      # Drawn diagrams and link results, kept between runs. A pull request's check keeps its own
      # outside the checkout (the runner's temporary folder), where the branch cannot put files.
      - uses: ${cache}
        with:
          path: \${{ github.event_name == 'pull_request' && format('{0}/waymark-state', runner.temp) || ${githubString(fromTop(project, project.stateDir))} }}
          key: waymark-\${{ github.event_name }}-\${{ github.sha }}
          restore-keys: waymark-\${{ github.event_name }}-
      - name: Check the runbooks
        if: github.event_name == 'pull_request'
        run: ${waymark('check --untrusted --state-dir "$RUNNER_TEMP/waymark-state" --format github')}
      - name: Build the site
        if: github.event_name == 'push'
        run: ${waymark('build')}
      - if: github.event_name == 'push'
        uses: ${uploadArtifact}
        with:
          name: runbooks-site
          path: ${yaml(fromTop(project, project.outDir))}
`,
	};
}

export function gitlabWorkflow(project: CiProject): CiWorkflow {
	// Jobs start at the top; the project folder's commands run in it, and the paths GitLab keeps
	// (cache, artifacts, the report) are named from the top.
	const enter = project.folder ? `    - ${yaml(`cd ${shell(project.folder)}`)}\n` : '';
	return {
		forge: 'gitlab',
		path: '.gitlab/waymark.gitlab-ci.yml',
		note: 'add `include: { local: .gitlab/waymark.gitlab-ci.yml }` to .gitlab-ci.yml',
		text: `# Written by \`waymark init\`: checks the runbooks on every merge request and builds the site on
# the default branch. A merge request's tree is checked as untrusted: no code from it runs (its
# MDX renders as Markdown), no probe, no \${env:} expansion, nothing read outside it. The default
# branch is built as trusted. Include it from .gitlab-ci.yml:
#   include:
#     - local: .gitlab/waymark.gitlab-ci.yml
.waymark:
  image: node:24
  before_script:
${enter}    - npm ci
  # Drawn diagrams and link results, kept between runs.
  cache:
    key: waymark
    paths:
      - ${yaml(fromTop(project, `${project.stateDir}/`))}

waymark-check:
  extends: .waymark
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  # No shared cache: a merge request's tree is checked with its state outside the checkout (the
  # job's temporary folder), and what its checkout holds is never kept for the default branch.
  cache: []
  script:
    - npx waymark check --untrusted --format junit > waymark-report.xml
  artifacts:
    when: always
    reports:
      junit: ${yaml(fromTop(project, 'waymark-report.xml'))}

waymark-build:
  extends: .waymark
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    - npx waymark build
  artifacts:
    paths:
      - ${yaml(fromTop(project, `${project.outDir}/`))}
`,
	};
}
