#!/usr/bin/env bash
# Quick start, on a fresh Debian 12 machine: install missing packages (as root; otherwise print the
# apt-get line), build everything a user runs or links (the engine, the POSIX port, the build tool and
# the folio CLI; ./test.sh builds the tests and benchmarks), compile the bundled content/ into
# build/content.folio, and show it working: an interactive prompt when stdin and stdout are a terminal,
# otherwise a short demo, which stops the script if any of its commands fails.
set -euo pipefail
cd "$(dirname "$0")"

scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DFOLIO_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)"
folio=build/tools/cli/folio

"$folio" build content -o build/content.folio
echo
"$folio" info build/content.folio

if [ -t 0 ] && [ -t 1 ]; then
  echo
  exec "$folio" browse build/content.folio
fi

run() { echo; echo "\$ folio $(printf "%q " "$@")"; "$folio" "$@"; }
run suggest build/content.folio "kne"
run glossary build/content.folio kneecap
run search build/content.folio "steroid shot vs stem cells" --limit 3
run get build/content.folio "faq#is-stem-cell-therapy-approved-by-the-fda"
