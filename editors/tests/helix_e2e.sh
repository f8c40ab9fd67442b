#!/usr/bin/env bash
# End-to-end test of the factline language server in Helix (trixie's hx, see
# scripts/install-helix.sh), driven through tmux: `hx --health` must find the
# server; the screen must show an inline diagnostic, a hover (space k), a
# jump to a definition (g d), a diagnostic that goes when its line is
# deleted, a draft's claims outline (space s) and a claim's hover, and a
# cross-document finding in a bare folder.
#   FACTLINE_BIN=target/release/factline editors/tests/helix_e2e.sh
# Screens are saved as text under $FACTLINE_E2E_OUT (default target/e2e/helix).
set -euo pipefail

# ---------------------------------------------------------------------------
# What the checks expect (grep -E patterns). Adjust here when the server's
# wording changes.
# ---------------------------------------------------------------------------
TIMEOUT_S="${FACTLINE_E2E_TIMEOUT_S:-20}"
FILE=harbor-ledger-footbridge.txt
# Search (Helix regex) that puts the cursor on the line with a diagnostic.
DIAG_LINE_SEARCH='^Related videos:'
# The inline diagnostic Helix shows at the end of that line (line text, then
# the message).
EXPECT_DIAG='Related videos:.+(Related videos|[Bb]oilerplate)'
# Text the hover popup adds to the screen (compared with the screen before).
EXPECT_HOVER='[Bb]oilerplate|site furniture'
# Search that puts the cursor on a figure; `g d` must open one of these files.
DEF_SEARCH='injuring 12'
EXPECT_DEF_FILE='valley-courier-lantern-festival\.txt|coastwire-brief\.txt'
# A draft (the `drafts` globs of factline.toml): once verified, its unsourced
# claim shows this inline; the symbol picker (space s) lists the claims
# outline; a hover on the claim found by CLAIM_SEARCH shows its status.
DRAFT=drafts/desk-draft.txt
EXPECT_UNSOURCED='No source in the folder reports this claim'
EXPECT_OUTLINE='unsourced · A regional tourism survey'
CLAIM_SEARCH='^Priya Lonsdale'
EXPECT_CLAIM_HOVER='Claim \(corroborated\): reported by [1-9]'
# ---------------------------------------------------------------------------

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EDITORS="$(cd "$HERE/.." && pwd)"
REPO="$(cd "$EDITORS/.." && pwd)"
source "$("$EDITORS/scripts/install-helix.sh")"
FACTLINE_BIN="${FACTLINE_BIN:-$REPO/target/release/factline}"
# A relative path is taken from the current directory.
[[ "$FACTLINE_BIN" == */* && "$FACTLINE_BIN" != /* ]] && FACTLINE_BIN="$PWD/$FACTLINE_BIN"
OUT="${FACTLINE_E2E_OUT:-${FACTLINE_E2E_OUT_ROOT:-$REPO/target/e2e}/helix}"
rm -rf "$OUT"; mkdir -p "$OUT/home"
cp -r "$HERE/fixtures/news" "$OUT/news"

export HOME="$OUT/home" XDG_CONFIG_HOME="$OUT/xdg/config" XDG_DATA_HOME="$OUT/xdg/data" \
       XDG_STATE_HOME="$OUT/xdg/state" XDG_CACHE_HOME="$OUT/xdg/cache"
mkdir -p "$XDG_CONFIG_HOME/helix"
# The repository's languages.toml, with the server command under test.
sed "s|^command = \"factline\"|command = \"$FACTLINE_BIN\"|" "$EDITORS/helix/languages.toml" \
  >"$XDG_CONFIG_HOME/helix/languages.toml"
cat >"$XDG_CONFIG_HOME/helix/config.toml" <<'TOML'
[editor]
end-of-line-diagnostics = "hint"
[editor.inline-diagnostics]
cursor-line = "hint"
TOML

passed=0 failed=0
ok()   { passed=$((passed+1)); echo "ok   $1${2:+: $2}"; }
fail() { failed=$((failed+1)); echo "FAIL $1${2:+: $2}"; }
start=$(date +%s.%N)

# 1. hx --health: the server binary is found (hx exits 0 either way).
"$HX_BIN" --health factline-text 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >"$OUT/health.txt" || true
if grep -qF "✓ $FACTLINE_BIN" "$OUT/health.txt"; then
  ok "hx --health factline-text" "$(grep -F "$FACTLINE_BIN" "$OUT/health.txt" | head -1 | sed 's/^ *//')"
else
  fail "hx --health factline-text" "$(tr '\n' ' ' <"$OUT/health.txt")"
fi

# 2. Helix in tmux (a private tmux server: -L, no ~/.tmux.conf).
TMUX_SOCK="factline-e2e-$$"
T() { tmux -L "$TMUX_SOCK" -f /dev/null "$@"; }
cleanup() { T kill-server 2>/dev/null || true; }
trap cleanup EXIT
T new-session -d -s e2e -x 220 -y 50 -c "$OUT/news" \
  "env HOME='$HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_CACHE_HOME='$XDG_CACHE_HOME' XDG_DATA_HOME='$XDG_DATA_HOME' XDG_STATE_HOME='$XDG_STATE_HOME' '$HX_BIN' '$FILE'; sleep 30"
T set-option -s escape-time 0
T set-option -g remain-on-exit on

screen() { T capture-pane -p -t e2e; }
# wait_for NAME ERE [file]: polls the screen until it matches.
wait_for() {
  local name="$1" re="$2" end=$(( $(date +%s) + TIMEOUT_S ))
  while (( $(date +%s) < end )); do
    if screen | grep -qE -- "$re"; then screen >"$OUT/$name.txt"; return 0; fi
    sleep 0.2
  done
  screen >"$OUT/$name.txt"
  return 1
}
keys() { T send-keys -t e2e "$@"; }
# new_text BEFORE AFTER: what a popup drew: for each screen line that changed,
# the part of the new line that differs from the old one.
new_text() {
  python3 - "$1" "$2" <<'PY'
import sys
a = open(sys.argv[1]).read().split("\n"); b = open(sys.argv[2]).read().split("\n")
for i, nb in enumerate(b):
    na = a[i] if i < len(a) else ""
    if na == nb:
        continue
    p = 0
    while p < min(len(na), len(nb)) and na[p] == nb[p]:
        p += 1
    q = 0
    while q < min(len(na), len(nb)) - p and na[-1 - q] == nb[-1 - q]:
        q += 1
    print(nb[p:len(nb) - q].strip())
PY
}
# Escape then a key within a few milliseconds reads as Alt+key to Helix:
# pause after every Escape.
esc() { keys Escape; sleep 0.3; }
search() { esc; keys "/"; sleep 0.1; keys -l "$1"; keys Enter; sleep 0.3; }

if wait_for 01-opened "Footbridge gives way"; then ok "hx opened $FILE"; else fail "hx opened $FILE" "see $OUT/01-opened.txt"; fi

# 3. Inline diagnostic at the end of the boilerplate line.
diag_ok=0
if wait_for 02-diagnostic "$EXPECT_DIAG"; then
  diag_ok=1
  ok "inline diagnostic" "$(grep -E -- "$EXPECT_DIAG" "$OUT/02-diagnostic.txt" | head -1 | sed 's/  */ /g')"
else
  fail "inline diagnostic" "no /$EXPECT_DIAG/ on screen, see $OUT/02-diagnostic.txt"
fi

# 4. Hover: space k on that line.
search "$DIAG_LINE_SEARCH"
screen >"$OUT/03-before-hover.txt"
keys Space; keys k
end=$(( $(date +%s) + TIMEOUT_S )); hover=""
while (( $(date +%s) < end )); do
  screen >"$OUT/03-hover.txt"
  hover=$(new_text "$OUT/03-before-hover.txt" "$OUT/03-hover.txt" | grep -E -- "$EXPECT_HOVER" || true)
  [[ -n "$hover" ]] && break
  sleep 0.2
done
if [[ -n "$hover" ]]; then ok "hover (space k)" "$(echo "$hover" | head -2 | sed 's/  */ /g' | tr '\n' ' ')"; else fail "hover (space k)" "see $OUT/03-hover.txt"; fi
esc

# 5. Diagnostics follow edits: delete the line (x d), its diagnostic goes.
search "$DIAG_LINE_SEARCH"
keys x; keys d
end=$(( $(date +%s) + TIMEOUT_S )); gone=0
while (( $(date +%s) < end )); do
  if ! screen | grep -qE -- "$EXPECT_DIAG"; then gone=1; break; fi
  sleep 0.2
done
screen >"$OUT/04-after-delete.txt"
if ((!diag_ok)); then fail "diagnostic gone after deleting its line" "there was none to begin with"
elif ((gone)); then ok "diagnostic gone after deleting its line"; else fail "diagnostic gone after deleting its line" "see $OUT/04-after-delete.txt"; fi

# 6. Go to definition (g d) on a figure.
search "$DEF_SEARCH"
keys g; keys d
if wait_for 05-definition "$EXPECT_DEF_FILE"; then
  ok "go to definition (g d)" "$(grep -oE -- "$EXPECT_DEF_FILE" "$OUT/05-definition.txt" | head -1)"
else
  fail "go to definition (g d)" "see $OUT/05-definition.txt"
fi

# 7. A draft: the claims outline (space s) and a claim's hover (space k).
esc; keys ":open $DRAFT" Enter
if wait_for 07-draft-verified "$EXPECT_UNSOURCED"; then
  ok "draft verified (unsourced-claim)" "$(grep -oE -- "$EXPECT_UNSOURCED" "$OUT/07-draft-verified.txt" | head -1)"
else
  fail "draft verified (unsourced-claim)" "see $OUT/07-draft-verified.txt"
fi
esc; keys Space; keys s
if wait_for 08-claims-outline "$EXPECT_OUTLINE"; then
  ok "claims outline (space s)" "$(grep -oE -- "(corroborated|unsourced|contradicted) · [^│]{0,60}" "$OUT/08-claims-outline.txt" | head -3 | tr '\n' ' ')"
else
  fail "claims outline (space s)" "see $OUT/08-claims-outline.txt"
fi
esc
search "$CLAIM_SEARCH"
screen >"$OUT/09-before-claim-hover.txt"
keys Space; keys k
end=$(( $(date +%s) + TIMEOUT_S )); hover=""
while (( $(date +%s) < end )); do
  screen >"$OUT/09-claim-hover.txt"
  hover=$(new_text "$OUT/09-before-claim-hover.txt" "$OUT/09-claim-hover.txt" | grep -E -- "$EXPECT_CLAIM_HOVER" || true)
  [[ -n "$hover" ]] && break
  sleep 0.2
done
if [[ -n "$hover" ]]; then ok "claim hover (space k)" "$(echo "$hover" | head -1 | sed 's/  */ /g')"; else fail "claim hover (space k)" "see $OUT/09-claim-hover.txt"; fi

esc; keys ":qa!" Enter
sleep 0.3

# 8. A bare folder (no factline.toml, no .git above it: a fresh temporary
# folder). Helix then sends only rootPath; the draft's figure must still be
# compared with the folder's other sources.
BARE="$(mktemp -d)"
trap 'cleanup; rm -rf "$BARE"' EXIT
cp "$HERE"/fixtures/bare/*.txt "$BARE/"
T new-session -d -s bare -x 220 -y 50 -c "$BARE" \
  "env HOME='$HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_CACHE_HOME='$XDG_CACHE_HOME' XDG_DATA_HOME='$XDG_DATA_HOME' XDG_STATE_HOME='$XDG_STATE_HOME' '$HX_BIN' draft.txt; sleep 30"
EXPECT_BARE='23 here; 17 in'
end=$(( $(date +%s) + TIMEOUT_S )); bare_ok=0
while (( $(date +%s) < end )); do
  if T capture-pane -p -t bare | grep -qF -- "$EXPECT_BARE"; then bare_ok=1; break; fi
  sleep 0.2
done
T capture-pane -p -t bare >"$OUT/06-bare-folder.txt"
if ((bare_ok)); then
  ok "bare folder: cross-document inconsistent-figure" "$(grep -oF -- "$EXPECT_BARE" "$OUT/06-bare-folder.txt" | head -1)"
else
  fail "bare folder: cross-document inconsistent-figure" "no '$EXPECT_BARE' on screen, see $OUT/06-bare-folder.txt"
fi
T send-keys -t bare Escape; sleep 0.3; T send-keys -t bare ":qa!" Enter
sleep 0.3
awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN{printf "helix e2e took %.1fs\n", b-a}' >&2
if ((failed)); then
  echo "----- helix log ($XDG_CACHE_HOME/helix/helix.log, last 30 lines)"
  tail -30 "$XDG_CACHE_HOME/helix/helix.log" 2>/dev/null || true
fi
echo "helix-e2e: $passed passed, $failed failed"
((failed == 0))
