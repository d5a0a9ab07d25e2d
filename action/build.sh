#!/usr/bin/env bash
# Builds the site into INPUT_OUT: publishing is never blocked by content, so this fails only on a
# usage, config or internal error.
set -euo pipefail
$WAYMARK_BIN build --out "${INPUT_OUT:-dist}"
