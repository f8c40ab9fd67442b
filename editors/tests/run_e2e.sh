#!/usr/bin/env bash
# Runs the editor end-to-end tests against $FACTLINE_BIN (default:
# <repo>/target/release/factline, which must be built first).
#   editors/tests/run_e2e.sh            # all three
#   editors/tests/run_e2e.sh nvim helix # some
# Tools are installed/cached in $FACTLINE_E2E_TOOLS (default
# <repo>/target/e2e-tools); results, screenshots and screen captures go to
# $FACTLINE_E2E_OUT_ROOT/<editor>/ (default <repo>/target/e2e/<editor>/).
# Ends with "e2e: N passed, M failed", counting editors.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
export FACTLINE_BIN="${FACTLINE_BIN:-$REPO/target/release/factline}"
editors=("$@")
((${#editors[@]})) || editors=(nvim helix vscode)
passed=0 failed=0 summary=()
for e in "${editors[@]}"; do
  case "$e" in
    nvim) script="$HERE/nvim_e2e.sh" ;;
    helix) script="$HERE/helix_e2e.sh" ;;
    vscode) script="$HERE/vscode_e2e.sh" ;;
    *) echo "unknown editor $e (nvim, helix, vscode)" >&2; exit 2 ;;
  esac
  echo "=== $e"
  t0=$(date +%s)
  if "$script"; then passed=$((passed+1)); r=ok; else failed=$((failed+1)); r=FAILED; fi
  summary+=("$e: $r in $(( $(date +%s) - t0 ))s")
done
echo "==="
printf '%s\n' "${summary[@]}"
echo "e2e: $passed passed, $failed failed"
((failed == 0))
