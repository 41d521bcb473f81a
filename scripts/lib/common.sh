# Shared by scripts/demo, scripts/test and scripts/bench: install missing
# Debian packages (idempotent, silent when nothing is missing) and build.
# shellcheck shell=bash

WRIT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WRIT_BUILD=${WRIT_BUILD:-$WRIT_ROOT/build}

# Everything the build and the tests need, from Debian 12 (bookworm).
WRIT_PACKAGES=(cmake ninja-build g++ pkg-config default-jre-headless antlr4
  libantlr4-runtime-dev uuid-dev libyaml-cpp-dev libfmt-dev catch2 libsimdjson-dev
  libre2-dev libcpp-httplib-dev libssl-dev openssl libedit-dev libcli11-dev
  libbenchmark-dev python3)

writ_install_deps() {
  local missing=() p
  for p in "${WRIT_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "writ: installing missing packages: ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  if ! "${sudo[@]}" apt-get install -y -q "${missing[@]}" >/tmp/writ-apt.log 2>&1; then
    "${sudo[@]}" apt-get update -q >/tmp/writ-apt.log 2>&1 || true
    "${sudo[@]}" apt-get install -y -q "${missing[@]}" >>/tmp/writ-apt.log 2>&1 || {
      echo "writ: apt-get failed; see /tmp/writ-apt.log" >&2; tail -20 /tmp/writ-apt.log >&2; return 1; }
  fi
}

# writ_build [extra cmake args...]: configure (once) and build into $WRIT_BUILD.
# WRIT_CMAKE_ARGS adds configure arguments (e.g. -DWRIT_SANITIZE=ON);
# WRIT_TARGETS limits the build to some targets (default: all).
writ_build() {
  if [ ! -f "$WRIT_BUILD/build.ninja" ]; then
    # shellcheck disable=SC2086  # WRIT_CMAKE_ARGS is a list of words
    cmake -S "$WRIT_ROOT" -B "$WRIT_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ${WRIT_CMAKE_ARGS:-} "$@" >/dev/null
  fi
  local targets=()
  # shellcheck disable=SC2206
  [ -n "${WRIT_TARGETS:-}" ] && targets=(--target ${WRIT_TARGETS})
  cmake --build "$WRIT_BUILD" "${targets[@]}" -- -j"$(nproc)" | grep -Ev '^\[[0-9]+/[0-9]+\] ' || true
  test "${PIPESTATUS[0]}" -eq 0
}
