/**
 * The CI workflow `waymark init` writes: `check --untrusted` on every merge request (a branch under
 * review may not run code, read outside its tree, expand secrets or probe the network), the site
 * built, trusted, on the default branch. The check covers the whole tree, not only the pages the
 * branch changed, since a page deleted or renamed breaks links in pages the branch never touched;
 * findings recorded in the baseline (`waymark baseline`) are listed as known and fail nothing. The
 * clone holds the whole history: the pages' "Last updated" dates come from it (a shallow clone
 * would date them all the day of its one commit).
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

/** What else the workflow does besides checking and building. */
export interface CiChoices {
	/** Publish the default branch's site on the forge's Pages (GitHub Pages, GitLab Pages). */
	deploy?: boolean;
	/** Build each merge request's reviewer preview (`build --base`) and keep it as an artifact. */
	preview?: boolean;
}

/** Where the reviewer preview of a merge request is built, from the repository's top. */
export const previewFolder = 'runbooks-preview';

// Actions pinned by commit, as the recipes in guidebooks/ci-recipes.md are.
const checkout = 'actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0';
const setupNode = 'actions/setup-node@a0853c24544627f65ddf259abe73b1d18a591444 # v5.0.0';
const cache = 'actions/cache@5a3ec84eff668545956fd18022155c47e93e2684 # v4.2.3';
const uploadArtifact = 'actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2';
const configurePages = 'actions/configure-pages@983d7736d9b0ae728b81ab479565c72886d7745b # v5.0.0';
const uploadPagesArtifact =
	'actions/upload-pages-artifact@7b1f4a764d45c48632c6b24a0339c27f5614fb0b # v4.0.0';
const deployPages = 'actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e # v4.0.5';

/** `path` from the repository's top. */
const fromTop = (project: CiProject, path: string): string =>
	project.folder ? `${project.folder}/${path}` : path;

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
	const plain =
		/^[\w./-][\w./ '-]*$/.test(text) &&
		!text.endsWith(' ') &&
		!/^(?:true|false|yes|no|on|off|null|[\d.+-]+)$/i.test(text);
	return plain ? text : JSON.stringify(text);
}

export function githubWorkflow(project: CiProject, choices: CiChoices = {}): CiWorkflow {
	// In a subfolder, the commands still run at the top (Waymark from the folder's install, its
	// config named), so findings name files from the top, where annotations must point.
	const waymark = (verb: string): string =>
		yaml(
			project.folder
				? `${shell(fromTop(project, 'node_modules/.bin/waymark'))} ${verb} --config ${shell(fromTop(project, 'waymark.config.yaml'))}`
				: `npx waymark ${verb}`,
		);
	const install = project.folder
		? `      - run: npm ci\n        working-directory: ${yaml(project.folder)}\n`
		: '      - run: npm ci\n';
	const lockFile = project.folder
		? `\n          cache-dependency-path: ${yaml(fromTop(project, 'package-lock.json'))}`
		: '';
	const site = yaml(fromTop(project, project.outDir));
	const preview = choices.preview
		? `      # The reviewer preview: the site as the branch would publish it, its changed pages marked and
      # a page listing them with their diffs. Download it from the run's artifacts.
      - name: Build the reviewer preview
        if: github.event_name == 'pull_request'
        env:
          BASE_REF: \${{ github.base_ref }}
        run: ${waymark(`build --base "origin/$BASE_REF" --state-dir "$RUNNER_TEMP/waymark-state" --out ${previewFolder}`)}
      - if: github.event_name == 'pull_request'
        uses: ${uploadArtifact}
        with:
          name: runbooks-preview
          path: ${previewFolder}
          retention-days: 14
`
		: '';
	const publish = choices.deploy
		? `      # GitHub Pages serves a project site under /<repository>/: the build takes that path from it.
      - id: pages
        if: github.event_name == 'push'
        uses: ${configurePages}
      - name: Build the site
        if: github.event_name == 'push'
        env:
          BASE_PATH: \${{ steps.pages.outputs.base_path }}
        run: ${waymark('build --base-path "$BASE_PATH/"')}
      - if: github.event_name == 'push'
        uses: ${uploadPagesArtifact}
        with:
          path: ${site}
  # Publishes the site built above (Settings → Pages → Source: GitHub Actions).
  deploy:
    needs: waymark
    if: github.event_name == 'push'
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    concurrency:
      group: pages
      cancel-in-progress: false
    steps:
      - id: deployment
        uses: ${deployPages}
`
		: `      - name: Build the site
        if: github.event_name == 'push'
        run: ${waymark('build')}
      - if: github.event_name == 'push'
        uses: ${uploadArtifact}
        with:
          name: runbooks-site
          path: ${site}
`;
	return {
		forge: 'github',
		path: '.github/workflows/waymark.yml',
		text: `# Written by \`waymark init\`: checks the runbooks on every pull request (annotations on the
# changed lines, exit 1 on error findings) and builds the site on the default branch${choices.deploy ? ', publishing it\n# on GitHub Pages' : ''}. A pull
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
        with:
          # The whole history: each page's "Last updated" date comes from it (a shallow clone
          # would date every page the day of its one commit)${choices.preview ? ', and the preview compares with the base branch' : ''}.
          fetch-depth: 0
          persist-credentials: false
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
${preview}      # Findings recorded in ${fromTop(project, 'waymark.baseline.json')} (\`npx waymark baseline\`) on the branch the
      # pull request goes into are listed as known: only new ones fail it. The branch's own copy is
      # not read: it could record its own findings.
      - name: Check the runbooks
        if: github.event_name == 'pull_request'
        env:
          BASE_REF: \${{ github.base_ref }}
        run: ${waymark('check --untrusted --state-dir "$RUNNER_TEMP/waymark-state" --baseline-ref "origin/$BASE_REF" --format github')}
${publish}`,
	};
}

