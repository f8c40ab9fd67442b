# Sourced by the install-*.sh and run-*.sh scripts. Not executable on its own.
#
# FACTLINE_E2E_TOOLS  where every editor and its helpers are installed and
#                     cached (default: <repo>/target/e2e-tools). CI may cache
#                     this directory between runs; each install script is
#                     idempotent and skips work whose stamp file exists.
set -euo pipefail

EDITORS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_DIR="$(cd "$EDITORS_DIR/.." && pwd)"
TOOLS="${FACTLINE_E2E_TOOLS:-$REPO_DIR/target/e2e-tools}"
mkdir -p "$TOOLS"
TOOLS="$(cd "$TOOLS" && pwd)"

# Keep every tool's state out of $HOME.
export XDG_CONFIG_HOME="${XDG_CONFIG_HOME_E2E:-$TOOLS/xdg/config}"
export XDG_DATA_HOME="${XDG_DATA_HOME_E2E:-$TOOLS/xdg/data}"
export XDG_STATE_HOME="${XDG_STATE_HOME_E2E:-$TOOLS/xdg/state}"
export XDG_CACHE_HOME="${XDG_CACHE_HOME_E2E:-$TOOLS/xdg/cache}"
export npm_config_cache="$TOOLS/cache/npm"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
export PIP_CACHE_DIR="$TOOLS/cache/pip"
export PIP_DISABLE_PIP_VERSION_CHECK=1
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME"

log() { printf '[%s %s] %s\n' "$(date +%H:%M:%S)" "${LOG_TAG:-e2e}" "$*" >&2; }

# step NAME CMD...: runs CMD unless $TOOLS/stamps/NAME exists, and appends
# "NAME <seconds>" to $TOOLS/timings.log.
step() {
  local name="$1"; shift
  local stamp="$TOOLS/stamps/$name"
  mkdir -p "$TOOLS/stamps"
  if [[ -e "$stamp" ]]; then
    log "step $name: cached"
    return 0
  fi
  log "step $name: start"
  local t0 t1
  t0=$(date +%s.%N)
  "$@"
  t1=$(date +%s.%N)
  local secs
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')
  printf '%s %s %s\n' "$(date -u +%FT%TZ)" "$name" "$secs" >>"$TOOLS/timings.log"
  log "step $name: done in ${secs}s"
  touch "$stamp"
}

# timed NAME CMD...: always runs CMD (for steps that check by themselves
# whether there is anything to do, like apt_install) and records the time.
timed() {
  local name="$1"; shift
  local t0 t1 secs
  t0=$(date +%s.%N)
  "$@"
  t1=$(date +%s.%N)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')
  mkdir -p "$TOOLS"
  printf '%s %s %s\n' "$(date -u +%FT%TZ)" "$name" "$secs" >>"$TOOLS/timings.log"
  log "$name: ${secs}s"
}

# apt_install PKG...: installs the Debian packages that are missing.
apt_install() {
  local missing=()
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    local sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    if [[ ! -e /var/lib/apt/lists/lock ]] || ! ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1; then
      $sudo apt-get update -qq
    fi
    log "apt-get install ${missing[*]}"
    mkdir -p "$TOOLS/logs"
    local alog="$TOOLS/logs/apt-$(date +%s).log"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >"$alog" 2>&1 \
      || { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$alog" 2>&1; } \
      || { tail -30 "$alog" >&2; return 1; }
  fi
}
