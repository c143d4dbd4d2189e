#!/usr/bin/env bash
# The whole test suite, from a clean clone: install missing packages, then
#   1. host build with warnings as errors → ctest (unit, roundtrip, zero-heap, fuzz replays, relevance…)
#   2. AddressSanitizer + UBSan build → ctest (the same suite, corruption sweeps included); then
#      ThreadSanitizer over the engine's readers on many threads (folio_threads_test only)
#   3. ports (ARM under qemu, wasm, Cortex-M, Windows under wine, JNI) → ctest per target
# Prints one closing line "N passed, N failed" over every suite; exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")"
jobs=$(nproc)
start=$(date +%s)
scripts/deps.sh || exit 1

# The ports' packages (2 min 22 s on a fresh machine, mostly downloads) install in the background while
# the host and sanitizer suites build and run; the ports phase waits for them, and installs in the
# foreground (printing any error) if the background install failed. Already-installed packages take a
# few seconds.
mkdir -p build-ci
ports_install_pid=""
if [ -f platforms/ci/install-ports.sh ]; then
  FOLIO_SUDO_NONINTERACTIVE=1 bash platforms/ci/install-ports.sh </dev/null >build-ci/ports-install.log 2>&1 &
  ports_install_pid=$!
fi

# shellcheck source=scripts/tree-generator.sh
source scripts/tree-generator.sh
passed=0; failed=0; suites_failed=()
suite() {  # suite NAME BUILD_DIR [--target T --label L] CMAKE_ARGS...: T only built, tests labelled L only run
  local name=$1 dir=$2; shift 2
  local build_args=() ctest_args=()
  if [ "${1:-}" = --target ]; then build_args=(--target "$2"); ctest_args=(-L "$4"); shift 4; fi
  echo "== $name =="
  local gen; gen=$(tree_generator "$dir")   # Ninja when installed (scripts/tree-generator.sh)
  if ! cmake -S . -B "$dir" $gen "$@" >"$dir.configure.log" 2>&1; then
    cat "$dir.configure.log"; failed=$((failed + 1)); suites_failed+=("$name (configure)"); return
  fi
  if ! cmake --build "$dir" -j"$jobs" "${build_args[@]}" >"$dir.build.log" 2>&1; then
    tail -n 60 "$dir.build.log"; failed=$((failed + 1)); suites_failed+=("$name (build)"); return
  fi
  local log="$dir.ctest.log"
  ctest --test-dir "$dir" "${ctest_args[@]}" --output-on-failure --timeout 600 -j"$jobs" 2>&1 | tee "$log" | grep -vE '^\s+(Start|[0-9]+/[0-9]+ Test)' || true
  # ThreadSanitizer cannot start on a kernel that places mappings where its shadow memory goes (more
  # address randomisation bits than it expects): run again with randomisation off for the tests
  if grep -q 'ThreadSanitizer: unexpected memory mapping' "$log"; then
    echo "(ThreadSanitizer could not map its shadow memory: again with address randomisation off)"
    setarch "$(uname -m)" -R ctest --test-dir "$dir" "${ctest_args[@]}" --output-on-failure --timeout 600 -j"$jobs" 2>&1 | tee "$log" | grep -vE '^\s+(Start|[0-9]+/[0-9]+ Test)' || true
  fi
  local line; line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | tail -n 1)
  if [ -z "$line" ]; then failed=$((failed + 1)); suites_failed+=("$name (no ctest summary)"); return; fi
  local total f; total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line"); f=$(sed -E 's/.*, ([0-9]+) tests failed.*/\1/' <<<"$line")
  passed=$((passed + total - f)); failed=$((failed + f))
  [ "$f" -eq 0 ] || suites_failed+=("$name")
}

# RelWithDebInfo's -O2 without its -g: the debug info made the host build a third slower to compile
# (the ASan suite keeps -g for its reports)
suite "host" build-ci/host -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFOLIO_WERROR=ON \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -DNDEBUG" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -DNDEBUG"
suite "asan+ubsan" build-ci/asan -DCMAKE_BUILD_TYPE=Debug -DFOLIO_WERROR=ON -DFOLIO_SANITIZE=ON -DFOLIO_BUILD_BENCH=OFF
# ThreadSanitizer over folio.h's thread contract (tests/threads): the engine and folio_threads_test only,
# reading the host suite's content pack (the tools under TSan would add minutes and start no engine
# thread); the race self-test proves TSan is on. About 40 s.
if [ -f build-ci/host/content.folio ]; then
  suite "tsan" build-ci/tsan --target folio_threads_test --label threads -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DFOLIO_WERROR=ON -DFOLIO_TSAN=ON -DFOLIO_BUILD_BENCH=OFF -DFOLIO_THREADS_PACK="$PWD/build-ci/host/content.folio"
else
  echo "== tsan =="; echo "no build-ci/host/content.folio (the host suite did not build it): nothing to test"
  failed=$((failed + 1)); suites_failed+=("tsan (no pack)")
fi

if [ -x platforms/ci/run-ports.sh ] || [ -f platforms/ci/run-ports.sh ]; then
  echo "== ports =="
  install_arg=()
  if [ -n "$ports_install_pid" ]; then
    wait "$ports_install_pid" && install_arg=(--no-install)
    sed 's/^/[ports, background] /' build-ci/ports-install.log
  fi
  # Reuse the host suite's folio CLI to build the packs the ports open.
  if FOLIO_HOST_FOLIO="$PWD/build-ci/host/tools/cli/folio" bash platforms/ci/run-ports.sh "${install_arg[@]}" 2>&1 | tee build-ci/ports.log; then :; fi
  line=$(grep -E '^ports: [0-9]+ passed, [0-9]+ failed' build-ci/ports.log | tail -n 1)
  if [ -z "$line" ]; then failed=$((failed + 1)); suites_failed+=("ports (no summary)")
  else
    p=$(sed -E 's/^ports: ([0-9]+) passed.*/\1/' <<<"$line"); f=$(sed -E 's/.*passed, ([0-9]+) failed.*/\1/' <<<"$line")
    passed=$((passed + p)); failed=$((failed + f)); [ "$f" -eq 0 ] || suites_failed+=("ports")
  fi
fi

echo
echo "test.sh: $(( $(date +%s) - start )) s"
[ ${#suites_failed[@]} -eq 0 ] || echo "failed: ${suites_failed[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
