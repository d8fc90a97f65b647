#!/usr/bin/env bash
# Rebuilds the bundles and fails when they differ from the committed dist/: the actions run the
# committed files, so they must be exactly what the sources build to. Used by .ci/run and by the
# check-dist workflow.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run build
if [ -n "$(git status --porcelain -- dist)" ]; then
  echo "::error::dist/ is stale: run 'npm run build' and commit the result." >&2
  git status --porcelain -- dist >&2
  git --no-pager diff --stat -- dist >&2 || true
  exit 1
fi
echo "dist/ is what the sources build to."
