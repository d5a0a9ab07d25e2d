#!/usr/bin/env bash
# Runs `waymark check` twice over the same tree (the second run reads what the first cached in the
# state folder): the Markdown report becomes the job summary, then the findings become workflow
# annotations (`--format github`). Writes the exit code to GITHUB_OUTPUT as `exit-code`; fails
# the step on it when INPUT_FAIL is `true`. INPUT_ARGS is split on spaces, as a shell would.
set -uo pipefail
read -r -a args <<<"${INPUT_ARGS:-}"
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
# ${args[@]+"${args[@]}"}: "${args[@]}" of an empty array is an unbound variable under `set -u`
# in bash before 4.4 (macOS's /bin/bash is 3.2); this form expands to nothing there.
$WAYMARK_BIN check ${args[@]+"${args[@]}"} --format markdown --output "$summary" >/dev/null 2>&1
# GitHub drops a job summary over 1 MiB whole (and reports an error on the step): keep whole lines
# below that, and say where the rest is.
limit=$((1000 * 1024))
{
	echo '## Waymark'
	if [[ ! -s $summary ]]; then
		echo 'The check wrote no report; its error is in the log of this step.'
	elif (($(wc -c <"$summary") > limit)); then
		head -c "$limit" "$summary" | sed '$d'
		echo
		echo "*The report is longer than a job summary may be (1 MiB); the rest is left out. Every finding is in the log of this step, and \`npx waymark check\` prints them all.*"
	else
		cat "$summary"
	fi
} >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
$WAYMARK_BIN check ${args[@]+"${args[@]}"} --format github
code=$?
echo "exit-code=$code" >>"${GITHUB_OUTPUT:-/dev/null}"
if [[ ${INPUT_FAIL:-true} == true ]]; then exit "$code"; fi
# Not failing on findings still fails on a usage or config error.
((code == 2)) && exit 2
exit 0
