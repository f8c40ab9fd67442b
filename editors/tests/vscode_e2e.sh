#!/usr/bin/env bash
# Runs vscode_e2e.mjs: installs code-server, Node 24, chromium and
# playwright-core if needed, builds the extension .vsix with $FACTLINE_BIN
# bundled as server/factline, and drives VS Code (code-server) in headless
# chromium against a copy of tests/fixtures/news.
#   FACTLINE_BIN=target/release/factline editors/tests/vscode_e2e.sh
# Optional:
#   FACTLINE_VSIX=path.vsix        use this .vsix instead of building one
#   FACTLINE_E2E_SERVER_PATH=...   set factline.server.path to this
#   FACTLINE_E2E_OUT=dir           output (default <repo>/target/e2e/vscode)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EDITORS="$(cd "$HERE/.." && pwd)"
REPO="$(cd "$EDITORS/.." && pwd)"
source "$("$EDITORS/scripts/install-vscode.sh")"
export FACTLINE_BIN="${FACTLINE_BIN:-$REPO/target/release/factline}"
# A relative path is taken from the current directory.
[[ "$FACTLINE_BIN" == */* && "$FACTLINE_BIN" != /* ]] && FACTLINE_BIN="$PWD/$FACTLINE_BIN"
export FACTLINE_E2E_OUT="${FACTLINE_E2E_OUT:-${FACTLINE_E2E_OUT_ROOT:-$REPO/target/e2e}/vscode}"

if [[ -z "${FACTLINE_VSIX:-}" ]]; then
  FACTLINE_SERVER_BIN="$FACTLINE_BIN" "$EDITORS/scripts/build-vscode-extension.sh" >&2
  export FACTLINE_VSIX="$EDITORS/vscode/factline.vsix"
fi

start=$(date +%s)
set +e
timeout 600 node "$HERE/vscode_e2e.mjs"
rc=$?
set -e
echo "vscode e2e: ${rc/#0/ok} in $(( $(date +%s) - start ))s; screenshots in $FACTLINE_E2E_OUT" >&2
exit $rc
