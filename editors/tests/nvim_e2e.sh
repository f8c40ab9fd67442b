#!/usr/bin/env bash
# Runs nvim_e2e.lua against $FACTLINE_BIN (default: <repo>/target/release/factline)
# on a copy of tests/fixtures/news. Installs Neovim first if needed.
#   FACTLINE_BIN=... editors/tests/nvim_e2e.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EDITORS="$(cd "$HERE/.." && pwd)"
REPO="$(cd "$EDITORS/.." && pwd)"
source "$("$EDITORS/scripts/install-nvim.sh")"
export FACTLINE_BIN="${FACTLINE_BIN:-$REPO/target/release/factline}"
# A relative path is taken from the current directory.
[[ "$FACTLINE_BIN" == */* && "$FACTLINE_BIN" != /* ]] && FACTLINE_BIN="$PWD/$FACTLINE_BIN"
[[ -x "$FACTLINE_BIN" || "$FACTLINE_BIN" != */* ]] || { echo "FACTLINE_BIN not executable: $FACTLINE_BIN" >&2; exit 1; }
export FACTLINE_EDITORS_DIR="$EDITORS"

OUT="${FACTLINE_E2E_OUT:-${FACTLINE_E2E_OUT_ROOT:-$REPO/target/e2e}/nvim}"
rm -rf "$OUT"; mkdir -p "$OUT"
cp -r "$HERE/fixtures/news" "$OUT/news"
# Private state: nothing from ~/.config/nvim or ~/.local.
export XDG_CONFIG_HOME="$OUT/xdg/config" XDG_DATA_HOME="$OUT/xdg/data" \
       XDG_STATE_HOME="$OUT/xdg/state" XDG_CACHE_HOME="$OUT/xdg/cache"
export NVIM_LOG_FILE="$OUT/nvim.log"

cd "$OUT/news"
start=$(date +%s.%N)
set +e
timeout 180 "$NVIM_BIN" --headless -n -i NONE -u "$HERE/nvim_e2e.lua" harbor-ledger-footbridge.txt \
  2>"$OUT/stderr.log" | tee "$OUT/result.txt"
rc=${PIPESTATUS[0]}
set -e
end=$(date +%s.%N)
awk -v a="$start" -v b="$end" 'BEGIN{printf "nvim e2e took %.1fs\n", b-a}' >&2
if [[ $rc -ne 0 ]]; then
  echo "nvim e2e FAILED (exit $rc). stderr: $OUT/stderr.log, lsp log: $OUT/xdg/state/nvim/lsp.log" >&2
  tail -20 "$OUT/stderr.log" >&2 || true
fi

# A bare folder (no factline.toml, no .git above it: a fresh temporary
# folder): the draft must still be compared with the folder's sources.
BARE="$(mktemp -d)"
trap 'rm -rf "$BARE"' EXIT
cp "$HERE"/fixtures/bare/*.txt "$BARE/"
cd "$BARE"
set +e
timeout 180 "$NVIM_BIN" --headless -n -i NONE -u "$HERE/nvim_bare_folder.lua" draft.txt \
  2>"$OUT/bare-stderr.log" | tee "$OUT/bare-result.txt"
bare_rc=${PIPESTATUS[0]}
set -e
if [[ $bare_rc -ne 0 ]]; then
  echo "nvim bare-folder e2e FAILED (exit $bare_rc). stderr: $OUT/bare-stderr.log" >&2
  tail -20 "$OUT/bare-stderr.log" >&2 || true
  rc=$bare_rc
fi
exit $rc
