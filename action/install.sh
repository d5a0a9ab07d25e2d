#!/usr/bin/env bash
# Finds Waymark and the project for the action's steps. The project is the folder with Waymark's
# package.json and waymark.config.yaml, from the repository's top: INPUT_PROJECT, else the folder of
# a `--config` in INPUT_ARGS, else the top. Waymark is that project's own (after `npm ci` there),
# else the version asked for (INPUT_VERSION), installed from npm into the runner's temporary
# folder; without either the step fails saying how to add Waymark to the project. Writes WAYMARK_BIN (the program to run), WAYMARK_CONFIG (the project's config, when the
# steps must name it), WAYMARK_TRUST (the trust flag the steps pass) and WAYMARK_STATE_DIR (an
# untrusted run's state folder, outside the checkout) to GITHUB_ENV, and `state-dir` (that folder,
# else INPUT_STATE_DIR, else the project's .waymark) and `cache-path` (what the cache keeps) to
# GITHUB_OUTPUT.
set -euo pipefail
read -r -a args <<<"${INPUT_ARGS:-}"
# A pull request's tree is a branch under review: untrusted (no code from it runs, no probe, no
# ${env:}, nothing read outside it) unless the arguments say `--trusted`. Other events (a push to
# the default branch, a schedule) check the team's own tree.
case ${GITHUB_EVENT_NAME:-} in
pull_request | pull_request_target) trust=--untrusted ;;
*) trust='' ;;
esac
config=''
for ((i = 0; i < ${#args[@]}; i++)); do
	case ${args[i]} in
	--config) config=${args[i + 1]:-} ;;
	--config=*) config=${args[i]#--config=} ;;
	--trusted | --untrusted) trust=${args[i]} ;;
	esac
done
if [[ $trust == --untrusted ]]; then echo "Waymark: the tree is checked as untrusted (a branch under review): no code from it runs, no probe, no \${env:}"; fi
project=${INPUT_PROJECT:-}
if [[ -z $project && -n $config ]]; then project=$(dirname -- "$config"); fi
project=${project:-.}
project=${project%/}
if [[ ! -d $project ]]; then
	echo "::error::The project folder \`$project\` does not exist in the checkout; set the action's \`project\` input to the folder that holds waymark.config.yaml and package.json, from the repository's top."
	exit 2
fi
# The steps run at the top, so findings name files as the pull request does: they name the
# project's config unless the arguments do.
if [[ -z $config && $project != . && -f $project/waymark.config.yaml ]]; then config="$project/waymark.config.yaml"; fi
# Waymark is not on the npm registry yet, so the project's own is the way: say how to add it.
where=$([[ $project == . ]] && echo "the repository's top" || echo "\`$project\`")
how_to_add="Waymark is not on the npm registry yet: add it to the project's devDependencies from its tarball, committed in the repository (\`npm install --save-dev ./vendor/waymark-<version>.tgz\`; Waymark's README, \"Using it on your own runbooks\"), and run \`npm ci\` in $where in a step before this action."
if [[ -x $project/node_modules/.bin/waymark ]]; then
	bin="$(cd -- "$project" && pwd)/node_modules/.bin/waymark"
	echo "Waymark: the project's own ($project), $("$bin" --version)"
elif [[ -z ${INPUT_VERSION:-} ]]; then
	echo "::error::No Waymark installed in $where (no node_modules/.bin/waymark). $how_to_add"
	exit 2
else
	tools="${RUNNER_TEMP:-/tmp}/waymark-action"
	mkdir -p "$tools"
	if ! npm install --prefix "$tools" --no-save --no-audit --no-fund "waymark@$INPUT_VERSION" >&2; then
		echo "::error::npm could not install waymark@$INPUT_VERSION (the \`version\` input; npm's output is above), and $where has no Waymark installed (no node_modules/.bin/waymark). $how_to_add"
		exit 2
	fi
	bin="$tools/node_modules/.bin/waymark"
	echo "Waymark: installed $("$bin" --version) from npm (no node_modules/.bin/waymark in $project)"
fi
state=${INPUT_STATE_DIR:-}
if [[ -z $state ]]; then state=$([[ $project == . ]] && echo .waymark || echo "$project/.waymark"); fi
# A branch under review keeps no state in its checkout, where it could have put files of its own
# (Waymark refuses a state folder there): the runner's temporary folder, outside the repository.
untrusted_state=''
if [[ $trust == --untrusted ]]; then
	untrusted_state="${RUNNER_TEMP:-/tmp}/waymark-state"
	state=$untrusted_state
fi
{
	echo "WAYMARK_BIN=$bin"
	echo "WAYMARK_CONFIG=$config"
	echo "WAYMARK_TRUST=$trust"
	echo "WAYMARK_STATE_DIR=$untrusted_state"
} >>"$GITHUB_ENV"
# What the cache keeps: the state folder and, when the step builds the site, the site, so a commit
# that changed only page text is republished in place. Not the site of a branch under review, nor
# an output folder the checkout already has (a committed site): a restore unpacks over what is
# there and deletes nothing, and a patch would keep a file the checkout put beside the last build's.
cached=("$state")
out=${INPUT_OUT:-dist}
if [[ ${INPUT_BUILD:-} == true && $trust != --untrusted && ! -e $out ]]; then cached+=("$out"); fi
{
	echo "state-dir=$state"
	echo "cache-path<<WAYMARK_CACHE_PATH"
	printf '%s\n' "${cached[@]}"
	echo "WAYMARK_CACHE_PATH"
} >>"${GITHUB_OUTPUT:-/dev/null}"
