#!/usr/bin/env bash
# Builds the site into INPUT_OUT, with the project's config and the trust install.sh found (a
# pull request's tree is built untrusted: its MDX never runs): publishing is never blocked by
# content, so this fails only on a usage, config or internal error.
set -euo pipefail
flags=()
if [[ -n ${WAYMARK_CONFIG:-} ]]; then flags+=(--config "$WAYMARK_CONFIG"); fi
if [[ -n ${WAYMARK_TRUST:-} ]]; then flags+=("$WAYMARK_TRUST"); fi
if [[ -n ${WAYMARK_STATE_DIR:-} ]]; then flags+=(--state-dir "$WAYMARK_STATE_DIR"); fi
"$WAYMARK_BIN" build ${flags[@]+"${flags[@]}"} --out "${INPUT_OUT:-dist}"
