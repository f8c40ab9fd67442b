#!/usr/bin/env bash
# Builds editors/vscode/factline.vsix with Node 24 (vsce 4 needs Node >= 22).
# The server binary bundled as server/factline is $FACTLINE_SERVER_BIN, else
# <repo>/target/release/factline.
set -euo pipefail
LOG_TAG=build-vscode-extension
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
source "$("$EDITORS_DIR/scripts/install-vscode.sh" --node-only)"
cd "$EDITORS_DIR/vscode"
t0=$(date +%s)
# npm ci only when the lockfile changed since the last install.
if ! cmp -s package-lock.json node_modules/.package-lock.json.ci 2>/dev/null; then
  npm ci --loglevel=error
  cp package-lock.json node_modules/.package-lock.json.ci
fi
npm run --silent package
log "built $EDITORS_DIR/vscode/factline.vsix in $(( $(date +%s) - t0 ))s"
