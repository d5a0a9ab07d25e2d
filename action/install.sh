#!/usr/bin/env bash
# Finds Waymark for the action's steps: the project's own (after `npm ci`), else the version asked
# for (INPUT_VERSION), installed from npm into the runner's temporary folder. Writes WAYMARK_BIN
# (the command to run) to GITHUB_ENV.
set -euo pipefail
if [[ -x node_modules/.bin/waymark ]]; then
	bin="$PWD/node_modules/.bin/waymark"
	echo "Waymark: the project's own, $("$bin" --version)"
else
	tools="${RUNNER_TEMP:-/tmp}/waymark-action"
	mkdir -p "$tools"
	npm install --prefix "$tools" --no-save --no-audit --no-fund "waymark@${INPUT_VERSION:-latest}" >&2
	bin="$tools/node_modules/.bin/waymark"
	echo "Waymark: installed $("$bin" --version) from npm"
fi
echo "WAYMARK_BIN=$bin" >>"$GITHUB_ENV"