export function gitlabWorkflow(project: CiProject, choices: CiChoices = {}): CiWorkflow {
	// Jobs start at the top; the project folder's commands run in it, and the paths GitLab keeps
	// (cache, artifacts, the report) are named from the top.
	const enter = project.folder ? `    - ${yaml(`cd ${shell(project.folder)}`)}\n` : '';
	const preview = choices.preview
		? `
# The reviewer preview: the site as the branch would publish it, its changed pages marked and a
# page listing them with their diffs; "Runbooks preview" in the merge request opens it.
waymark-preview:
  extends: .waymark
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  # As waymark-check: the branch's state stays out of the default branch's cache.
  cache: []
  script:
    - npx waymark build --base "$CI_MERGE_REQUEST_DIFF_BASE_SHA" --out "$CI_PROJECT_DIR/${previewFolder}"
  artifacts:
    expose_as: Runbooks preview
    expire_in: 14 days
    paths:
      - ${previewFolder}/
`
		: '';
	// GitLab Pages publishes \`public/\` of the job named \`pages\`, at the path of CI_PAGES_URL.
	const build = choices.deploy
		? `pages:
  extends: .waymark
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    - npx waymark build --out "$CI_PROJECT_DIR/public" --base-path "$(node -p 'new URL(process.env.CI_PAGES_URL).pathname')"
  artifacts:
    paths:
      - public/
`
		: `waymark-build:
  extends: .waymark
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    - npx waymark build
  artifacts:
    paths:
      - ${yaml(fromTop(project, `${project.outDir}/`))}
`;
	return {
		forge: 'gitlab',
		path: '.gitlab/waymark.gitlab-ci.yml',
		note: 'add `include: { local: .gitlab/waymark.gitlab-ci.yml }` to .gitlab-ci.yml',
		text: `# Written by \`waymark init\`: checks the runbooks on every merge request and builds the site on
# the default branch${choices.deploy ? ', publishing it on GitLab Pages' : ''}. A merge request's tree is checked as untrusted: no code
# from it runs (its MDX renders as Markdown), no probe, no \${env:} expansion, nothing read outside
# it. The default branch is built as trusted. Include it from .gitlab-ci.yml:
#   include:
#     - local: .gitlab/waymark.gitlab-ci.yml
.waymark:
  image: node:24
  variables:
    # The whole history: each page's "Last updated" date comes from it (a shallow clone would
    # date every page the day of its newest commit).
    GIT_DEPTH: 0
  before_script:
${enter}    - npm ci
  # Drawn diagrams and link results, kept between runs.
  cache:
    key: waymark
    paths:
      - ${yaml(fromTop(project, `${project.stateDir}/`))}

# Findings recorded in ${fromTop(project, 'waymark.baseline.json')} (\`npx waymark baseline\`) on the branch the merge
# request goes into are listed as known: only new ones fail it. The branch's own copy is not read:
# it could record its own findings.
waymark-check:
  extends: .waymark
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  # No shared cache: a merge request's tree is checked with its state outside the checkout (the
  # job's temporary folder), and what its checkout holds is never kept for the default branch.
  cache: []
  script:
    - npx waymark check --untrusted --baseline-ref "$CI_MERGE_REQUEST_DIFF_BASE_SHA" --format junit > waymark-report.xml
  artifacts:
    when: always
    reports:
      junit: ${yaml(fromTop(project, 'waymark-report.xml'))}
${preview}
${build}`,
	};
}
