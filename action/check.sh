#!/usr/bin/env bash
# Runs `waymark check` once: its findings become workflow annotations (`--format github`, printed in
# the step's log) and the same run's Markdown report becomes the job summary (`--report`), so a
# `--live` probe runs once and both say what it answered. Writes the exit code to GITHUB_OUTPUT as
# `exit-code`; fails the step on it when INPUT_FAIL is `true`. INPUT_ARGS is split on spaces, as a
# shell would.
set -uo pipefail
read -r -a args <<<"${INPUT_ARGS:-}"
# The project's config, the trust and an untrusted run's state folder (install.sh), unless the arguments say them.
if [[ -n ${WAYMARK_CONFIG:-} && " ${args[*]-} " != *' --config'[\ =]* ]]; then args+=(--config "$WAYMARK_CONFIG"); fi
if [[ -n ${WAYMARK_TRUST:-} && " ${args[*]-} " != *' '--trusted' '* && " ${args[*]-} " != *' '--untrusted' '* ]]; then args+=("$WAYMARK_TRUST"); fi
if [[ -n ${WAYMARK_STATE_DIR:-} && " ${args[*]-} " != *' --state-dir'[\ =]* ]]; then args+=(--state-dir "$WAYMARK_STATE_DIR"); fi
# A pull request goes by the baseline of the branch it goes into, which it cannot edit (that branch's
# history must be fetched: `fetch-depth: 0`, or Waymark says to fetch it).
if [[ ${WAYMARK_TRUST:-} == --untrusted && -n ${GITHUB_BASE_REF:-} && " ${args[*]-} " != *' --baseline-ref'[\ =]* ]]; then args+=(--baseline-ref "origin/$GITHUB_BASE_REF"); fi
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
# GitHub drops a job summary over 1 MiB whole (and reports an error on the step): Waymark cuts the
# report at a line below that, leaving room for the heading, and says where the rest is.
# ${args[@]+"${args[@]}"}: "${args[@]}" of an empty array is an unbound variable under `set -u`
# in bash before 4.4 (macOS's /bin/bash is 3.2); this form expands to nothing there.
"$WAYMARK_BIN" check ${args[@]+"${args[@]}"} --format github --report "markdown=$summary" --markdown-limit 1024000
code=$?
{
	echo '## Waymark'
	if [[ -s $summary ]]; then
		cat "$summary"
	else
		echo 'The check wrote no report; its error is in the log of this step.'
	fi
} >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
echo "exit-code=$code" >>"${GITHUB_OUTPUT:-/dev/null}"
if [[ ${INPUT_FAIL:-true} == true ]]; then exit "$code"; fi
# Not failing on findings still fails on a usage or config error.
((code == 2)) && exit 2
exit 0
