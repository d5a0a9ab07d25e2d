#!/usr/bin/env bash
# Runs `waymark check` twice over the same tree (the second run reads what the first cached in the
# state folder): the Markdown report becomes the job summary, then the findings become workflow
# annotations (`--format github`). Writes the exit code to GITHUB_OUTPUT as `exit-code`; fails
# the step on it when INPUT_FAIL is `true`. INPUT_ARGS is split on spaces, as a shell would.
set -uo pipefail
read -r -a args <<<"${INPUT_ARGS:-}"
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
$WAYMARK_BIN check "${args[@]}" --format markdown --output "$summary" >/dev/null 2>&1
{
	echo '## Waymark'
	cat "$summary"
} >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
$WAYMARK_BIN check "${args[@]}" --format github
code=$?
echo "exit-code=$code" >>"${GITHUB_OUTPUT:-/dev/null}"
if [[ ${INPUT_FAIL:-true} == true ]]; then exit "$code"; fi
# Not failing on findings still fails on a usage or config error.
((code == 2)) && exit 2
exit 0
