#!/usr/bin/env bash
# Installs the build into a temporary prefix, then builds and runs the
# embedding examples against the installed package only: find_package(writ)
# for C++, pkg-config for C, ctypes for Python. Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" > "$tmp/install.log"
lib=$(dirname "$(find "$prefix" -name 'libwrit.so' | head -n 1)")
test -n "$lib" || { echo "libwrit.so was not installed"; exit 1; }
test -f "$prefix/include/writ/writ.hpp" && test -f "$prefix/include/writ/writ.h"
test -f "$prefix/share/writ/policies/pss/restricted.writ"
test -x "$prefix/bin/writ"
"$prefix/bin/writ" check pss/restricted > /dev/null
export LD_LIBRARY_PATH=$lib
# host PROGRAM...: runs a program that loads libwrit.so; in a sanitized build
# the sanitizer runtime must be loaded first (cmake/Sanitizers.cmake).
host() {
  if [ -n "${WRIT_HOST_PRELOAD:-}" ]; then
    LD_PRELOAD=$WRIT_HOST_PRELOAD ASAN_OPTIONS=detect_leaks=0 "$@"
  else
    "$@"
  fi
}

# C++: find_package(writ) -> writ::writ
cmake -S "$src/examples/embed-cpp" -B "$tmp/cpp" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" > "$tmp/cpp.log"
cmake --build "$tmp/cpp" > "$tmp/cpp-build.log"
host "$tmp/cpp/admission_check" pss/baseline < "$src/examples/admission/review-privileged.json" | grep -q '"allowed":false'
host "$tmp/cpp/admission_check" pss/baseline < "$src/examples/admission/review-ok.json" | grep -q '"allowed":true'

# C++ with policies compiled in as machine code: find_package(writ) ->
# writ_add_machine_code, writ::cli and writ::machine_code. Same findings in
# the interpreter (WRIT_INTERPRET=1).
cmake -S "$src/examples/embed-machine-code" -B "$tmp/mc" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" > "$tmp/mc.log"
cmake --build "$tmp/mc" > "$tmp/mc-build.log" || { cat "$tmp/mc-build.log"; exit 1; }
test -f "$tmp/mc/example_policies.cpp"
machine=$(host "$tmp/mc/example_machine_code" "$src/examples/manifests/web-deployment.yaml")
interpreted=$(export WRIT_INTERPRET=1; host "$tmp/mc/example_machine_code" "$src/examples/manifests/web-deployment.yaml")
grep -q '^deny example.pods/host_namespaces spec.template.spec.hostNetwork: hostNetwork must not be true$' <<< "$machine"
grep -q '^denied$' <<< "$machine"
test "$machine" = "$interpreted"

# C: pkg-config writ
export PKG_CONFIG_PATH=$lib/pkgconfig
# shellcheck disable=SC2046
cc -Wall -Wextra -Werror -o "$tmp/c_check" "$src/examples/embed-c/admission_check.c" $(pkg-config --cflags --libs writ)
host "$tmp/c_check" pss/baseline < "$src/examples/admission/review-privileged.json" | grep -q '"uid":"3a7e6c3e-93c4-4f0e-8f0a-2b4d6a1c9e11","allowed":false'

# Python: ctypes over the installed library
WRIT_LIB=$lib/libwrit.so host python3 "$src/examples/embed-python/admission_check.py" pss/baseline \
  < "$src/examples/admission/review-ok.json" | grep -q '"allowed":true'
echo "install test: package, C++, machine code, C and Python examples OK"
