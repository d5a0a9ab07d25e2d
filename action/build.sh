#!/usr/bin/env bash
# Builds the site into INPUT_OUT, with the project's config (install.sh) when it names one:
# publishing is never blocked by content, so this fails only on a usage, config or internal error.
set -euo pipefail
config=()
if [[ -n ${WAYMARK_CONFIG:-} ]]; then config=(--config "$WAYMARK_CONFIG"); fi
"$WAYMARK_BIN" build ${config[@]+"${config[@]}"} --out "${INPUT_OUT:-dist}"
