/** The CI workflow `waymark init` writes: `check` on every merge request, the site built on the default branch. */
export interface CiWorkflow {
	forge: 'github' | 'gitlab';
	/** Path from the project folder. */
	path: string;
	text: string;
	/** What the user still has to do for it to run, if anything. */
	note?: string;
}

// Actions pinned by commit, as the recipes in guidebooks/ci-recipes.md are.
const checkout = 'actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0';
const setupNode = 'actions/setup-node@a0853c24544627f65ddf259abe73b1d18a591444 # v5.0.0';
const cache = 'actions/cache@5a3ec84eff668545956fd18022155c47e93e2684 # v4.2.3';
const uploadArtifact = 'actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2';

export function githubWorkflow(paths: { stateDir: string; outDir: string }): CiWorkflow {
	return {
		forge: 'github',
		path: '.github/workflows/waymark.yml',
		text: `# Written by \`waymark init\`: checks the runbooks on every pull request (annotations on the
# changed lines, exit 1 on error findings) and builds the site on the default branch.
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
          cache: npm
      - run: npm ci
      # Drawn diagrams and link results, kept between runs.
      - uses: ${cache}
        with:
          path: ${paths.stateDir}
          key: waymark-\${{ github.sha }}
          restore-keys: waymark-
      - name: Check the runbooks
        if: github.event_name == 'pull_request'
        run: npx waymark check --format github
      - name: Build the site
        if: github.event_name == 'push'
        run: npx waymark build
      - if: github.event_name == 'push'
        uses: ${uploadArtifact}
        with:
          name: runbooks-site
          path: ${paths.outDir}
`,
	};
}

export function gitlabWorkflow(paths: { stateDir: string; outDir: string }): CiWorkflow {
	return {
		forge: 'gitlab',
		path: '.gitlab/waymark.gitlab-ci.yml',
		note: 'add `include: { local: .gitlab/waymark.gitlab-ci.yml }` to .gitlab-ci.yml',
		text: `# Written by \`waymark init\`: checks the runbooks on every merge request and builds the site on
# the default branch. Include it from .gitlab-ci.yml:
#   include:
#     - local: .gitlab/waymark.gitlab-ci.yml
.waymark:
  image: node:24
  before_script:
    - npm ci
  # Drawn diagrams and link results, kept between runs.
  cache:
    key: waymark
    paths:
      - ${paths.stateDir}/

waymark-check:
  extends: .waymark
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  script:
    - npx waymark check --format junit > waymark-report.xml
  artifacts:
    when: always
    reports:
      junit: waymark-report.xml

waymark-build:
  extends: .waymark
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    - npx waymark build
  artifacts:
    paths:
      - ${paths.outDir}/
`,
	};
}
